import "server-only";
// Server-side sessions behind the JWT cookie. next-auth v4 needs JWT sessions for password
// sign-in, and a JWT alone cannot be taken back: a cookie copied before sign-out would stay
// valid for 30 days. So each sign-in writes a row, the JWT carries its id, and every request
// checks that the row is live and its account not deleted (one indexed lookup).
import type { Db, Tx } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";

export type SessionMethod = "password" | "oauth2";
export type RevokeReason = "user_action" | "sign_out_everywhere" | "account_deleted";

export async function createSession({
  userId,
  method,
  maxAgeSeconds,
}: {
  userId: string;
  method: SessionMethod;
  maxAgeSeconds: number;
}): Promise<string> {
  const db = await getDb();
  const row = await db.authSession.create({
    data: { userId, method, expiresAt: new Date(Date.now() + maxAgeSeconds * 1000) },
    select: { id: true },
  });
  return row.id;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when the session exists, belongs to `userId`, is neither revoked nor expired, and its account is live. */
export async function isSessionActive(sessionId: unknown, userId: unknown): Promise<boolean> {
  if (typeof sessionId !== "string" || typeof userId !== "string" || !UUID.test(sessionId) || !UUID.test(userId)) {
    return false;
  }
  const db = await getDb();
  const row = await db.authSession.findFirst({
    where: { id: sessionId, userId, revokedAt: null, expiresAt: { gt: new Date() }, user: { deletedAt: null } },
    select: { id: true },
  });
  return row !== null;
}

export async function revokeSession(sessionId: unknown, reason: RevokeReason = "user_action"): Promise<void> {
  if (typeof sessionId !== "string" || !UUID.test(sessionId)) return;
  const db = await getDb();
  await db.authSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date(), revokedReason: reason } });
}

/** Ends every session of the account (sign out everywhere, account deletion); returns how many. */
export async function revokeAllSessions(db: Db | Tx, userId: string, reason: RevokeReason): Promise<number> {
  const { count } = await db.authSession.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: reason },
  });
  return count;
}

/** Live sessions of the account (for the settings page). */
export async function countActiveSessions(userId: string): Promise<number> {
  const db = await getDb();
  return db.authSession.count({ where: { userId, revokedAt: null, expiresAt: { gt: new Date() } } });
}
