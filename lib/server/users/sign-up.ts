import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError, isUniqueViolation, validationError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { publish } from "@/lib/events/publish";
import { signUpSchema, type SignUpInput } from "@/lib/schemas/user";
import type { User } from "@/lib/generated/prisma/client";

const DUPLICATE = "An account with this email already exists. Sign in instead.";

export async function signUp({ input, requestId }: { input: SignUpInput; requestId?: string }): Promise<User> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const { email, password, fullName, companyName } = parsed.data;
  const db = await getDb();

  if (await db.user.findFirst({ where: { email, deletedAt: null }, select: { id: true } })) {
    throw new AppError("CONFLICT", DUPLICATE, { email: [DUPLICATE] });
  }
  const passwordHash = await hashPassword(password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email, fullName, companyName, passwordHash } });
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
