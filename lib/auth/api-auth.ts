import "server-only";
import { getCurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import type { User } from "@/lib/generated/prisma/client";
import { authenticateApiKey, INVALID_KEY_MESSAGE } from "@/lib/server/api-keys/authenticate-api-key";

export const NOT_SIGNED_IN_MESSAGE =
  "Send an API key as 'Authorization: Bearer ivk_…' (create one in Settings), or sign in to the dashboard.";

/**
 * The account a /api/v1 request acts for: an API key in `Authorization: Bearer ivk_…`, else
 * the dashboard's session cookie, else 401.
 *
 * A request that carries an Authorization header is judged by it alone, never by a cookie
 * sent along: a bad key is a 401 even in a signed-in browser. Such requests skip the
 * same-origin check (lib/same-origin.ts) because no page of another site can attach the
 * header without a CORS preflight, which this app never grants; cookie requests keep it.
 */
export async function requireApiActor(req: Request): Promise<User> {
  const authorization = req.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
    if (!match) throw new AppError("UNAUTHORIZED", INVALID_KEY_MESSAGE);
    return authenticateApiKey(match[1] ?? "");
  }
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHORIZED", NOT_SIGNED_IN_MESSAGE);
  return user;
}
