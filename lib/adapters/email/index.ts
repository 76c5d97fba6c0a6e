import "server-only";
// The email selector: Resend with RESEND_API_KEY, SMTP with SMTP_URL, otherwise the outbox
// (stored in `notifications`, read on the in-app mailbox page). Sending goes through
// lib/server/notifications/send-email.ts, which owns the notification row and retries.
import { env as processEnv, type Env } from "@/lib/env";
import { emailKind } from "./kind";
import { OutboxEmailSender } from "./outbox";
import { ResendEmailSender } from "./resend";
import { SmtpEmailSender } from "./smtp";
import type { EmailSender } from "./types";

export { emailKind } from "./kind";
export { EmailDeliveryError } from "./errors";
export type { EmailKind, EmailMessage, EmailSender, SentEmail } from "./types";

export function createEmailSender(e: Env): EmailSender {
  switch (emailKind(e)) {
    case "resend":
      return new ResendEmailSender(e.RESEND_API_KEY!, e.RESEND_BASE_URL);
    case "smtp":
      return new SmtpEmailSender(e.SMTP_URL!, new URL(e.APP_URL).hostname);
    case "outbox":
      return new OutboxEmailSender();
  }
}

let sender: EmailSender | undefined;

export function getEmailSender(): EmailSender {
  sender ??= createEmailSender(processEnv);
  return sender;
}
