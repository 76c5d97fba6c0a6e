import "server-only";
import type { Tx } from "@/lib/db/client";
import { publish } from "@/lib/events/publish";

/**
 * Marks the interview completed and publishes interview.completed, exactly once, when it is
 * done:
 *  - published: every personal invitation that is not revoked is completed (there is at least
 *    one), and no candidate (personal or public link) is still in progress;
 *  - closed: no candidate is still in progress (an invitation in_progress, or a session started
 *    or in progress) while the deadline has not passed: after it, nobody can finish any more.
 * Call it inside the transaction that changed the state (closing, a candidate finishing, a
 * revocation). The row lock serialises concurrent callers, and the conditional UPDATE ... WHERE
 * completed_at IS NULL lets only the first of them publish.
 */
export async function completeInterviewIfDone(
  tx: Tx,
  interviewId: string,
  requestId?: string,
): Promise<{ completed: boolean }> {
  const [row] = await tx.$queryRaw<{ user_id: string; status: string; completed_at: Date | null; expires_at: Date | null; deleted_at: Date | null }[]>`
    SELECT user_id::text AS user_id, status::text AS status, completed_at, expires_at, deleted_at
      FROM interviews WHERE id = ${interviewId}::uuid FOR UPDATE`;
  if (!row || row.completed_at || row.deleted_at) return { completed: false };
  if (row.status !== "published" && row.status !== "closed") return { completed: false };

  const [c] = await tx.$queryRaw<{ personal_open: number; personal_done: number; in_progress: number; done: number }[]>`
    SELECT
      (SELECT count(*) FROM invitations
        WHERE interview_id = ${interviewId}::uuid AND source = 'invite' AND status NOT IN ('revoked', 'completed'))::int AS personal_open,
      (SELECT count(*) FROM invitations
        WHERE interview_id = ${interviewId}::uuid AND source = 'invite' AND status = 'completed')::int AS personal_done,
      ((SELECT count(*) FROM invitations WHERE interview_id = ${interviewId}::uuid AND status = 'in_progress')
       + (SELECT count(*) FROM candidate_sessions
           WHERE interview_id = ${interviewId}::uuid AND status IN ('started', 'in_progress')))::int AS in_progress,
      (SELECT count(*) FROM invitations WHERE interview_id = ${interviewId}::uuid AND status = 'completed')::int AS done`;
  const deadlinePassed = row.expires_at !== null && row.expires_at.getTime() <= Date.now();
  const stillWorking = c!.in_progress > 0 && !deadlinePassed;
  const done =
    row.status === "published" ? c!.personal_done > 0 && c!.personal_open === 0 && !stillWorking : !stillWorking;
  if (!done) return { completed: false };

  const updated = await tx.$queryRaw<{ completed_at: Date }[]>`
    UPDATE interviews SET status = 'completed', completed_at = now(), updated_at = now()
     WHERE id = ${interviewId}::uuid AND completed_at IS NULL AND status IN ('published', 'closed')
     RETURNING completed_at`;
  if (updated.length === 0) return { completed: false };
  await publish(tx, {
    eventType: "interview.completed",
    userId: row.user_id,
    data: { interviewId, completedCandidates: c!.done, completedAt: updated[0]!.completed_at.toISOString() },
    correlationId: requestId,
  });
  return { completed: true };
}
