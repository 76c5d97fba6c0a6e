import "server-only";
// The effects of the notify-hr consumer (inngest/functions/notify-hr.ts), one function per step:
// an email to the interview's owner when a candidate finishes and when a session's analysis is
// ready, following the owner's preference (users.notify_hr): `immediately`, `digest` (one email
// a day listing what is pending) or `off`.
//
// No duplicate under double delivery: every notification is keyed by the triggering event
// (`notify-hr:<eventId>`, the notifications row's unique dedupe key), whichever way it goes out.
// Sent at once, sendEmail finds that key and sends nothing twice (a retry after a crash between
// the hand-over and the step's record included). Put in the digest, the key is a queued
// `digest_item` row instead; a second delivery finds it and queues nothing.
//
// Digest items are notifications rows of type `digest_item` (the mailbox lists only `email`
// rows): `subject` is the item's headline in the owner's language, `text` the dashboard link it
// points to. After the durable sleep, a run claims every queued item of the owner with one
// UPDATE … RETURNING, marking them as delivered by its digest email (provider `digest`,
// provider_message_id = that email's dedupe key); the first run to wake sends them all and the
// others find nothing. A retried or repeated run of the same event re-claims what it claimed
// before (same key), so a crash between the claim and the hand-over loses no item.
import { getDb } from "@/lib/db/client";
import { candidateNumber, identityHidden } from "@/lib/server/review/blind-review";
import type { DomainEvent } from "@/lib/events/catalog";
import { renderEmail, type EmailTemplates } from "@/lib/emails/render-email";
import { env } from "@/lib/env";
import { toLocale, type Locale } from "@/lib/i18n/config";
import { isUniqueViolation } from "@/lib/errors";
import { NOTIFY_HR_DEFAULT, isNotifyHr, type NotifyHr } from "@/lib/schemas/user";
import { PermanentEmailError, sendEmail, type SendEmailResult } from "./send-email";

export const NOTIFY_HR = "notify-hr";
/** The daily digest goes out at this hour (UTC), for every account. */
export const DIGEST_HOUR_UTC = 8;
/** notifications.type of an item waiting for the digest. */
export const DIGEST_ITEM = "digest_item";
/** notifications.provider of an item that went out in a digest email. */
const DIGEST_PROVIDER = "digest";
/** Items listed in one digest email; more are summed up ("and N more") and linked through the dashboard. */
export const DIGEST_MAX_ITEMS = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

type HrTemplate = "candidate-completed" | "analysis-ready";

/** What the event asks for, once the owner and their preference are known. */
export type HrNotification =
  | { skip: string }
  | {
      skip?: undefined;
      userId: string;
      to: string;
      locale: Locale;
      preference: NotifyHr;
      template: HrTemplate;
      props: EmailTemplates[HrTemplate];
      interviewId: string;
      dedupeKey: string;
    };

export type SentHrEmail = { status: "sent" | "duplicate"; email: SendEmailResult } | { status: "failed" | "skipped"; reason: string };

/** The dashboard page of one candidate's answers. */
export function reviewUrl(interviewId: string, sessionId: string): string {
  return new URL(`/interviews/${encodeURIComponent(interviewId)}/candidates/${encodeURIComponent(sessionId)}`, env.APP_URL).toString();
}

/** The first digest time strictly after `from`: DIGEST_HOUR_UTC:00 that day or the next. */
export function nextDigestTime(from: string | Date): Date {
  const t = new Date(from);
  const sameDay = Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), DIGEST_HOUR_UTC);
  return new Date(sameDay > t.getTime() ? sameDay : sameDay + DAY_MS);
}

export function dedupeKeyOf(eventId: string): string {
  return `${NOTIFY_HR}:${eventId}`;
}

/**
 * Step "prepare": the owner, their preference and the email's content, or why nothing is sent
 * (an answer's analysis, a session or interview that is gone, an owner that is deleted).
 */
