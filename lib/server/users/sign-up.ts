import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError, isUniqueViolation, validationError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { checkSignUpRateLimit, recordSignUpAttempt, signUpRetryMessage, TooManyAttemptsError } from "@/lib/auth/rate-limit";
import { publish } from "@/lib/events/publish";
import { signUpSchema, type SignUpInput } from "@/lib/schemas/user";
import type { User } from "@/lib/generated/prisma/client";
import type { Locale } from "@/lib/i18n/config";
import type { z } from "zod";

const DUPLICATE = "An account with this email already exists. Sign in instead.";

/**
 * Creates an account. `ip` (the client's address, from a request) turns on the per-address
 * throttle; scripts and tests that create accounts directly pass none. Telling "this email is
 * taken" is deliberate (see docs/security.md: enumeration), the throttle is what slows a
 * harvest of it. `locale`: the language the visitor signed up in (the dashboard's, default English).
 */
export async function signUp({
  input,
  requestId,
  ip,
  locale,
}: {
  input: SignUpInput;
  requestId?: string;
  ip?: string;
  locale?: Locale;
}): Promise<User> {
  const db = await getDb();
  if (ip !== undefined) {
    const verdict = await checkSignUpRateLimit(db, ip);
    if (verdict.limited) throw new TooManyAttemptsError(verdict.retryAfterSeconds, signUpRetryMessage(verdict.retryAfterSeconds));
  }
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const { email } = parsed.data;
  let created = false;
  try {
    const user = await createUser(parsed.data, requestId, locale);
    created = true;
    return user;
  } finally {
    // Every valid sign-up counts, taken email or not: probing for taken emails is what to slow.
    if (ip !== undefined) await recordSignUpAttempt(db, email, ip, created);
  }
}

async function createUser(
  { email, password, fullName, companyName }: z.output<typeof signUpSchema>,
  requestId: string | undefined,
  locale: Locale | undefined,
): Promise<User> {
  const db = await getDb();
  if (await db.user.findFirst({ where: { email, deletedAt: null }, select: { id: true } })) {
    throw new AppError("CONFLICT", DUPLICATE, { email: [DUPLICATE] });
  }
  const passwordHash = await hashPassword(password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email, fullName, companyName, passwordHash, locale } });
      await publish(tx, {
        eventType: "user.created",
        userId: user.id,
        data: { keycloakId: null, email, fullName, createdAt: user.createdAt.toISOString() },
        correlationId: requestId,
      });
      return user;
    });
  } catch (err) {
    // Two sign-ups racing for one email: the partial unique index decides.
    if (isUniqueViolation(err)) throw new AppError("CONFLICT", DUPLICATE, { email: [DUPLICATE] });
    throw err;
  }
}
