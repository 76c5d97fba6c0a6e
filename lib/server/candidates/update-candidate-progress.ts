import "server-only";
import { getDb } from "@/lib/db/client";
import type { DomainEvent } from "@/lib/events/catalog";

export const UPDATE_PROGRESS = "update-progress"; // the catalog's consumer id

/**
 * candidate.response_submitted → the session's and its candidate row's answeredCount,
 * recounted from the submitted responses (distinct questions), so HR's candidates table moves
 * live. A recount, not an increment: a duplicate or late delivery writes the same numbers.
 */
export async function updateCandidateProgress(event: DomainEvent<"candidate.response_submitted">): Promise<{ answeredCount: number | null }> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ answered: number }[]>`
      SELECT count(DISTINCT r.question_id)::int AS answered
        FROM candidate_sessions s
        JOIN responses r ON r.session_id = s.id AND r.submitted_at IS NOT NULL
        JOIN questions q ON q.id = r.question_id AND q.version_id = s.version_id
       WHERE s.id = ${event.sessionId}::uuid`;
    const session = await tx.candidateSession.findUnique({ where: { id: event.sessionId }, select: { invitationId: true } });
    if (!session) return { answeredCount: null };
    const answered = row?.answered ?? 0;
    await tx.candidateSession.update({ where: { id: event.sessionId }, data: { answeredCount: answered } });
    if (session.invitationId) {
      await tx.invitation.updateMany({ where: { id: session.invitationId }, data: { answeredCount: answered } });
    }
    return { answeredCount: answered };
  });
}
