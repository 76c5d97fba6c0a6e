import "server-only";
// The effects of the send-invitations consumer (inngest/functions/send-invitations.ts), one
// function per step. Each is idempotent: emails go through sendEmail with a dedupe key
// (`invitation:<id>:<sendCount>`, `reminder:<id>:<deadline ISO>`), so a replayed step or a
// second delivery of the event sends nothing twice; rows are updated only from the state the
// email was sent for.
import { getEmailSender, type EmailSender } from "@/lib/adapters/email";
import { getDb } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/config";
import { publicUrl } from "@/lib/server/interviews/public-link";
import { PermanentEmailError, sendEmail } from "@/lib/server/notifications/send-email";

export const SEND_INVITATIONS = "send-invitations";
/** Emails sent per step: a step's work stays short, and a retry repeats at most this many hand-overs. */
export const EMAIL_BATCH = 25;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Tries of the send-invitations function: the first and this many retries (its `retries` option). */
export const SEND_INVITATIONS_RETRIES = 6;
/**
 * Pace of sends through Resend, whose default limit is 2 requests a second: one hand-over per
 * this many milliseconds from this process, whichever run sends (a process-wide slot, so runs
 * of several interviews at once share it). Other processes are not counted; a 429 they cause
 * is a transient failure, retried like any other. SMTP and the outbox are not paced.
 */
export const RESEND_PACE_MS = 550;
/** Below this much time between publication and deadline, no reminder is scheduled. */
const MIN_REMINDER_WINDOW_MS = 2 * 60 * 60 * 1000;

export type SentEmail = {
  invitationId: string;
  /** sendCount the invitation email was sent for (reminders: 0). */
  sendCount: number;
  notificationId: string;
  to: string;
  subject: string;
  sentAt: string;
  status: "sent" | "duplicate";
  /** notification.sent still to be emitted for it (false for a duplicate already announced). */
  announce: boolean;
};
export type FailedEmail = { invitationId: string; error: string };
export type EmailBatch = { sent: SentEmail[]; failed: FailedEmail[]; last: string | null; done: boolean };

type InterviewForEmail = {
  id: string;
  userId: string;
  title: string;
  introMessage: string | null;
  language: string;
  status: string;
  expiresAt: Date | null;
  companyName: string;
  questionsCount: number;
};

async function interviewForEmail(interviewId: string): Promise<InterviewForEmail | null> {
  const db = await getDb();
  const interview = await db.interview.findFirst({
    where: { id: interviewId, deletedAt: null, user: { deletedAt: null } },
    include: { user: { select: { companyName: true, fullName: true } } },
  });
  if (!interview) return null;
  const questionsCount = interview.currentVersionId ? await db.question.count({ where: { versionId: interview.currentVersionId } }) : 0;
  return {
    id: interview.id,
    userId: interview.userId,
    title: interview.title,
    introMessage: interview.introMessage,
    language: interview.language,
    status: interview.status,
    expiresAt: interview.expiresAt,
    companyName: interview.user.companyName || interview.user.fullName,
    questionsCount,
  };
}

/** Which of these notifications already have their notification.sent event (by any run). */
async function announced(userId: string, notificationIds: string[]): Promise<Set<string>> {
  if (notificationIds.length === 0) return new Set();
  const db = await getDb();
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT data->>'notificationId' AS id FROM events
     WHERE partition_key = ${userId} AND event_type = 'notification.sent'
       AND data->>'notificationId' = ANY(${notificationIds}::text[])`;
  return new Set(rows.map((r) => r.id));
}

/**
 * Step "claim-announcements": which of these emails this run announces (notification.sent).
 * Emitted event ids derive from the triggering event, so two runs of different
 * interview.published events that both find an email (one sent it, the other found it as a
 * duplicate; at once on Inngest) would each emit one. The announcement is claimed on the
 * notification row instead, with one conditional UPDATE (the row lock serialises racing runs,
 * and the loser sees the winner's claim): a row no event announced yet, unclaimed or claimed by
 * this same event (its retry or second delivery, whose emit ids are the same ones).
 */
export async function claimAnnouncements({ userId, eventId, notificationIds }: { userId: string; eventId: string; notificationIds: string[] }): Promise<string[]> {
  if (notificationIds.length === 0) return [];
  const db = await getDb();
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE notifications n SET announced_by = ${eventId}::uuid
     WHERE n.id = ANY(${notificationIds}::uuid[]) AND n.user_id = ${userId}::uuid
       AND (n.announced_by IS NULL OR n.announced_by = ${eventId}::uuid)
       AND NOT EXISTS (SELECT 1 FROM events e
                        WHERE e.partition_key = ${userId} AND e.event_type = 'notification.sent'
                          AND e.data->>'notificationId' = n.id::text)
    RETURNING n.id::text AS id`;
  return rows.map((r) => r.id);
}

