import type { Tx } from "@/lib/db/client";

export type EmailMessage = {
  /** The account the email belongs to (the HR user, also for emails to their candidates). */
  userId: string;
  to: string;
  subject: string;
  /** Plain text is always sent; html is optional. */
  text: string;
  html?: string;
};

export type SentEmail = { id: string; provider: EmailKind };

export type EmailKind = "outbox";

export interface EmailSender {
  readonly kind: EmailKind;
  /** `tx`: record the email in the caller's transaction (so it exists only if that commits). */
  send(message: EmailMessage, tx?: Tx): Promise<SentEmail>;
}
