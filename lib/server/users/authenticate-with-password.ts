import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { verifyPassword } from "@/lib/auth/password";
import { checkSignInRateLimit, recordSignInAttempt, retryMessage, TooManyAttemptsError } from "@/lib/auth/rate-limit";
import { signInSchema } from "@/lib/schemas/user";
import type { User } from "@/lib/generated/prisma/client";

export const WRONG_CREDENTIALS = "Wrong email or password.";

/**
 * Checks an email and password. The same message for an unknown email and a wrong password
 * (no account enumeration); repeated failures are refused with 429 (policy in lib/auth/rate-limit.ts).
 */
export async function authenticateWithPassword({
  email: rawEmail,
  password,
  ip,
}: {
  email: unknown;
  password: unknown;
  ip: string;
}): Promise<User> {
  const parsed = signInSchema.safeParse({ email: rawEmail, password });
  if (!parsed.success) throw new AppError("UNAUTHORIZED", WRONG_CREDENTIALS);
  const { email } = parsed.data;
  const db = await getDb();

  const verdict = await checkSignInRateLimit(db, email, ip);
  if (verdict.limited) throw new TooManyAttemptsError(verdict.retryAfterSeconds, retryMessage(verdict.retryAfterSeconds));

  const user = await db.user.findFirst({ where: { email, deletedAt: null } });
  const ok = await verifyPassword(user?.passwordHash, parsed.data.password);
  await recordSignInAttempt(db, email, ip, ok);
  if (!ok || !user) throw new AppError("UNAUTHORIZED", WRONG_CREDENTIALS);
  return user;
}
