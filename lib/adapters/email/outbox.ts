import "server-only";
import type { Tx } from "@/lib/db/client";
import type { EmailMessage, EmailSender, SentEmail } from "./types";

/**
 * The embedded default: nothing leaves the machine. The email is the `notifications` row
 * sendEmail already wrote (subject, text and html kept), which the in-app mailbox shows;
 * "sending" it is marking that row sent (sendEmail does, with provider `outbox`). No second
 * row is ever created.
 */
export class OutboxEmailSender implements EmailSender {
  readonly kind = "outbox";

  async send(message: EmailMessage, tx: Tx): Promise<SentEmail> {
    const row = await tx.notification.findUnique({ where: { id: message.notificationId }, select: { id: true } });
    if (!row) throw new Error(`outbox: notification ${message.notificationId} does not exist`);
    return { provider: "outbox", providerMessageId: row.id };
  }
}
