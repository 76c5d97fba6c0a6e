import "server-only";
// What every change to HR's judgement starts and ends with: the session locked (two reviewers
// saving at once publish one event per real change, each with the state after it), and the
// candidate.reviewed event in the same transaction.
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { publish } from "@/lib/events/publish";
import type { CandidateSession } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/server/interviews/owned-interview";
import { SESSION_NOT_FOUND } from "@/lib/server/sessions/session-answers";
import { asDecision } from "./review-dto";

export const SESSION_ERASED = "This candidate's data was erased: the session can no longer be reviewed.";

export type ReviewChange = "rating" | "decision" | "note" | "questionRating" | "shortlist" | "comment";

/**
 * The actor's session of a live interview, locked FOR UPDATE. Anyone else's, one of a deleted
 * interview and a malformed id are the same 404; an erased one is a 409.
 */
export async function lockReviewableSession(tx: Tx, actor: { id: string }, sessionId: unknown): Promise<CandidateSession> {
  if (!isUuid(sessionId) || !isUuid(actor.id)) throw new AppError("NOT_FOUND", SESSION_NOT_FOUND);
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT s.id::text AS id
      FROM candidate_sessions s
      JOIN interviews v ON v.id = s.interview_id
     WHERE s.id = ${sessionId}::uuid AND v.user_id = ${actor.id}::uuid AND v.deleted_at IS NULL
       FOR UPDATE OF s`;
  if (rows.length === 0) throw new AppError("NOT_FOUND", SESSION_NOT_FOUND);
  const session = await tx.candidateSession.findUniqueOrThrow({ where: { id: sessionId } });
  if (session.erasedAt) throw new AppError("CONFLICT", SESSION_ERASED);
  return session;
}

/** candidate.reviewed with the rating and decision after the change; never the note's text. */
export async function publishReviewed(
  tx: Tx,
  {
    session,
    actor,
    changes,
    reviewedAt,
    requestId,
  }: {
    session: Pick<CandidateSession, "id" | "interviewId" | "rating" | "decision">;
    actor: { id: string };
    changes: ReviewChange[];
    reviewedAt: Date;
    requestId?: string;
  },
) {
  return publish(tx, {
    eventType: "candidate.reviewed",
    sessionId: session.id,
    data: {
      interviewId: session.interviewId,
      reviewerId: actor.id,
      rating: session.rating,
      decision: asDecision(session.decision),
      changes,
      reviewedAt: reviewedAt.toISOString(),
    },
    ...(requestId ? { correlationId: requestId } : {}),
  });
}