type Recipient = { id: string; email: string; name: string; token: string; sendCount: number };

let nextSendSlot = 0;
/** The configured adapter; through Resend, each hand-over waits for this process's next slot (RESEND_PACE_MS apart). */
function pacedSender(): EmailSender {
  const sender = getEmailSender();
  if (sender.kind !== "resend") return sender;
  return {
    kind: sender.kind,
    async send(message, tx) {
      const now = Date.now();
      const at = Math.max(now, nextSendSlot);
      nextSendSlot = at + RESEND_PACE_MS;
      if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
      return sender.send(message, tx);
    },
  };
}

/** How a batch treats a recipient whose send failed transiently (network, 5xx, 429). */
type OnTransient = {
  /** This is the function's last try: give the recipient up instead of retrying. */
  lastTry: boolean;
  /** Not the last try: the recipient stays pending for the retry; record the error HR sees meanwhile. */
  retrying: (r: Recipient, message: string) => Promise<void>;
  /** The last try: the recipient is given up (the email's notification row is failed too). */
  givingUp: (r: Recipient, message: string) => Promise<void>;
};

/** Thrown by a batch after it sent what it could, when some recipient failed transiently: the step retries. */
export class TransientBatchError extends Error {
  constructor(failures: FailedEmail[]) {
    super(`${failures.length} email(s) failed temporarily and will be retried; first: ${failures[0]!.error}`);
    this.name = "TransientBatchError";
  }
}

async function sendBatch(
  interview: InterviewForEmail,
  recipients: Recipient[],
  template: "invitation" | "reminder",
  dedupeKey: (r: Recipient) => string,
  onPermanent: (r: Recipient, message: string) => Promise<void>,
  onTransient: OnTransient,
): Promise<Omit<EmailBatch, "last" | "done">> {
  const sent: SentEmail[] = [];
  const failed: FailedEmail[] = [];
  const transient: FailedEmail[] = [];
  const sender = pacedSender();
  for (const r of recipients) {
    try {
      const res = await sendEmail({
        userId: interview.userId,
        to: r.email,
        template,
        locale: (interview.language === "ru" ? "ru" : "en") as Locale,
        props: {
          candidateName: r.name,
          companyName: interview.companyName,
          interviewTitle: interview.title,
          introMessage: interview.introMessage,
          link: publicUrl(r.token),
          deadline: interview.expiresAt,
          questionsCount: interview.questionsCount,
        },
        dedupeKey: dedupeKey(r),
        interviewId: interview.id,
        invitationId: r.id,
      }, { sender });
      sent.push({ invitationId: r.id, sendCount: r.sendCount, ...res, announce: res.status === "sent" });
    } catch (err) {
      if (err instanceof PermanentEmailError) {
        await onPermanent(r, err.message.slice(0, 500));
        failed.push({ invitationId: r.id, error: err.message.slice(0, 500) });
        continue;
      }
      // Transient: the others of the batch are still sent; this one is retried with the step.
      const reason = (err instanceof Error ? err.message : String(err)).slice(0, 400);
      if (onTransient.lastTry) {
        const error = `Could not be sent (temporary failures, gave up after the last retry): ${reason}`;
        await onTransient.givingUp(r, error);
        await giveUpNotification(dedupeKey(r), error);
        failed.push({ invitationId: r.id, error });
      } else {
        const error = `Temporary failure, retrying: ${reason}`;
        await onTransient.retrying(r, error);
        transient.push({ invitationId: r.id, error });
      }
    }
  }
  // The step retries; what this try sent is found again as duplicates (dedupe key) and costs nothing.
  if (transient.length > 0) throw new TransientBatchError(transient);
  // A duplicate is an email an earlier attempt sent (its step crashed before recording it):
  // announce it unless that attempt's run already did.
  const dupes = sent.filter((s) => s.status === "duplicate").map((s) => s.notificationId);
  const have = await announced(interview.userId, dupes);
  for (const s of sent) if (s.status === "duplicate") s.announce = !have.has(s.notificationId);
  return { sent, failed };
}

