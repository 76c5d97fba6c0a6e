// Small helpers shared by the /api/v1 route handlers (app/api/v1/**): body limits, query
// strings as plain objects for the use cases' schemas, and the `{ params }` context type.
import type { NextRequest } from "next/server";

/**
 * An interview with 50 questions, long prompts and full rubrics fits well under 1 MB of JSON;
 * anything larger is refused with 413 before it is parsed.
 */
export const INTERVIEW_BODY_LIMIT = 1024 * 1024;
/**
 * Room for the largest accepted list: 1,000 candidates with 254-character emails and
 * 200-character Cyrillic names are about 700 KB of JSON; past 1 MB, 413. (The dashboard's
 * paste and CSV keep MAX_CANDIDATES_TEXT_BYTES, 512 KB: plain lines, no JSON overhead, and
 * under Next's 1 MB Server Action limit.)
 */
export const INVITATIONS_BODY_LIMIT = 1024 * 1024;

export type IdParams = { params: Promise<{ id: string }> };

/** The query string as an object (a repeated parameter: the last value counts). */
export function queryOf(req: NextRequest): Record<string, string> {
  return Object.fromEntries(req.nextUrl.searchParams);
}
