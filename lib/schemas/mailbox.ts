// The mailbox page's query: a keyset cursor (the last email of the previous page).
import { z } from "zod";
import { cursorDate } from "@/lib/cursor";

export const MAILBOX_PAGE_SIZE = 25;

/** `<createdAt ISO>_<uuid>`, base64url-encoded. */
export type MailboxCursor = { createdAt: Date; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeMailboxCursor(c: MailboxCursor): string {
  return Buffer.from(`${c.createdAt.toISOString()}_${c.id}`, "utf8").toString("base64url");
}

export function decodeMailboxCursor(value: string): MailboxCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(value)) return null;
  const [iso, id, ...rest] = Buffer.from(value, "base64url").toString("utf8").split("_");
  if (rest.length || !id || !UUID.test(id)) return null;
  // 1970..9999 only: PostgreSQL cannot read some years a JavaScript date takes (0000, +275760).
  const createdAt = cursorDate(iso);
  if (!createdAt) return null;
  return { createdAt, id: id.toLowerCase() };
}

export const mailboxQuerySchema = z.object({
  before: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return undefined;
      const cursor = decodeMailboxCursor(v);
      if (!cursor) {
        ctx.addIssue({ code: "custom", message: "This page link is not valid." });
        return z.NEVER;
      }
      return cursor;
    }),
});

export type MailboxQueryInput = z.input<typeof mailboxQuerySchema>;
