import "server-only";
// HR's rating of one answer (1–5, or null to clear it), next to the overall rating. A change
// stamps the session's reviewed_at/by and publishes candidate.reviewed with changes
// ["questionRating"] in the same transaction; rating what is already rated publishes nothing.
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { questionRatingSchema } from "@/lib/schemas/review";
import { parseStrictBody } from "./parse-review-input";
import { lockReviewableSession, publishReviewed } from "./reviewable-session";

export const QUESTION_NOT_IN_SESSION = "This question is not one of the questions this candidate answers.";

export type QuestionRatingChange = { questionId: string; rating: number | null; changed: boolean };

export async function rateQuestion({
  actor,
  sessionId,
  input,
  requestId,
}: {
  actor: { id: string };
  sessionId: unknown;
  input: unknown;
  requestId?: string;
}): Promise<QuestionRatingChange> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    // Whose session first: another account's is a 404 whatever the body says.
    const session = await lockReviewableSession(tx, actor, sessionId);
    const { questionId, rating } = parseStrictBody(questionRatingSchema, input, ["questionId", "rating"]);
    // Only a question of the version this candidate answers (a session without one answers the current).
    const versionId = session.versionId ?? (await tx.interview.findUniqueOrThrow({ where: { id: session.interviewId } })).currentVersionId;
    const question = versionId ? await tx.question.findFirst({ where: { id: questionId, versionId }, select: { id: true } }) : null;
    if (!question) throw new AppError("VALIDATION", QUESTION_NOT_IN_SESSION, { questionId: [QUESTION_NOT_IN_SESSION] });

    const where = { sessionId_questionId: { sessionId: session.id, questionId } };
    const current = await tx.questionRating.findUnique({ where });
    if ((current?.rating ?? null) === rating) return { questionId, rating, changed: false };
    if (rating === null) await tx.questionRating.delete({ where });
    else await tx.questionRating.upsert({ where, create: { sessionId: session.id, questionId, rating, ratedBy: actor.id }, update: { rating, ratedBy: actor.id } });

    const reviewedAt = new Date();
    await tx.candidateSession.update({ where: { id: session.id }, data: { reviewedAt, reviewedBy: actor.id } });
    await publishReviewed(tx, { session, actor, changes: ["questionRating"], reviewedAt, requestId });
    return { questionId, rating, changed: true };
  });
}
