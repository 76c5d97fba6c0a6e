import type { Tx } from "@/lib/db/client";

/** One email, already stored as a `notifications` row (sendEmail creates it first). */
export type EmailMessage = {
  /** The notifications row this email is. */
  notificationId: string;
  from: string;
  to: string;
  subject: string;
  /** Plain text is always sent; html is optional. */
  text: string;
  html?: string | null;
  /**
   * The same for every attempt at this email: providers that support it (Resend) deliver a
   * retried request only once.
   */
  idempotencyKey: string;
};

/** What the provider says it accepted. */
export type SentEmail = { provider: EmailKind; providerMessageId: string | null };

export type EmailKind = "outbox" | "resend" | "smtp";

export interface EmailSender {
  readonly kind: EmailKind;
  /**
   * Hands the email over. `tx` is the transaction holding the notification row's lock (the
   * outbox writes nothing else; the network adapters do not touch it). Throws
   * `EmailDeliveryError` for a refusal the provider reported.
   */
  send(message: EmailMessage, tx: Tx): Promise<SentEmail>;
}