/** A notification still queued after its last try is failed, so no one takes it for pending. */
async function giveUpNotification(dedupeKey: string, error: string): Promise<void> {
  const db = await getDb();
  await db.notification.updateMany({ where: { dedupeKey, status: "queued" }, data: { status: "failed", error } });
}

/**
 * Step "send": the next batch of invitations of the interview whose email is pending (after
 * `after`, in id order), each sent once per sendCount. A permanently failing address marks
 * the invitation failed, with the reason HR sees. A transient failure (network, 5xx, 429)
 * does not stop the others: that invitation stays pending with the error on it ("Temporary
 * failure, retrying: …") and, once the rest is sent, the step throws so it is retried; on the
 * function's last try (`lastTry`) it is marked failed with that error instead, and HR can
 * resend it. Nothing is sent unless the interview is still published.
 */
export async function sendInvitationBatch({
  interviewId,
  after,
  limit = EMAIL_BATCH,
  lastTry = false,
}: {
  interviewId: string;
  after: string | null;
  limit?: number;
  /** The function's last try: a transient failure marks the invitation failed instead of throwing. */
  lastTry?: boolean;
}): Promise<EmailBatch> {
  const interview = await interviewForEmail(interviewId);
  if (!interview || interview.status !== "published") return { sent: [], failed: [], last: after, done: true };
  const db = await getDb();
  const recipients = await db.invitation.findMany({
    where: {
      interviewId,
      source: "invite",
      emailStatus: "pending",
      status: { notIn: ["revoked", "completed"] },
      ...(after ? { id: { gt: after } } : {}),
    },
    orderBy: { id: "asc" },
    take: limit,
    select: { id: true, email: true, name: true, token: true, sendCount: true },
  });
  const batch = await sendBatch(
    interview,
    recipients,
    "invitation",
    (r) => `invitation:${r.id}:${r.sendCount}`,
    async (r, message) => {
      await db.invitation.updateMany({
        where: { id: r.id, sendCount: r.sendCount, emailStatus: "pending" },
        data: { emailStatus: "failed", emailError: message },
      });
    },
    {
      lastTry,
      retrying: async (r, message) => {
        await db.invitation.updateMany({ where: { id: r.id, sendCount: r.sendCount, emailStatus: "pending" }, data: { emailError: message } });
      },
      givingUp: async (r, message) => {
        await db.invitation.updateMany({
          where: { id: r.id, sendCount: r.sendCount, emailStatus: "pending" },
          data: { emailStatus: "failed", emailError: message },
        });
      },
    },
  );
  return { ...batch, last: recipients.at(-1)?.id ?? after, done: recipients.length < limit };
}

/** Step "mark-sent": invitations whose email went out, unless a resend (a newer sendCount) came meanwhile. */
export async function markInvitationsSent(sent: Pick<SentEmail, "invitationId" | "sendCount" | "sentAt">[]): Promise<number> {
  if (sent.length === 0) return 0;
  const db = await getDb();
  return db.$executeRaw`
    UPDATE invitations i SET email_status = 'sent', email_error = NULL, sent_at = s.sent_at, updated_at = now()
      FROM unnest(${sent.map((s) => s.invitationId)}::uuid[], ${sent.map((s) => s.sendCount)}::int[], ${sent.map((s) => s.sentAt)}::timestamptz[])
           AS s(id, send_count, sent_at)
     WHERE i.id = s.id AND i.send_count = s.send_count AND i.email_status = 'pending'`;
}

/**
 * When to remind, for an interview published (or re-published) at `publishedAt` with
 * `expiresAt`: 24 hours before the deadline; if less than 48 hours remain, half-way between
 * now and the deadline; if less than 2 hours remain, not at all. (decision 0004)
 */
export function reminderTime(publishedAt: string, expiresAt: string | null): Date | null {
  if (!expiresAt) return null;
  const from = Date.parse(publishedAt);
  const until = Date.parse(expiresAt);
  const remaining = until - from;
  if (remaining >= 2 * DAY_MS) return new Date(until - DAY_MS);
  if (remaining >= MIN_REMINDER_WINDOW_MS) return new Date(from + remaining / 2);
  return null;
}

