import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { User } from "@/lib/generated/prisma/client";
import { hashApiKey, looksLikeApiKey } from "./api-key-token";

export const INVALID_KEY_MESSAGE = "This API key is not valid. Check that you copied it whole, or create a new one in Settings.";
export const REVOKED_KEY_MESSAGE = "This API key was revoked. Create a new one in Settings.";
export const DELETED_ACCOUNT_KEY_MESSAGE = "This API key belongs to an account that was deleted.";

/** How often lastUsedAt is written at most (one write per key per minute, not per request). */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The live account an API key belongs to; 401 for a malformed, unknown or revoked key and for
 * a deleted account's key. Records when the key was last used, at most once a minute.
 */
export async function authenticateApiKey(key: string): Promise<User> {
  if (!looksLikeApiKey(key)) throw new AppError("UNAUTHORIZED", INVALID_KEY_MESSAGE);
  const db = await getDb();
  const found = await db.apiKey.findUnique({ where: { hash: hashApiKey(key) }, include: { user: true } });
  if (!found) throw new AppError("UNAUTHORIZED", INVALID_KEY_MESSAGE);
  // Account deletion also revokes its keys; the account is checked first for the clearer message.
  if (found.user.deletedAt) throw new AppError("UNAUTHORIZED", DELETED_ACCOUNT_KEY_MESSAGE);
  if (found.revokedAt) throw new AppError("UNAUTHORIZED", REVOKED_KEY_MESSAGE);

  const now = new Date();
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so parallel requests in the same minute write once; revoked meanwhile stays revoked.
    await db.apiKey.updateMany({
      where: {
        id: found.id,
        revokedAt: null,
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }],
      },
      data: { lastUsedAt: now },
    });
  }
  return found.user;
}
