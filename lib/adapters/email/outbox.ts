import "server-only";
import { getDb, type Tx } from "@/lib/db/client";
import type { EmailMessage, EmailSender, SentEmail } from "./types";

/**
 * The embedded default: nothing leaves the machine. Each email becomes a row in
 * `notifications` (type `email`, provider `outbox`), which is where an in-app mailbox reads it.
 */
export class OutboxEmailSender implements EmailSender {
  readonly kind = "outbox";

  async send(message: EmailMessage, tx?: Tx): Promise<SentEmail> {
    const db = tx ?? (await getDb());
    const row = await db.notification.create({
      data: {
        userId: message.userId,
        type: "email",
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? null,
        status: "sent",
        provider: "outbox",
        sentAt: new Date(),
      },
    });
    return { id: row.id, provider: "outbox" };
  }
}
