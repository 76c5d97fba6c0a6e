import "server-only";
// The email selector. Today it builds only the local outbox; Resend arrives with the
// notifications issue, and until then RESEND_API_KEY stops the app at start.
import { env as processEnv } from "@/lib/env";
import { emailKind } from "./kind";
import { OutboxEmailSender } from "./outbox";
import type { EmailSender } from "./types";

export { emailKind } from "./kind";
export type { EmailKind, EmailMessage, EmailSender, SentEmail } from "./types";

let sender: EmailSender | undefined;

export function getEmailSender(): EmailSender {
  emailKind(processEnv);
  sender ??= new OutboxEmailSender();
  return sender;
}
