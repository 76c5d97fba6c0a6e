import type { Notification } from "@/lib/generated/prisma/client";

export type MailboxStatus = "queued" | "sent" | "failed";

/** One email in the account's mailbox list. */
export type MailboxItem = {
  id: string;
  to: string;
  subject: string;
  template: string | null;
  status: MailboxStatus;
  /** Why the last attempt failed (kept while queued for a retry, and when failed). */
  error: string | null;
  provider: string | null;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
  readAt: Date | null;
};

/** One email with its content. */
export type MailboxEmail = MailboxItem & {
  text: string;
  html: string | null;
  providerMessageId: string | null;
  interviewId: string | null;
  invitationId: string | null;
};

export function toMailboxItem(n: Notification): MailboxItem {
  return {
    id: n.id,
    to: n.to,
    subject: n.subject,
    template: n.template,
    status: n.status as MailboxStatus,
    error: n.error,
    provider: n.provider,
    attempts: n.attempts,
    createdAt: n.createdAt,
    sentAt: n.sentAt,
    readAt: n.readAt,
  };
}

export function toMailboxEmail(n: Notification): MailboxEmail {
  return {
    ...toMailboxItem(n),
    text: n.text,
    html: n.html,
    providerMessageId: n.providerMessageId,
    interviewId: n.interviewId,
    invitationId: n.invitationId,
  };
}
