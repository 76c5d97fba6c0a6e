import "server-only";
import { getDb } from "@/lib/db/client";
import { validationError } from "@/lib/errors";
import { encodeMailboxCursor, MAILBOX_PAGE_SIZE, mailboxQuerySchema, type MailboxQueryInput } from "@/lib/schemas/mailbox";
import { toMailboxItem, type MailboxItem } from "./mailbox-dto";

export type MailboxPage = {
  emails: MailboxItem[];
  /** Cursor of the next (older) page, null on the last one. */
  nextCursor: string | null;
};

/**
 * The signed-in account's emails (to its candidates and to itself, whichever adapter sent
 * them), newest first, keyset-paginated on (created_at, id): the (user_id, created_at) index
 * serves every page alike.
 */
export async function listMailbox({
  actor,
  input,
  pageSize = MAILBOX_PAGE_SIZE,
}: {
  actor: { id: string };
  input: MailboxQueryInput;
  pageSize?: number;
}): Promise<MailboxPage> {
  const parsed = mailboxQuerySchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error, "This page link is not valid.");
  const { before } = parsed.data;
  const db = await getDb();
  const rows = await db.notification.findMany({
    where: {
      userId: actor.id,
      type: "email",
      ...(before
        ? { OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: pageSize + 1,
  });
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return {
    emails: page.map(toMailboxItem),
    nextCursor: rows.length > pageSize && last ? encodeMailboxCursor({ createdAt: last.createdAt, id: last.id }) : null,
  };
}