export async function prepareHrNotification(event: DomainEvent<"candidate.completed" | "analysis.completed">): Promise<HrNotification> {
  let sessionId: string;
  let ownerId: string | null = null;
  if (event.eventType === "analysis.completed") {
    // Each answer's analysis has its own event; HR hears once per session, when it is summed up.
    if (event.data.responseId) return { skip: "answer analysis" };
    sessionId = event.data.sessionId;
    ownerId = event.userId;
  } else {
    sessionId = event.sessionId;
  }
  const db = await getDb();
  const session = await db.candidateSession.findUnique({
    where: { id: sessionId },
    select: {
      candidateName: true,
      candidateEmail: true,
      rating: true,
      invitationId: true,
      interview: {
        select: {
          id: true,
          blindReview: true,
          title: true,
          userId: true,
          deletedAt: true,
          user: { select: { email: true, locale: true, notifyHr: true, deletedAt: true } },
        },
      },
    },
  });
  if (!session) return { skip: "session not found" };
  const { interview } = session;
  // An analysis event names its account: it must be the interview's owner.
  if (ownerId && interview.userId !== ownerId) return { skip: "session not found" };
  if (interview.deletedAt) return { skip: "interview deleted" };
  if (interview.user.deletedAt) return { skip: "account deleted" };
  const preference = isNotifyHr(interview.user.notifyHr) ? interview.user.notifyHr : NOTIFY_HR_DEFAULT;
  // Blind review: the email names no one the reviewer has not rated yet (as the dashboard).
  const number = identityHidden(interview.blindReview, session.rating) ? await candidateNumber(db, session.invitationId) : undefined;
  const blindName = (n: number | null) => `${toLocale(interview.user.locale) === "ru" ? "Кандидат" : "Candidate"}${n ? ` ${n}` : ""}`;
  const candidateName = number !== undefined ? blindName(number) : session.candidateName.trim() || session.candidateEmail;
  const reviewLink = reviewUrl(interview.id, sessionId);
  const common = {
    userId: interview.userId,
    to: interview.user.email,
    locale: toLocale(interview.user.locale),
    preference,
    interviewId: interview.id,
    dedupeKey: dedupeKeyOf(event.eventId),
  };
  if (event.eventType === "candidate.completed") {
    return { ...common, template: "candidate-completed", props: { candidateName, interviewTitle: interview.title, reviewLink } };
  }
  return {
    ...common,
    template: "analysis-ready",
    props: { candidateName, interviewTitle: interview.title, overallScore: event.data.overallScore, reviewLink },
  };
}

/** Step "send": the email at once, once per event. A permanent failure is recorded and returned, not retried. */
export async function sendHrEmail(n: Exclude<HrNotification, { skip: string }>): Promise<SentHrEmail> {
  const db = await getDb();
  const existing = await db.notification.findUnique({ where: { dedupeKey: n.dedupeKey }, select: { type: true } });
  // A delivery of this event under another preference queued it for the digest already.
  if (existing && existing.type !== "email") return { status: "skipped", reason: "queued for the digest" };
  try {
    const email = await sendEmail({
      userId: n.userId,
      to: n.to,
      template: n.template,
      locale: n.locale,
      props: n.props,
      dedupeKey: n.dedupeKey,
      interviewId: n.interviewId,
    } as Parameters<typeof sendEmail>[0]);
    return { status: email.status, email };
  } catch (err) {
    if (err instanceof PermanentEmailError) return { status: "failed", reason: err.message.slice(0, 500) };
    throw err;
  }
}

/**
 * Step "queue": the item waits for the owner's digest (a `digest_item` row keyed by the event).
 * Returns whether this call queued it (false: a delivery of the same event did, or sent it).
 */
