import "server-only";
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
  const startedAt = new Date(time ?? "");
  if (rest.length || !isUuid(id) || Number.isNaN(startedAt.getTime())) throw invalid;
  return { startedAt, id };
}
