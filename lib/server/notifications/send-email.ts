import "server-only";
// The Notification Service's one way to send an email. Called from consumers (inside a
// `step.run`), never from a request.
//
// No duplicate email under double delivery:
// - the notifications row is created first, with the caller's unique `dedupeKey` (status
//   queued, the rendered subject, text and html kept on it);
// - each attempt locks that row (SELECT … FOR UPDATE) for the duration of the hand-over, so a
//   concurrent second call waits and then finds it `sent`: it returns `status: "duplicate"`
//   with the stored facts and sends nothing;
// - a row still `queued` (an earlier attempt failed or crashed) is retried with the same
//   content and the same provider idempotency key (Resend then sends it once; SMTP has no such
//   key, see lib/adapters/email/smtp.ts).
// Failures: attempts incremented, error stored. Transient ones (network, 5xx, 429, SMTP 4xx)
// are rethrown as ordinary errors so the calling step retries with back-off; permanent ones
// (an address that is not one, a provider 4xx such as 422, an SMTP 5xx such as 550) mark the
// row `failed` and throw PermanentEmailError, which the caller turns into a NonRetriableError
// after recording it (e.g. the invitation's emailStatus).
import { z } from "zod";
import { EmailDeliveryError, getEmailSender, type EmailSender } from "@/lib/adapters/email";
import { getDb } from "@/lib/db/client";
import { renderEmail, type EmailTemplate, type EmailTemplates } from "@/lib/emails/render-email";
import { env } from "@/lib/env";
import { isUniqueViolation } from "@/lib/errors";
import type { Notification } from "@/lib/generated/prisma/client";
import type { Locale } from "@/lib/i18n/config";
import { isSafeText } from "@/lib/schemas/text";

/** This email can never be sent: do not retry. `notificationId` is null when no row was written. */
export class PermanentEmailError extends Error {
  constructor(
    message: string,
    readonly notificationId: string | null,
  ) {
    super(message);
    this.name = "PermanentEmailError";
  }
}

export type SendEmailInput<T extends EmailTemplate> = {
  /** The HR account the email belongs to (also for emails to its candidates). */
  userId: string;
  to: string;
  template: T;
  /** Candidate emails: the interview's language; HR emails: the account's. */
  locale: Locale;
  props: EmailTemplates[T];
  /** One email per reason and recipient, e.g. `invitation:<invitationId>:<sendCount>`. */
  dedupeKey: string;
  interviewId?: string | null;
  invitationId?: string | null;
};

export type SendEmailResult = {
  notificationId: string;
  to: string;
  subject: string;
  /** ISO 8601. */
  sentAt: string;
  /** `duplicate`: this dedupeKey was sent before; nothing was sent now. */
  status: "sent" | "duplicate";
};

export type SendEmailOptions = {
  /** Defaults to the configured adapter (lib/adapters/email). */
  sender?: EmailSender;
  /** Defaults to EMAIL_FROM. */
  from?: string;
};

const emailAddress = z.email();
/** Longest hand-over (provider timeouts are shorter) while the row is locked. */
const ATTEMPT_TIMEOUT_MS = 90_000;

/** Why `to` cannot receive email, or null. */
export function invalidRecipient(to: string): string | null {
  if (!isSafeText(to)) return "The address contains control characters.";
  if (to.length > 254 || !emailAddress.safeParse(to).success) return "This is not an email address.";
  return null;
}

export async function sendEmail<T extends EmailTemplate>(input: SendEmailInput<T>, options: SendEmailOptions = {}): Promise<SendEmailResult> {
  const problem = invalidRecipient(input.to);
  if (problem) throw new PermanentEmailError(`Cannot send to ${JSON.stringify(input.to)}: ${problem}`, null);
  if (!input.dedupeKey || input.dedupeKey.length > 300 || !isSafeText(input.dedupeKey)) {
    throw new Error("sendEmail: dedupeKey must be 1-300 characters of text");
  }
  const sender = options.sender ?? getEmailSender();
  const from = options.from ?? env.EMAIL_FROM;
  const db = await getDb();

  let row = await db.notification.findUnique({ where: { dedupeKey: input.dedupeKey } });
  if (!row) {
    const email = await renderEmail(input.template, input.locale, input.props);
    try {
      row = await db.notification.create({
        data: {
          userId: input.userId,
          type: "email",
          to: input.to,
          subject: email.subject,
          text: email.text,
          html: email.html,
          status: "queued",
          template: input.template,
          dedupeKey: input.dedupeKey,
          interviewId: input.interviewId ?? null,
          invitationId: input.invitationId ?? null,
        },
      });
    } catch (err) {
      // A concurrent call created it first: continue with that row.
      if (!isUniqueViolation(err)) throw err;
      row = await db.notification.findUniqueOrThrow({ where: { dedupeKey: input.dedupeKey } });
    }
  }
  if (row.userId !== input.userId) throw new Error("sendEmail: this dedupeKey belongs to another account");

  const id = row.id;
  const outcome = await db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM notifications WHERE id = ${id}::uuid FOR UPDATE`;
      const current = await tx.notification.findUniqueOrThrow({ where: { id } });
      if (current.status !== "queued") return { kind: current.status, row: current } as const;
      try {
        const sent = await sender.send(
          {
            notificationId: id,
            from,
            to: current.to,
            subject: current.subject,
            text: current.text,
            html: current.html,
            idempotencyKey: `intervue-notification-${id}`,
          },
          tx,
        );
        const updated = await tx.notification.update({
          where: { id },
          data: {
            status: "sent",
            provider: sent.provider,
            providerMessageId: sent.providerMessageId,
            sentAt: new Date(),
            attempts: { increment: 1 },
            error: null,
          },
        });
        return { kind: "delivered", row: updated } as const;
      } catch (err) {
        const permanent = err instanceof EmailDeliveryError && err.permanent;
        const message = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
        const updated = await tx.notification.update({
          where: { id },
          data: { status: permanent ? "failed" : "queued", provider: sender.kind, attempts: { increment: 1 }, error: message },
        });
        return { kind: permanent ? "permanent" : "transient", row: updated, error: err } as const;
      }
    },
    { timeout: ATTEMPT_TIMEOUT_MS, maxWait: 30_000 },
  );

  switch (outcome.kind) {
    case "delivered":
      return result(outcome.row, "sent");
    case "sent":
      return result(outcome.row, "duplicate");
    case "failed":
    case "permanent":
      throw new PermanentEmailError(outcome.row.error ?? "The email could not be delivered.", id);
    case "transient":
      throw outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error));
  }
}

function result(row: Notification, status: SendEmailResult["status"]): SendEmailResult {
  return { notificationId: row.id, to: row.to, subject: row.subject, sentAt: (row.sentAt ?? row.createdAt).toISOString(), status };
}
