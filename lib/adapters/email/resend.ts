import "server-only";
import { Resend } from "resend";
import { EmailDeliveryError } from "./errors";
import type { EmailMessage, EmailSender, SentEmail } from "./types";

/** How long one API call may take before it counts as a (transient) network failure. */
const TIMEOUT_MS = 20_000;

/**
 * True when Resend refused the recipient: a 422 whose message is about the `to` field. Every
 * other error (401/403 key or domain, a 422 about `from`, 429, 5xx, network) is about our
 * account or configuration, or passing: transient, retried with back-off until the delivery is
 * dead (visible in the events explorer), instead of marking every candidate's address failed.
 */
export function isRecipientRejection(error: { statusCode?: number | null; message?: string }): boolean {
  return error.statusCode === 422 && /`to`|\brecipient/i.test(error.message ?? "");
}

/**
 * Email through Resend's API (`POST /emails`), with the real SDK. The SDK returns errors
 * instead of throwing them; they become EmailDeliveryError, permanent only when the recipient
 * was refused (isRecipientRejection), transient otherwise.
 * Every attempt at one email carries the same Idempotency-Key, so Resend sends it once even if
 * an earlier attempt's answer was lost.
 */
export class ResendEmailSender implements EmailSender {
  readonly kind = "resend";
  readonly client: Resend;

  constructor(apiKey: string, baseUrl?: string) {
    // baseUrl passed explicitly: the SDK would otherwise read RESEND_BASE_URL from process.env itself.
    this.client = new Resend(apiKey, { baseUrl: (baseUrl ?? "https://api.resend.com").replace(/\/+$/, "") });
  }

  async send(message: EmailMessage): Promise<SentEmail> {
    const { data, error } = await this.client.emails.send(
      {
        from: message.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
      },
      { idempotencyKey: message.idempotencyKey, signal: AbortSignal.timeout(TIMEOUT_MS) },
    );
    if (error) {
      const status = typeof error.statusCode === "number" ? error.statusCode : null;
      const permanent = isRecipientRejection(error);
      const label = status === null ? "Resend could not be reached" : `Resend answered ${status}`;
      throw new EmailDeliveryError(`${label}: ${error.message || error.name}`, permanent, status);
    }
    return { provider: "resend", providerMessageId: data?.id ?? null };
  }
}
