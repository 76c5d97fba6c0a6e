import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/server/interviews/owned-interview";
import { toMailboxEmail, type MailboxEmail } from "./mailbox-dto";

const NOT_FOUND = "This email does not exist.";

/**
 * One email of the signed-in account, with its content; marks it read the first time. Another
 * account's email, a malformed id or a missing one: the same 404.
 */
export async function getMailboxEmail({ actor, input }: { actor: { id: string }; input: { id: string } }): Promise<MailboxEmail> {
  if (!isUuid(input.id)) throw new AppError("NOT_FOUND", NOT_FOUND);
  const db = await getDb();
  const row = await db.notification.findFirst({ where: { id: input.id, userId: actor.id, type: "email" } });
  if (!row) throw new AppError("NOT_FOUND", NOT_FOUND);
  if (row.readAt) return toMailboxEmail(row);
  const readAt = new Date();
  // Only the first reading sets it (a concurrent one keeps the earlier time).
  await db.notification.updateMany({ where: { id: row.id, userId: actor.id, readAt: null }, data: { readAt } });
  return toMailboxEmail({ ...row, readAt });
}
