import "server-only";
import { Resend } from "resend";
import { EmailDeliveryError } from "./errors";
import type { EmailMessage, EmailSender, SentEmail } from "./types";

/** How long one API call may take before it counts as a (transient) network failure. */
const TIMEOUT_MS = 20_000;

// Resend's error names that are worth retrying even though their status is a 4xx.
const RETRYABLE_NAMES = new Set(["rate_limit_exceeded", "concurrent_idempotent_requests", "daily_quota_exceeded"]);

/**
 * Email through Resend's API (`POST /emails`), with the real SDK. The SDK returns errors
 * instead of throwing them; they become EmailDeliveryError, permanent for a 4xx other than
 * 408/409/429 (a 422 invalid recipient above all), transient for network errors, 5xx and 429.
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
      const permanent =
        status !== null && status >= 400 && status < 500 && ![408, 409, 429].includes(status) && !RETRYABLE_NAMES.has(error.name);
      const label = status === null ? "Resend could not be reached" : `Resend answered ${status}`;
      throw new EmailDeliveryError(`${label}: ${error.message || error.name}`, permanent, status);
    }
    return { provider: "resend", providerMessageId: data?.id ?? null };
  }
}