/**
 * Step "check": after the sleep, is a reminder for this deadline still due? Not if the
 * interview was deleted, closed or completed, if its deadline changed (a newer
 * interview.published schedules that deadline's reminder) or has passed (database clock).
 */
export async function reminderStillDue(interviewId: string, expiresAt: string): Promise<{ due: boolean; reason: string }> {
  const db = await getDb();
  const [row] = await db.$queryRaw<{ status: string; expires_at: Date | null; live: boolean; open: boolean }[]>`
    SELECT v.status::text AS status, v.expires_at, (v.deleted_at IS NULL AND u.deleted_at IS NULL) AS live,
           COALESCE(v.expires_at > now(), false) AS open
      FROM interviews v JOIN users u ON u.id = v.user_id WHERE v.id = ${interviewId}::uuid`;
  if (!row || !row.live) return { due: false, reason: "deleted" };
  if (row.status !== "published") return { due: false, reason: `interview ${row.status}` };
  if (row.expires_at?.toISOString() !== expiresAt) return { due: false, reason: "deadline changed" };
  if (!row.open) return { due: false, reason: "deadline passed" };
  return { due: true, reason: "due" };
}

/**
 * Step "remind": the next batch of candidates who have not finished (not completed or
 * revoked), whose invitation email went out, and who have not been reminded since this
 * deadline was published (`since`, the event's time). The dedupe key holds the deadline, so
 * whatever overlaps (several runs for one deadline wake together) one candidate gets one
 * reminder per deadline; rows stay selected until the "mark-reminded" step, so a retried step
 * finds what it already sent (as duplicates) and still announces it.
 */
export async function sendReminderBatch({
  interviewId,
  expiresAt,
  since,
  after,
  limit = EMAIL_BATCH,
  lastTry = false,
}: {
  interviewId: string;
  expiresAt: string;
  since: string;
  after: string | null;
  limit?: number;
  /** The function's last try: a transient failure gives that reminder up instead of throwing. */
  lastTry?: boolean;
}): Promise<EmailBatch> {
  const interview = await interviewForEmail(interviewId);
  if (!interview || interview.status !== "published" || interview.expiresAt?.toISOString() !== expiresAt) {
    return { sent: [], failed: [], last: after, done: true };
  }
  const db = await getDb();
  const prefix = "reminder:";
  const suffix = `:${expiresAt}`;
  const recipients = await db.$queryRaw<Recipient[]>`
    SELECT i.id::text AS id, i.email, i.name, i.token, i.send_count AS "sendCount" FROM invitations i
     WHERE i.interview_id = ${interviewId}::uuid AND i.source = 'invite' AND i.email_status = 'sent'
       AND i.status NOT IN ('revoked', 'completed')
       AND (${after}::uuid IS NULL OR i.id > ${after}::uuid)
       AND (i.reminder_sent_at IS NULL OR i.reminder_sent_at < ${new Date(since)}::timestamptz)
     ORDER BY i.id LIMIT ${limit}`;
  const batch = await sendBatch(
    interview,
    recipients,
    "reminder",
    (r) => `${prefix}${r.id}${suffix}`,
    async () => {},
    // A reminder that cannot go out changes nothing on the invitation (its invitation was sent).
    { lastTry, retrying: async () => {}, givingUp: async () => {} },
  );
  for (const s of batch.sent) s.sendCount = 0;
  return { ...batch, last: recipients.at(-1)?.id ?? after, done: recipients.length < limit };
}

/** Step "mark-reminded": reminderSentAt for the candidates reminded. */
export async function markReminded(sent: Pick<SentEmail, "invitationId" | "sentAt">[]): Promise<number> {
  if (sent.length === 0) return 0;
  const db = await getDb();
  return db.$executeRaw`
    UPDATE invitations i SET reminder_sent_at = s.sent_at, updated_at = now()
      FROM unnest(${sent.map((s) => s.invitationId)}::uuid[], ${sent.map((s) => s.sentAt)}::timestamptz[]) AS s(id, sent_at)
     WHERE i.id = s.id AND (i.reminder_sent_at IS NULL OR i.reminder_sent_at < s.sent_at)`;
}
