// Keyset cursors: opaque base64url strings carrying the last row's sort key and id. A cursor
// comes back from the client, so it is untrusted input: anything we did not write ourselves is
// refused before it reaches a query (where PostgreSQL would answer a raw error, i.e. a 500).

/** The range a cursor's timestamp may take: rows are never older than 1970, and PostgreSQL
 * cannot read years such as 0000, -000001 or +275760 that JavaScript dates accept. */
const MIN_TIME = Date.UTC(1970, 0, 1);
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** Exactly what `Date.prototype.toISOString()` writes for a year in 1970..9999. */
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The timestamp of a cursor, as `toISOString()` wrote it, or null for anything else: another
 * format, an impossible date (2026-02-31), or a year outside 1970..9999.
 */
export function cursorDate(value: unknown): Date | null {
  if (typeof value !== "string" || !ISO.test(value)) return null;
  const date = new Date(value);
  const time = date.getTime();
  if (Number.isNaN(time) || time < MIN_TIME || time > MAX_TIME || date.toISOString() !== value) return null;
  return date;
}

/** base64url of the JSON of `payload`. */
export function encodeCursorJson(payload: unknown): string {
  return Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
}

/** The JSON a cursor carries, or undefined when it is not base64url of JSON. */
export function decodeCursorJson(raw: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(raw)) return undefined;
  try {
    return JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown;
  } catch {
    return undefined;
  }
}
