import "server-only";
// An account's retention period (users.retention_days): N days after an interview closes, its
// candidates' media and personal data are erased, session by session, as an erasure request
// would (lib/server/retention/erase-candidate.ts) with reason "retention". The durable loop that
// runs this is inngest/functions/apply-retention.ts.
import { getDb } from "@/lib/db/client";
import type { DomainEvent } from "@/lib/events/catalog";
import { deleteErasedObjects, ERASED_CANDIDATE, eraseSessionInTx, type Erasure } from "./erase-candidate";

/** The catalog's consumer id of interview.completed and user.updated that runs the sweep. */
export const APPLY_RETENTION = "apply-retention";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Sessions erased per step: each in its own transaction, the step bounded so a crash loses little. */
export const RETENTION_LIMITS = { sessionsPerStep: 25 };

/** When an interview counts as closed: HR closed it, or else it completed. */
const CLOSED_AT = "COALESCE(i.closed_at, i.completed_at)";
/**
 * When a session's period starts: the interview's close, or later for a candidate who finished
 * (or was still answering: HR's close lets a started candidate go on until the deadline) after
 * it, so nobody is erased mid-interview.
 */
const SESSION_CLOSED_AT = `GREATEST(${CLOSED_AT}, COALESCE(s.completed_at, s.updated_at))`;

export type RetentionSweep = {
  /** Sessions erased by this step. */
  erased: number;
  /** More sessions are due now (the next step goes on). */
  more: boolean;
  /** The account's period when the step ran (null: keep, nothing is due). */
  retentionDays: number | null;
  /** Interviews marked retention_applied_at by this step. */
  interviewsApplied: number;
};

async function retentionDaysOf(userId: string): Promise<number | null> {
  const db = await getDb();
  const user = await db.user.findFirst({ where: { id: userId, deletedAt: null }, select: { retentionDays: true } });
  return user?.retentionDays ?? null;
}

/**
 * One step of the sweep: erases up to `limit` sessions of the account's interviews closed at
 * least retention_days ago (read now, so a changed period is honoured), then marks the due
 * interviews left with no session to erase (retention_applied_at). A session erased meanwhile by
 * HR (or by another run) is skipped, so two runs at once erase each session once.
 */
