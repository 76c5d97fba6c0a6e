import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { EmailDeliveryError } from "./errors";
import type { EmailMessage, EmailSender, SentEmail } from "./types";

const DEFAULT_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

type SmtpError = Error & { code?: string; responseCode?: number; response?: string; command?: string };

/** Reply codes about the mailbox itself (RFC 5321): unavailable, not local, full, name not allowed. */
const MAILBOX_CODES = new Set([550, 551, 552, 553]);

/** True when the server refused this recipient (not our account, sender or message). */
export function isRecipientRejection(err: unknown): boolean {
  const e = err as SmtpError;
  if (e?.command !== "RCPT TO" || typeof e.responseCode !== "number" || !MAILBOX_CODES.has(e.responseCode)) return false;
  // "550 5.7.1 Relaying denied" is a policy answer about us: every recipient would get it.
  const enhanced = /^\d{3}[ -](\d)\.(\d{1,3})\.\d{1,3}\b/.exec(e.response ?? "");
  return !(enhanced && enhanced[2] === "7");
}

/**
 * Email through an SMTP server (nodemailer), configured by SMTP_URL
 * (`smtp://user:pass@host:587`, STARTTLS when the server offers it; `smtps://…:465` for TLS
 * from the first byte; nodemailer's URL options such as `?pool=true` work too).
 *
 * Only a refusal of the recipient itself is permanent (marks the candidate's address failed): a
 * 550/551/552/553 answer to RCPT TO, unless its enhanced status is a policy one (5.7.x, such as
 * "550 5.7.1 relaying denied"). Everything else is transient and retried with back-off until the
 * delivery is dead (visible in the events explorer): 4xx (421, 450, 451), connection failures,
 * and our own configuration errors (530 authentication required, 534, 535 bad credentials, a
 * refused sender), which would otherwise mark every candidate's address failed. SMTP has no idempotency key:
 * the Message-ID is derived from the notification, so a receiving system can tell a resend
 * of the same email, but an attempt whose acceptance was lost (crash or cut connection after
 * the server's 250) is sent again on retry.
 */
export class SmtpEmailSender implements EmailSender {
  readonly kind = "smtp";
  readonly transport: Transporter;

  constructor(
    url: string,
    private readonly messageIdDomain = "intervue.local",
  ) {
    // nodemailer reads its options from the URL's query; timeouts keep one attempt bounded
    // unless the URL sets its own.
    const withDefaults = new URL(url);
    for (const [key, value] of Object.entries(DEFAULT_TIMEOUTS)) {
      if (!withDefaults.searchParams.has(key)) withDefaults.searchParams.set(key, String(value));
    }
    this.transport = nodemailer.createTransport(withDefaults.toString());
  }

  async send(message: EmailMessage): Promise<SentEmail> {
    try {
      const info = await this.transport.sendMail({
        from: message.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        messageId: `<${message.idempotencyKey.replace(/[^A-Za-z0-9._-]/g, ".")}@${this.messageIdDomain}>`,
      });
      if (info.rejected.length > 0) {
        throw new EmailDeliveryError(`The SMTP server refused ${message.to}`, true, null);
      }
      return { provider: "smtp", providerMessageId: info.messageId ?? null };
    } catch (err) {
      if (err instanceof EmailDeliveryError) throw err;
      const e = err as SmtpError;
      const code = typeof e.responseCode === "number" ? e.responseCode : null;
      const permanent = isRecipientRejection(e);
      const detail = (e.response ?? e.message ?? String(err)).slice(0, 500);
      throw new EmailDeliveryError(code ? `SMTP ${code}: ${detail}` : `SMTP server unreachable: ${detail}`, permanent, code);
    }
  }
}
