import "server-only";
// What the review page shows of HR's judgement beside the answers: the overall rating,
// decision and note, each question's rating, and the reviewers' comments (every reviewer of
// the account sees all of them). Anyone else's session is a 404, as for the page itself.
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/server/interviews/owned-interview";
import { SESSION_NOT_FOUND } from "@/lib/server/sessions/session-answers";
import { toCommentView, type ReviewCommentView } from "./review-comments";
import { toReviewView, type ReviewView } from "./review-dto";

export type ReviewJudgement = {
  sessionId: string;
  review: ReviewView;
  shortlisted: boolean;
  /** Erased candidates cannot be reviewed (the page shows the judgement read-only). */
  erased: boolean;
  blindReview: boolean;
  /** Per question id, HR's rating of the answer. */
  questionRatings: Record<string, number>;
  /** Oldest first. */
  comments: ReviewCommentView[];
};

export async function getReviewJudgement({ actor, sessionId }: { actor: { id: string }; sessionId: unknown }): Promise<ReviewJudgement> {
  if (!isUuid(sessionId) || !isUuid(actor.id)) throw new AppError("NOT_FOUND", SESSION_NOT_FOUND);
  const db = await getDb();
  const session = await db.candidateSession.findFirst({
    where: { id: sessionId, interview: { userId: actor.id, deletedAt: null } },
    select: {
      id: true,
      rating: true,
      decision: true,
      reviewNotes: true,
      reviewedAt: true,
      shortlisted: true,
      erasedAt: true,
      interview: { select: { blindReview: true } },
      questionRatings: { select: { questionId: true, rating: true } },
      comments: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });
  if (!session) throw new AppError("NOT_FOUND", SESSION_NOT_FOUND);
  return {
    sessionId: session.id,
    review: toReviewView(session),
    shortlisted: session.shortlisted,
    erased: session.erasedAt !== null,
    blindReview: session.interview.blindReview,
    questionRatings: Object.fromEntries(session.questionRatings.map((r) => [r.questionId, r.rating])),
    comments: session.comments.map((c) => toCommentView(c, actor)),
  };
}
