import "server-only";
// A reviewer's comment on a candidate, about the whole session or one question. Every reviewer
// of the account sees it on the review page, with the author's name as it was when written.
// Adding or deleting one is in the audit log (candidate.reviewed with the change "comment",
// never the text); comments go with the candidate when the candidate is erased.
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { reviewCommentSchema } from "@/lib/schemas/review";
import { parseStrictBody } from "./parse-review-input";
import { QUESTION_NOT_IN_SESSION } from "./rate-question";
import { toCommentView, type ReviewCommentView } from "./review-comments";
import { lockReviewableSession, publishReviewed } from "./reviewable-session";

export async function addReviewComment({
  actor,
  sessionId,
  input,
}: {
  actor: { id: string; fullName: string; email: string };
  sessionId: unknown;
  input: unknown;
}): Promise<ReviewCommentView> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    // Locked like a review change, so a comment cannot slip in while the candidate is erased;
    // and whose session first: another account's is a 404 whatever the body says.
    const session = await lockReviewableSession(tx, actor, sessionId);
    const { body, questionId } = parseStrictBody(reviewCommentSchema, input, ["body", "questionId"]);
    if (questionId) {
      const versionId = session.versionId ?? (await tx.interview.findUniqueOrThrow({ where: { id: session.interviewId } })).currentVersionId;
      const question = versionId ? await tx.question.findFirst({ where: { id: questionId, versionId }, select: { id: true } }) : null;
      if (!question) throw new AppError("VALIDATION", QUESTION_NOT_IN_SESSION, { questionId: [QUESTION_NOT_IN_SESSION] });
    }
    const comment = await tx.reviewComment.create({
      data: { sessionId: session.id, questionId: questionId ?? null, authorId: actor.id, authorName: actor.fullName.trim() || actor.email, body },
    });
    await publishReviewed(tx, { session, actor, changes: ["comment"], reviewedAt: comment.createdAt });
    return toCommentView(comment, actor);
  });
}
