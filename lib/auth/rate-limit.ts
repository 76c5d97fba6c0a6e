// Sign-in and sign-up throttling, stored in the database so every app process sees the same
// counts. The policy (docs/security.md) protects against guessing without handing an attacker
// a way to lock the owner out:
//   - per (email, address): the first failures are free, then each further failure doubles the
//     wait before the next try (5 s, 10 s, 20 s … up to 15 minutes); a success clears it;
//   - per email, from every address together: a ceiling far above what one person mistypes,
//     for distributed guessing against one account;
//   - per address, across emails: credential stuffing from one place;
//   - sign-ups per address.
// The owner, signing in from their own address, is only refused by the per-email ceiling.
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

export const PAIR_WINDOW_MS = 60 * 60 * 1000;
export const FREE_FAILURES_PER_PAIR = 3;
export const BASE_DELAY_MS = 5_000;
export const MAX_DELAY_MS = 15 * 60 * 1000;

export const EMAIL_WINDOW_MS = 60 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 100;

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_IP = 30;

export const SIGN_UP_WINDOW_MS = 60 * 60 * 1000;
/** Default of SIGN_UP_LIMIT_PER_HOUR. */
export const MAX_SIGN_UPS_PER_IP = 10;

export type RateLimitVerdict = { limited: false } | { limited: true; retryAfterSeconds: number };

const OK: RateLimitVerdict = { limited: false };
const limited = (untilMs: number): RateLimitVerdict => ({
  limited: true,
  retryAfterSeconds: Math.max(1, Math.ceil((untilMs - Date.now()) / 1000)),
});

/** Wait after `failures` consecutive failures of one pair (0 while they are free). */
export function pairDelayMs(failures: number): number {
  if (failures < FREE_FAILURES_PER_PAIR) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - FREE_FAILURES_PER_PAIR));
}

/** The n-th newest failure matching `where` within the window, or null if there are fewer. */
async function nthFailure(db: Db, where: { email?: string; ip?: string }, since: Date, n: number) {
  const rows = await db.authAttempt.findMany({
    where: { ...where, kind: "sign_in", success: false, createdAt: { gte: since } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
    skip: n - 1,
    take: 1,
  });
  return rows[0] ?? null;
}

export async function checkSignInRateLimit(db: Db, email: string, ip: string): Promise<RateLimitVerdict> {
  const now = Date.now();
  // Consecutive failures of this pair since its last success.
  const recent = await db.authAttempt.findMany({
    where: { kind: "sign_in", email, ip, createdAt: { gte: new Date(now - PAIR_WINDOW_MS) } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true, success: true },
    take: 32,
  });
  const streak = recent.findIndex((a) => a.success);
  const failures = streak === -1 ? recent.length : streak;
  const wait = pairDelayMs(failures);
  if (wait > 0 && recent[0] && recent[0].createdAt.getTime() + wait > now) return limited(recent[0].createdAt.getTime() + wait);

  // The ceilings: once there are N failures in the window, wait until the oldest of the last N ages out.
  const [byEmail, byIp] = await Promise.all([
    nthFailure(db, { email }, new Date(now - EMAIL_WINDOW_MS), MAX_FAILURES_PER_EMAIL),
    nthFailure(db, { ip }, new Date(now - SIGN_IN_WINDOW_MS), MAX_FAILURES_PER_IP),
  ]);
  if (byEmail) return limited(byEmail.createdAt.getTime() + EMAIL_WINDOW_MS);
  if (byIp) return limited(byIp.createdAt.getTime() + SIGN_IN_WINDOW_MS);
  return OK;
}

export async function recordSignInAttempt(db: Db, email: string, ip: string, success: boolean): Promise<void> {
  await db.authAttempt.create({ data: { kind: "sign_in", email, ip, success } });
}

/** Sign-ups per address, counted whether or not they succeeded. */
export async function checkSignUpRateLimit(
  db: Db,
  ip: string,
  max: number = env.SIGN_UP_LIMIT_PER_HOUR,
): Promise<RateLimitVerdict> {
  const since = new Date(Date.now() - SIGN_UP_WINDOW_MS);
  const rows = await db.authAttempt.findMany({
    where: { kind: "sign_up", ip, createdAt: { gte: since } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
    skip: max - 1,
    take: 1,
  });
  return rows[0] ? limited(rows[0].createdAt.getTime() + SIGN_UP_WINDOW_MS) : OK;
}

export async function recordSignUpAttempt(db: Db, email: string, ip: string, success: boolean): Promise<void> {
  await db.authAttempt.create({ data: { kind: "sign_up", email, ip, success } });
}

export { retryMessage, signUpRetryMessage } from "./retry-message";

/** A 429 that knows when to come back (sent as Retry-After, and as the sign-in error code). */
export class TooManyAttemptsError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super("RATE_LIMITED", message);
  }
}
