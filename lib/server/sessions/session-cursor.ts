import "server-only";
import { cursorDate } from "@/lib/cursor";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/server/interviews/owned-interview";

/** Where a page of sessions ends: the last row's (startedAt, id), opaque to callers. */
export type SessionCursor = { startedAt: Date; id: string };

export function encodeSessionCursor(c: SessionCursor): string {
  return Buffer.from(`${c.startedAt.toISOString()}|${c.id}`, "utf8").toString("base64url");
}

export function decodeSessionCursor(value: string): SessionCursor {
  const invalid = new AppError("VALIDATION", "Please correct the highlighted fields.", {
    cursor: ["This cursor is not valid. Pass the nextCursor of the previous page."],
  });
  const [time, id, ...rest] = Buffer.from(value, "base64url").toString("utf8").split("|");
  // 1970..9999 only: PostgreSQL cannot read some years a JavaScript date takes (0000, +275760).
  const startedAt = cursorDate(time);
  if (rest.length || !isUuid(id) || !startedAt) throw invalid;
  return { startedAt, id };
}
