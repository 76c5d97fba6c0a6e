import "server-only";
// A candidate's erasure: every file of one session deleted (one media.deleted each, so storage
// accounting stays exact), and the person's data gone from every place it is kept: the session
// and invitation rows, written answers, transcripts and analyses, HR's comments, ratings and
// note, the emails about them, the event log and the audit trail. The row stays (erased_at set),
// so funnels and counts still add up. One transaction: either all of it, or none.
//
// The bytes are deleted after the commit (best effort, so a media URL dies at once) and again by
// the erase-candidate-media consumer of candidate.erased, which retries until storage agrees: a
// failed deletion is never lost, as with account deletion (lib/server/users/purge-user-media.ts).
import { getDb, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { publish } from "@/lib/events/publish";
import { isUuid } from "@/lib/server/interviews/owned-interview";
import { SESSION_NOT_FOUND } from "@/lib/server/sessions/session-answers";
import { forgetWebhookDeliveries } from "@/lib/server/webhooks/forget-webhook-deliveries";
import { countedSize, deleteObjects, FILE_COLUMNS, type FileRow } from "@/lib/server/users/purge-user-media";

/** What an erased candidate is called (the list and review page show it). */
export const ERASED_CANDIDATE = "Erased candidate";

/**
 * The address that replaces an erased person's email: unique per row (invitations are unique per
 * interview and email), undeliverable (`.invalid`, RFC 2606), and still an email, so the events
 * that carried the real one stay valid against the catalog.
 */
export function erasedEmail(id: string): string {
  return `erased+${id}@erased.invalid`;
}

export const ALREADY_ERASED = "This candidate's data has already been erased.";

export type ErasureReason = "request" | "retention";

export type Erasure = {
  sessionId: string;
  interviewId: string;
  reason: ErasureReason;
  erasedAt: string;
  /** Media files deleted (each has its media.deleted). */
  filesDeleted: number;
  /** Rows changed or removed, per kind of data. */
  erased: { textAnswers: number; analyses: number; comments: number; questionRatings: number; notifications: number; events: number; webhookDeliveries: number };
};

const ERASED_SUMMARY = "(personal data erased)";

type SessionRow = { id: string; interview_id: string; invitation_id: string | null; erased_at: Date | null; user_id: string };

/**
 * Erases one session inside `tx` (see the file's comment). `ownerId` scopes it: another account's
 * session is not found. An erased session is refused with `alreadyErased` (the caller decides
 * whether that is a 409 or nothing to do). Returns the erasure and the file rows whose objects go.
 */
export async function eraseSessionInTx(
  tx: Tx,
  {
    sessionId,
    ownerId,
    reason,
    erasedBy,
    includeDeletedInterviews = false,
    requestId,
  }: { sessionId: string; ownerId: string; reason: ErasureReason; erasedBy: string | null; includeDeletedInterviews?: boolean; requestId?: string },
): Promise<{ erasure: Erasure; files: FileRow[] } | { alreadyErased: true }> {
  const [session] = await tx.$queryRaw<SessionRow[]>`
    SELECT s.id::text AS id, s.interview_id::text AS interview_id, s.invitation_id::text AS invitation_id, s.erased_at, i.user_id::text AS user_id
    FROM candidate_sessions s JOIN interviews i ON i.id = s.interview_id
    WHERE s.id = ${sessionId}::uuid AND i.user_id = ${ownerId}::uuid
      AND (${includeDeletedInterviews} OR i.deleted_at IS NULL)
    FOR UPDATE OF s`;
  if (!session) throw new AppError("NOT_FOUND", SESSION_NOT_FOUND);
  if (session.erased_at) return { alreadyErased: true };
  const erasedAt = new Date();

  // Every file of every take (recordings, and what processing derived from them: the row's paths).
  const files = await tx.$queryRaw<FileRow[]>`
    SELECT ${FILE_COLUMNS} FROM media_files
    WHERE id IN (SELECT media_file_id FROM responses WHERE session_id = ${sessionId}::uuid AND media_file_id IS NOT NULL)
      AND status <> 'deleted'
    ORDER BY id FOR UPDATE`;
  if (files.length > 0) {
    // Offline at once: processing skips a deleted file (recordProcessed needs deleted_at null).
    await tx.$executeRaw`
      UPDATE media_files SET status = 'deleted', deleted_at = ${erasedAt}, updated_at = now()
      WHERE id = ANY(${files.map((f) => f.id)}::uuid[])`;
    for (const file of files) {
      await publish(tx, {
        eventType: "media.deleted",
        userId: session.user_id,
        data: { fileId: file.id, fileSize: countedSize(file), deletedAt: erasedAt.toISOString() },
        correlationId: requestId,
      });
    }
  }

  const email = erasedEmail(sessionId);
  await tx.$executeRaw`
    UPDATE candidate_sessions SET
      candidate_name = ${ERASED_CANDIDATE}, candidate_email = ${email}, user_agent = NULL,
      review_notes = NULL, overall_score = NULL, secret_hash = NULL, erased_at = ${erasedAt}, updated_at = now()
    WHERE id = ${sessionId}::uuid`;
  if (session.invitation_id) {
    // The personal link dies with the data (a finished one is dead already).
    await tx.$executeRaw`
      UPDATE invitations SET
        email = ${erasedEmail(session.invitation_id)}, name = ${ERASED_CANDIDATE}, email_error = NULL,
        status = CASE WHEN status IN ('completed', 'revoked') THEN status ELSE 'revoked'::"CandidateStatus" END,
        revoked_at = CASE WHEN status IN ('completed', 'revoked') THEN revoked_at ELSE ${erasedAt} END,
        updated_at = now()
      WHERE id = ${session.invitation_id}::uuid`;
  }
  const textAnswers = await tx.$executeRaw`
    UPDATE responses SET text_answer = NULL, updated_at = now() WHERE session_id = ${sessionId}::uuid AND text_answer IS NOT NULL`;
  const analyses = await tx.$executeRaw`DELETE FROM analyses WHERE session_id = ${sessionId}::uuid`;
  const comments = await tx.$executeRaw`DELETE FROM review_comments WHERE session_id = ${sessionId}::uuid`;
  const questionRatings = await tx.$executeRaw`DELETE FROM question_ratings WHERE session_id = ${sessionId}::uuid`;

  // The session's events: what the candidate and the mailer published, and the analyses' (keyed by the owner).
  const events = await tx.$queryRaw<{ event_id: string; event_type: string; data: Record<string, unknown> }[]>`
    SELECT event_id::text AS event_id, event_type, data FROM events
    WHERE session_id = ${sessionId}
       OR (owner_id = ${session.user_id}::uuid AND event_type LIKE 'analysis.%' AND data->>'sessionId' = ${sessionId})`;
  const eventIds = events.map((e) => e.event_id);

  // Emails to the candidate (their invitation) and to HR about them (notify-hr keys each by its event).
  const notificationIds = (
    await tx.$queryRaw<{ id: string }[]>`
      UPDATE notifications SET
        "to" = CASE WHEN invitation_id = ${session.invitation_id}::uuid THEN 'erased+' || id::text || '@erased.invalid' ELSE "to" END,
        subject = 'Erased', text = '', html = NULL,
        status = CASE WHEN status = 'queued' THEN 'failed'::"NotificationStatus" ELSE status END,
        error = CASE WHEN status = 'queued' THEN 'Candidate erased' ELSE error END
      WHERE user_id = ${session.user_id}::uuid
        AND ((${session.invitation_id}::uuid IS NOT NULL AND invitation_id = ${session.invitation_id}::uuid)
          OR dedupe_key = ANY(${eventIds.map((id) => `notify-hr:${id}`)}::text[]))
      RETURNING id::text AS id`
  ).map((n) => n.id);

  let eventsChanged = await tx.$executeRaw`
    UPDATE events SET data = CASE
        WHEN event_type = 'candidate.started' THEN data || jsonb_build_object('candidateEmail', ${email}::text, 'userAgent', '')
        WHEN event_type = 'candidate.completed' THEN data || jsonb_build_object('candidateEmail', ${email}::text)
        ELSE data || jsonb_build_object('transcription', '', 'skills', '[]'::jsonb, 'sentiment', NULL)
      END
    WHERE event_id = ANY(${eventIds}::uuid[]) AND event_type IN ('candidate.started', 'candidate.completed', 'analysis.completed')`;
  const sent = await tx.$queryRaw<{ event_id: string }[]>`
    UPDATE events SET data = data || jsonb_build_object('to', 'erased+' || (data->>'notificationId') || '@erased.invalid', 'subject', 'Erased')
    WHERE owner_id = ${session.user_id}::uuid AND event_type = 'notification.sent' AND data->>'notificationId' = ANY(${notificationIds}::text[])
    RETURNING event_id::text AS event_id`;
  eventsChanged += sent.length;

  // The audit trail outlives the event log, so its lines naming the candidate are rewritten too.
  await tx.$executeRaw`
    UPDATE audit_log SET summary = CASE event_type
        WHEN 'candidate.started' THEN ${`A candidate started the interview ${ERASED_SUMMARY}`}
        WHEN 'candidate.completed' THEN ${`A candidate completed the interview ${ERASED_SUMMARY}`}
        ELSE ${`Email sent ${ERASED_SUMMARY}`}
      END
    WHERE event_id = ANY(${[...eventIds, ...sent.map((s) => s.event_id)]}::uuid[])
      AND event_type IN ('candidate.started', 'candidate.completed', 'notification.sent')`;

  // Webhook deliveries keep the bodies they sent (the events as they were): those rows go.
  const webhookDeliveries = await forgetWebhookDeliveries(tx, [...eventIds, ...sent.map((s) => s.event_id)]);

  // The engine keeps what its consumers' steps returned (transcripts, emails' subjects) and
  // their errors: for these events, forgotten.
  const allEventIds = [...eventIds, ...sent.map((s) => s.event_id)];
  await tx.$executeRaw`
    DELETE FROM delivery_steps WHERE delivery_id IN (SELECT id FROM deliveries WHERE event_id = ANY(${allEventIds}::uuid[]))`;
  await tx.$executeRaw`
    UPDATE deliveries SET output = NULL, last_error = CASE WHEN last_error IS NULL THEN NULL ELSE 'Erased with the candidate' END
    WHERE event_id = ANY(${allEventIds}::uuid[])`;
  // The stored report names candidates; it is rebuilt from the erased rows when next read.
  await tx.$executeRaw`UPDATE reports SET content = NULL, status = 'stale', generated_at = NULL WHERE interview_id = ${session.interview_id}::uuid`;

  await publish(tx, {
    eventType: "candidate.erased",
    sessionId,
    data: { interviewId: session.interview_id, reason, erasedBy, filesDeleted: files.length, erasedAt: erasedAt.toISOString() },
    correlationId: requestId,
  });
  return {
    files,
    erasure: {
      sessionId,
      interviewId: session.interview_id,
      reason,
      erasedAt: erasedAt.toISOString(),
      filesDeleted: files.length,
      erased: { textAnswers, analyses, comments, questionRatings, notifications: notificationIds.length, events: eventsChanged, webhookDeliveries },
    },
  };
}

/**
 * The objects of erased files, deleted now so their media URLs die with the commit. Best effort:
 * erase-candidate-media deletes them durably (a failure here is only logged).
 */
export async function deleteErasedObjects(files: FileRow[], sessionId: string): Promise<void> {
  try {
    await deleteObjects(files);
  } catch (err) {
    console.warn(`[retention] session ${sessionId}: storage deletion failed, erase-candidate-media retries it:`, err instanceof Error ? err.message : err);
  }
}

/**
 * HR honours a candidate's erasure request for one session of theirs, in one action. Another
 * account's session (or an unknown id) is a 404; an erased one a 409.
 */
export async function eraseCandidate({
  actor,
  sessionId,
  requestId,
}: {
  actor: { id: string };
  sessionId: unknown;
  requestId?: string;
}): Promise<Erasure> {
  if (!isUuid(sessionId) || !isUuid(actor.id)) throw new AppError("NOT_FOUND", SESSION_NOT_FOUND);
  const db = await getDb();
  const result = await db.$transaction((tx) => eraseSessionInTx(tx, { sessionId, ownerId: actor.id, reason: "request", erasedBy: actor.id, requestId }), {
    timeout: 30_000,
  });
  if ("alreadyErased" in result) throw new AppError("CONFLICT", ALREADY_ERASED);
  await deleteErasedObjects(result.files, sessionId);
  return result.erasure;
}
