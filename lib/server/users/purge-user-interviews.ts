import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import type { DomainEvent } from "@/lib/events/catalog";

/** The catalog's consumer id of user.deleted that runs this. */
export const DELETE_USER_INTERVIEWS = "delete-user-interviews";

/** What an anonymised candidate is called. */
export const DELETED_CANDIDATE = "Deleted candidate";

/**
 * The address that replaces a person's email: unique per row (invitations are unique per
 * interview and email), recognisably ours, and undeliverable (`.invalid` is reserved by RFC
 * 2606). It still parses as an email, so anonymised events stay valid against the catalog.
 */
export function anonymisedEmail(id: string): string {
  return `anonymised+${id}@deleted.invalid`;
}

const ANONYMISED = "anonymised+%@deleted.invalid";
const ERASED_SUMMARY = "(personal data erased)";

/**
 * The parts of an account's interviews that go, in this order: the interviews first (their
 * public links die with them), then every personal invitation link, then candidates' personal
 * data wherever it is kept (rows, answers, transcripts, HR's notes, the email log, the event
 * log and the audit trail).
 */
export const PURGE_PARTS = [
  "interviews",
  "invitations",
  "sessions",
  "answers",
  "analyses",
  "reports",
  "notifications",
  "candidate-events",
  "analysis-events",
  "notification-events",
  "audit-log",
] as const;
export type PurgePart = (typeof PURGE_PARTS)[number];

type Batch = (args: { db: Db; userId: string; deletedAt: Date; limit: number }) => Promise<number>;

// Each statement changes at most `limit` rows that are not done yet, in a transaction of its
// own, and reports how many it changed: a part is finished when a batch comes back short. Done
// rows are never selected again, so a second delivery (or a retried step) changes nothing.
const batches: Record<PurgePart, Batch> = {
  // Interviews deleted earlier by HR keep their own date.
  async interviews({ db, userId, deletedAt, limit }) {
    return db.$executeRaw`
      UPDATE interviews SET deleted_at = ${deletedAt}, updated_at = now()
      WHERE id IN (SELECT id FROM interviews WHERE user_id = ${userId}::uuid AND deleted_at IS NULL LIMIT ${limit})`;
  },

  // Every candidate row: personal data replaced; a link not used to the end is revoked.
  async invitations({ db, userId, deletedAt, limit }) {
    return db.$executeRaw`
      UPDATE invitations SET
        email = 'anonymised+' || id::text || '@deleted.invalid',
        name = ${DELETED_CANDIDATE},
        email_error = NULL,
        status = CASE WHEN status IN ('completed', 'revoked') THEN status ELSE 'revoked'::"CandidateStatus" END,
        revoked_at = CASE WHEN status IN ('completed', 'revoked') THEN revoked_at ELSE ${deletedAt} END,
        updated_at = now()
      WHERE id IN (
        SELECT id FROM invitations
        WHERE interview_id IN (SELECT id FROM interviews WHERE user_id = ${userId}::uuid)
          AND email NOT LIKE ${ANONYMISED}
        LIMIT ${limit})`;
  },

  async sessions({ db, userId, limit }) {
    return db.$executeRaw`
      UPDATE candidate_sessions SET
        candidate_email = 'anonymised+' || id::text || '@deleted.invalid',
        candidate_name = ${DELETED_CANDIDATE},
        user_agent = NULL,
        review_notes = NULL,
        updated_at = now()
      WHERE id IN (
        SELECT id FROM candidate_sessions
        WHERE interview_id IN (SELECT id FROM interviews WHERE user_id = ${userId}::uuid)
          AND candidate_email NOT LIKE ${ANONYMISED}
        LIMIT ${limit})`;
  },

  // Written answers (video answers are files: delete-user-media removes them).
  async answers({ db, userId, limit }) {
    return db.$executeRaw`
      UPDATE responses SET text_answer = NULL, updated_at = now()
      WHERE id IN (
        SELECT r.id FROM responses r
        JOIN candidate_sessions s ON s.id = r.session_id
        JOIN interviews i ON i.id = s.interview_id
        WHERE i.user_id = ${userId}::uuid AND r.text_answer IS NOT NULL
        LIMIT ${limit})`;
  },

  // What a candidate said, transcribed, the quotes that justified a score, and what was made of
  // it (the whole result: segments, summaries, skills). Scores, models and dates stay.
  async analyses({ db, userId, limit }) {
    return db.$executeRaw`
      UPDATE analyses SET transcription = NULL, evidence = NULL, result = NULL, sentiment = NULL, skills = '{}'
      WHERE id IN (
        SELECT a.id FROM analyses a
        JOIN candidate_sessions s ON s.id = a.session_id
        JOIN interviews i ON i.id = s.interview_id
        WHERE i.user_id = ${userId}::uuid
          AND (a.transcription IS NOT NULL OR a.evidence IS NOT NULL OR a.result IS NOT NULL OR a.sentiment IS NOT NULL OR a.skills <> '{}')
        LIMIT ${limit})`;
  },

  // analysis.completed carries the transcript, the sentiment and the skills.
  async "analysis-events"({ db, userId, limit }) {
    return db.$executeRaw`
      UPDATE events SET data = data || jsonb_build_object('transcription', '', 'skills', '[]'::jsonb, 'sentiment', NULL)
      WHERE seq IN (
        SELECT seq FROM events
        WHERE owner_id = ${userId}::uuid AND event_type = 'analysis.completed'
          AND (data->>'transcription' <> '' OR data->'skills' <> '[]'::jsonb OR data->>'sentiment' IS NOT NULL)
        LIMIT ${limit})`;
  },

  // Reports name and quote candidates.
  async reports({ db, userId, limit }) {
    return db.$executeRaw`
      UPDATE reports SET content = NULL
      WHERE id IN (
        SELECT id FROM reports
        WHERE interview_id IN (SELECT id FROM interviews WHERE user_id = ${userId}::uuid) AND content IS NOT NULL
        LIMIT ${limit})`;
  },

  // The email log: addresses, and subjects and bodies that name candidates. Which email it was
  // (template, status, dates) stays. An email still queued is failed in the same statement: it
  // will never be sent (its address is gone), and nothing is left waiting to be retried.
  async notifications({ db, userId, limit }) {
    return db.$executeRaw`
      UPDATE notifications SET
        "to" = 'anonymised+' || id::text || '@deleted.invalid',
        subject = 'Deleted',
        text = '',
        html = NULL,
        status = CASE WHEN status = 'queued' THEN 'failed'::"NotificationStatus" ELSE status END,
        error = CASE WHEN status = 'queued' THEN 'Account deleted' ELSE NULL END
      WHERE id IN (
        SELECT id FROM notifications WHERE user_id = ${userId}::uuid AND "to" NOT LIKE ${ANONYMISED} LIMIT ${limit})`;
  },

  // The event log (see docs/decisions/0005-account-deletion.md): the facts stay, the person
  // goes. The replacement is the same address as the session's row.
  async "candidate-events"({ db, userId, limit }) {
    return db.$executeRaw`
      UPDATE events SET data = CASE
          WHEN event_type = 'candidate.started'
            THEN data || jsonb_build_object('candidateEmail', 'anonymised+' || session_id || '@deleted.invalid', 'userAgent', '')
          ELSE data || jsonb_build_object('candidateEmail', 'anonymised+' || session_id || '@deleted.invalid')
        END
      WHERE seq IN (
        SELECT seq FROM events
        WHERE owner_id = ${userId}::uuid AND event_type IN ('candidate.started', 'candidate.completed')
          AND data->>'candidateEmail' NOT LIKE ${ANONYMISED}
        LIMIT ${limit})`;
  },

  async "notification-events"({ db, userId, limit }) {
    return db.$executeRaw`
      UPDATE events SET
        data = data || jsonb_build_object('to', 'anonymised+' || (data->>'notificationId') || '@deleted.invalid', 'subject', 'Deleted')
      WHERE seq IN (
        SELECT seq FROM events
        WHERE owner_id = ${userId}::uuid AND event_type = 'notification.sent' AND data->>'to' NOT LIKE ${ANONYMISED}
        LIMIT ${limit})`;
  },

  // The audit trail outlives the event log (retention), so its lines are rewritten on their own.
  async "audit-log"({ db, userId, limit }) {
    return db.$executeRaw`
      UPDATE audit_log SET summary = CASE event_type
          WHEN 'candidate.started' THEN ${`A candidate started the interview ${ERASED_SUMMARY}`}
          WHEN 'candidate.completed' THEN ${`A candidate completed the interview ${ERASED_SUMMARY}`}
          ELSE ${`Email sent ${ERASED_SUMMARY}`}
        END
      WHERE id IN (
        SELECT id FROM audit_log
        WHERE owner_id = ${userId}::uuid AND event_type IN ('candidate.started', 'candidate.completed', 'notification.sent')
          AND summary NOT LIKE ${`%${ERASED_SUMMARY}`}
        LIMIT ${limit})`;
  },
};