export async function sweepRetention({
  userId,
  now = new Date(),
  limit = RETENTION_LIMITS.sessionsPerStep,
}: {
  userId: string;
  now?: Date;
  limit?: number;
}): Promise<RetentionSweep> {
  const retentionDays = await retentionDaysOf(userId);
  if (retentionDays === null) return { erased: 0, more: false, retentionDays, interviewsApplied: 0 };
  const db = await getDb();
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const due = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT s.id::text AS id FROM candidate_sessions s JOIN interviews i ON i.id = s.interview_id
     WHERE i.user_id = $1::uuid AND s.erased_at IS NULL AND ${CLOSED_AT} IS NOT NULL AND ${SESSION_CLOSED_AT} <= $2
     ORDER BY s.id LIMIT $3`,
    userId,
    cutoff,
    limit + 1,
  );
  const erasures: Erasure[] = [];
  for (const { id } of due.slice(0, limit)) {
    const result = await db.$transaction(
      (tx) => eraseSessionInTx(tx, { sessionId: id, ownerId: userId, reason: "retention", erasedBy: null, includeDeletedInterviews: true }),
      { timeout: 30_000 },
    );
    if ("alreadyErased" in result) continue;
    await deleteErasedObjects(result.files, id);
    erasures.push(result.erasure);
  }
  const more = due.length > limit;
  if (!more) await eraseUnstartedInvitations(userId, cutoff);
  const interviewsApplied = more
    ? 0
    : await db.$executeRawUnsafe(
        `UPDATE interviews i SET retention_applied_at = $2, updated_at = now()
         WHERE i.user_id = $1::uuid AND i.retention_applied_at IS NULL AND ${CLOSED_AT} <= $3
           AND NOT EXISTS (SELECT 1 FROM candidate_sessions s WHERE s.interview_id = i.id AND s.erased_at IS NULL)`,
        userId,
        now,
        cutoff,
      );
  return { erased: erasures.length, more, retentionDays, interviewsApplied };
}

/**
 * Invitees of due interviews who never started have no session to erase, but their name and
 * email are on the invitation, its emails and their notification.sent events: those go too.
 */
async function eraseUnstartedInvitations(userId: string, cutoff: Date): Promise<number> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const invitations = await tx.$queryRawUnsafe<{ id: string }[]>(
      `UPDATE invitations v SET
         email = 'erased+' || v.id::text || '@erased.invalid', name = $3, email_error = NULL,
         status = CASE WHEN v.status IN ('completed', 'revoked') THEN v.status ELSE 'revoked'::"CandidateStatus" END,
         revoked_at = CASE WHEN v.status IN ('completed', 'revoked') THEN v.revoked_at ELSE now() END,
         updated_at = now()
        FROM interviews i
       WHERE i.id = v.interview_id AND i.user_id = $1::uuid AND ${CLOSED_AT} <= $2 AND v.name IS DISTINCT FROM $3
         AND NOT EXISTS (SELECT 1 FROM candidate_sessions s WHERE s.invitation_id = v.id)
       RETURNING v.id::text AS id`,
      userId,
      cutoff,
      ERASED_CANDIDATE,
    );
    if (invitations.length === 0) return 0;
    const ids = invitations.map((v) => v.id);
    const notifications = await tx.$queryRawUnsafe<{ id: string }[]>(
      `UPDATE notifications SET "to" = 'erased+' || id::text || '@erased.invalid', subject = 'Erased', text = '', html = NULL,
         status = CASE WHEN status = 'queued' THEN 'failed'::"NotificationStatus" ELSE status END
       WHERE user_id = $1::uuid AND invitation_id = ANY($2::uuid[]) RETURNING id::text AS id`,
      userId,
      ids,
    );
    const events = await tx.$queryRawUnsafe<{ event_id: string }[]>(
      `UPDATE events SET data = data || jsonb_build_object('to', 'erased+' || (data->>'notificationId') || '@erased.invalid', 'subject', 'Erased')
       WHERE owner_id = $1::uuid AND event_type = 'notification.sent' AND data->>'notificationId' = ANY($2::text[])
       RETURNING event_id::text AS event_id`,
      userId,
      notifications.map((n) => n.id),
    );
    await tx.$executeRawUnsafe(
      `UPDATE audit_log SET summary = 'Email sent (personal data erased)' WHERE event_id = ANY($1::uuid[])`,
      events.map((e) => e.event_id),
    );
    return invitations.length;
  });
}

/**
 * When the account's next closed interview falls due (ISO), or null when none is waiting: the
 * period is off, or every closed interview has been applied. Interviews still open have no date
 * yet: their interview.completed starts a run of their own.
 */
export async function nextRetentionDue({ userId }: { userId: string }): Promise<string | null> {
  const retentionDays = await retentionDaysOf(userId);
  if (retentionDays === null) return null;
  const db = await getDb();
  const [row] = await db.$queryRawUnsafe<{ closed: Date | null }[]>(
    `SELECT MIN(${SESSION_CLOSED_AT}) AS closed FROM interviews i JOIN candidate_sessions s ON s.interview_id = i.id
     WHERE i.user_id = $1::uuid AND ${CLOSED_AT} IS NOT NULL AND s.erased_at IS NULL`,
    userId,
  );
  return row?.closed ? new Date(row.closed.getTime() + retentionDays * DAY_MS).toISOString() : null;
}

/**
 * Whether the run of `event` may stop because a later trigger of the same account started a run
 * of its own (which sweeps the whole account too): an account keeps one loop, not one per
 * interview it ever closed. A user.updated that did not touch the period starts nothing.
 */
export async function retentionSuperseded({ event }: { event: DomainEvent<"interview.completed" | "user.updated"> }): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.$queryRaw<{ later: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM events later JOIN events own ON own.event_id = ${event.eventId}::uuid
      WHERE later.partition_key = ${event.userId} AND later.seq > own.seq
        AND (later.event_type = 'interview.completed'
          OR (later.event_type = 'user.updated' AND jsonb_exists(later.data->'changes', 'retentionDays')))
    ) AS later`;
  return row?.later ?? false;
}

/** Whether an event starts a sweep: every interview.completed; a user.updated only if it changed the period. */
export function startsRetention(event: DomainEvent<"interview.completed" | "user.updated">): boolean {
  if (event.eventType === "interview.completed") return true;
  return "retentionDays" in (event as DomainEvent<"user.updated">).data.changes;
}
