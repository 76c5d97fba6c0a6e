// Sign-in throttling, stored in the database so every app process sees the same counts.
import type { Db } from "@/lib/db/client";

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;

export type RateLimitVerdict = { limited: false } | { limited: true; retryAfterSeconds: number };

export async function checkSignInRateLimit(db: Db, email: string, ip: string): Promise<RateLimitVerdict> {
  const since = new Date(Date.now() - SIGN_IN_WINDOW_MS);
  const [byEmail, byIp] = await Promise.all([
    db.authAttempt.findMany({
      where: { email, success: false, createdAt: { gte: since } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
      take: MAX_FAILURES_PER_EMAIL,
    }),
    db.authAttempt.findMany({
      where: { ip, success: false, createdAt: { gte: since } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
      take: MAX_FAILURES_PER_IP,
    }),
  ]);
  const oldest =
    byEmail.length >= MAX_FAILURES_PER_EMAIL ? byEmail[0] : byIp.length >= MAX_FAILURES_PER_IP ? byIp[0] : undefined;
  if (!oldest) return { limited: false };
  const retryAfterMs = oldest.createdAt.getTime() + SIGN_IN_WINDOW_MS - Date.now();
  return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
}

export async function recordSignInAttempt(db: Db, email: string, ip: string, success: boolean): Promise<void> {
  await db.authAttempt.create({ data: { email, ip, success } });
}

export function retryMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
