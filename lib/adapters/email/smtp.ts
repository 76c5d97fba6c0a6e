import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { EmailDeliveryError } from "./errors";
import type { EmailMessage, EmailSender, SentEmail } from "./types";

const DEFAULT_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

type SmtpError = Error & { code?: string; responseCode?: number; response?: string };

/**
 * Email through an SMTP server (nodemailer), configured by SMTP_URL
 * (`smtp://user:pass@host:587`, STARTTLS when the server offers it; `smtps://…:465` for TLS
 * from the first byte; nodemailer's URL options such as `?pool=true` work too).
 *
 * A reply code 5xx (550 no such mailbox, 553, 535 bad credentials...) is permanent; 4xx (421
 * try later, 450, 451) and connection failures are transient. SMTP has no idempotency key:
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
      const permanent = code !== null && code >= 500 && code < 600;
      const detail = (e.response ?? e.message ?? String(err)).slice(0, 500);
      throw new EmailDeliveryError(code ? `SMTP ${code}: ${detail}` : `SMTP server unreachable: ${detail}`, permanent, code);
    }
  }
}