export async function queueDigestItem(n: Exclude<HrNotification, { skip: string }>): Promise<{ queued: boolean }> {
  const db = await getDb();
  if (await db.notification.findUnique({ where: { dedupeKey: n.dedupeKey }, select: { id: true } })) return { queued: false };
  const { subject } = await renderEmail(n.template, n.locale, n.props as never);
  try {
    await db.notification.create({
      data: {
        userId: n.userId,
        type: DIGEST_ITEM,
        to: n.to,
        subject,
        text: n.props.reviewLink,
        status: "queued",
        template: n.template,
        dedupeKey: n.dedupeKey,
        interviewId: n.interviewId,
      },
    });
    return { queued: true };
  } catch (err) {
    if (isUniqueViolation(err)) return { queued: false };
    throw err;
  }
}

export type DigestClaim = { digestKey: string; items: { headline: string; link: string }[]; cancelled: number };

/**
 * Step "claim-digest": every queued digest item of the owner, claimed for this run's digest
 * email (`notify-hr-digest:<eventId>`) in one UPDATE … RETURNING, together with the items this
 * same key claimed before (a retry, or another delivery of the same event). When the owner has
 * turned notifications off meanwhile, the queued items are cancelled (failed, with the reason)
 * instead.
 */
export async function claimDigest({ userId, eventId }: { userId: string; eventId: string }): Promise<DigestClaim> {
  const digestKey = `${NOTIFY_HR}-digest:${eventId}`;
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const [owner] = await tx.$queryRaw<{ notify_hr: string; deleted: boolean }[]>`
      SELECT notify_hr, deleted_at IS NOT NULL AS deleted FROM users WHERE id = ${userId}::uuid`;
    if (!owner || owner.deleted || owner.notify_hr === "off") {
      const cancelled = await tx.$executeRaw`
        UPDATE notifications SET status = 'failed', error = 'Not sent: email notifications were turned off before the digest.'
         WHERE user_id = ${userId}::uuid AND type = ${DIGEST_ITEM} AND status = 'queued'`;
      return { digestKey, items: [], cancelled };
    }
    const rows = await tx.$queryRaw<{ id: string; subject: string; text: string; created_at: Date }[]>`
      UPDATE notifications
         SET status = 'sent', provider = ${DIGEST_PROVIDER}, provider_message_id = ${digestKey}, sent_at = COALESCE(sent_at, now()), attempts = attempts + 1
       WHERE user_id = ${userId}::uuid AND type = ${DIGEST_ITEM}
         AND (status = 'queued' OR (status = 'sent' AND provider = ${DIGEST_PROVIDER} AND provider_message_id = ${digestKey}))
      RETURNING id::text AS id, subject, text, created_at`;
    const items = rows
      .sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || a.id.localeCompare(b.id))
      .map((r) => ({ headline: r.subject, link: r.text }));
    return { digestKey, items, cancelled: 0 };
  });
}

/** Step "send-digest": one email listing the claimed items, once per digest key. */
export async function sendDigestEmail({ userId, claim }: { userId: string; claim: DigestClaim }): Promise<SentHrEmail> {
  if (claim.items.length === 0) return { status: "skipped", reason: claim.cancelled > 0 ? "notifications off" : "nothing pending" };
  const db = await getDb();
  const owner = await db.user.findUnique({ where: { id: userId }, select: { email: true, locale: true, deletedAt: true } });
  if (!owner || owner.deletedAt) return { status: "skipped", reason: "account deleted" };
  const shown = claim.items.slice(0, DIGEST_MAX_ITEMS);
  try {
    const email = await sendEmail({
      userId,
      to: owner.email,
      template: "hr-digest",
      locale: toLocale(owner.locale),
      props: {
        items: shown,
        more: claim.items.length - shown.length,
        dashboardLink: new URL("/interviews", env.APP_URL).toString(),
      },
      dedupeKey: claim.digestKey,
    });
    return { status: email.status, email };
  } catch (err) {
    if (!(err instanceof PermanentEmailError)) throw err;
    const reason = err.message.slice(0, 500);
    await db.notification.updateMany({
      where: { userId, type: DIGEST_ITEM, provider: DIGEST_PROVIDER, providerMessageId: claim.digestKey },
      data: { status: "failed", error: reason },
    });
    return { status: "failed", reason };
  }
}