export type PurgeResult = { part: PurgePart; rows: number; done: boolean };

/** Rows per batch, and how long one step goes on with more batches (tests make them tiny). */
export const PURGE_LIMITS = { batchSize: 500, budgetMs: 5_000 };

/**
 * One step of deleting a deleted account's interviews: runs batches of `part` (each its own
 * small transaction, never one giant one) until the part is finished or `budgetMs` has passed,
 * and says whether it is finished. Idempotent: a second delivery finds nothing left to change.
 * Refuses an account that is not deleted (a user.deleted event that is not true).
 */
export async function purgeUserInterviews({
  event,
  part,
  batchSize = PURGE_LIMITS.batchSize,
  budgetMs = PURGE_LIMITS.budgetMs,
}: {
  event: DomainEvent<"user.deleted">;
  part: PurgePart;
  batchSize?: number;
  budgetMs?: number;
}): Promise<PurgeResult> {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: event.userId }, select: { deletedAt: true } });
  if (!user?.deletedAt) throw new AccountNotDeletedError(event.userId);
  const deletedAt = new Date(event.data.deletedAt);
  const started = Date.now();
  let rows = 0;
  for (;;) {
    const changed = await batches[part]({ db, userId: event.userId, deletedAt, limit: batchSize });
    rows += changed;
    if (changed < batchSize) return { part, rows, done: true };
    if (Date.now() - started >= budgetMs) return { part, rows, done: false };
  }
}

export class AccountNotDeletedError extends Error {
  constructor(readonly userId: string) {
    super(`account ${userId} is not deleted: refusing to purge it`);
    this.name = "AccountNotDeletedError";
  }
}
