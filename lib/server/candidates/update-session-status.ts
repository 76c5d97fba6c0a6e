import "server-only";
import { getDb } from "@/lib/db/client";
import type { DomainEvent } from "@/lib/events/catalog";
import { completeInterviewIfDone } from "@/lib/server/interviews/complete-interview";

export const SESSION_STATUS = "session-status"; // the catalog's consumer id

/**
 * candidate.started → the session is in progress (only from `started`: a late or repeated
 * delivery never moves a completed session back).
 * candidate.completed → the candidate row is completed with its answered count, then the
 * interview is completed if that was the last candidate it waited for (completeInterviewIfDone
 * publishes interview.completed once). Both are conditional updates: a duplicate delivery
 * changes nothing.
 */
export async function updateSessionStatus(
  event: DomainEvent<"candidate.started"> | DomainEvent<"candidate.completed">,
): Promise<{ changed: boolean; interviewCompleted?: boolean }> {
  const db = await getDb();
  if (event.eventType === "candidate.started") {
    const { count } = await db.candidateSession.updateMany({
      where: { id: event.sessionId, status: "started" },
      data: { status: "in_progress" },
    });
    return { changed: count === 1 };
  }
  const data = (event as DomainEvent<"candidate.completed">).data;
  return db.$transaction(async (tx) => {
    const session = await tx.candidateSession.findUnique({ where: { id: event.sessionId }, select: { invitationId: true, interviewId: true } });
    if (!session) return { changed: false };
    let changed = false;
    if (session.invitationId) {
      const { count } = await tx.invitation.updateMany({
        where: { id: session.invitationId, status: { notIn: ["completed", "revoked"] } },
        data: { status: "completed", completedAt: new Date(data.completedAt), answeredCount: data.responsesCount },
      });
      changed = count === 1;
    }
    const { completed } = await completeInterviewIfDone(tx, session.interviewId, event.metadata.correlationId);
    return { changed, interviewCompleted: completed };
  });
}
