import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { emailSchema } from "@/lib/schemas/user";
import { publish } from "@/lib/events/publish";
import type { User } from "@/lib/generated/prisma/client";

/**
 * First SSO sign-in creates the account (with keycloakId); an existing password account
 * with the same verified email is linked rather than duplicated.
 */
export async function signInWithKeycloak({
  keycloakId,
  email: rawEmail,
  fullName,
  requestId,
}: {
  keycloakId: string;
  email: string | null | undefined;
  fullName: string | null | undefined;
  requestId?: string;
}): Promise<{ user: User; created: boolean }> {
  const db = await getDb();
  const known = await db.user.findUnique({ where: { keycloakId } });
  if (known) {
    if (known.deletedAt) throw new AppError("FORBIDDEN", "This account was deleted.");
    return { user: known, created: false };
  }
  const email = emailSchema.safeParse(rawEmail ?? "");
  if (!email.success) throw new AppError("BAD_REQUEST", "Your identity provider did not share a valid email address.");

  return db.$transaction(async (tx) => {
    const byEmail = await tx.user.findFirst({ where: { email: email.data, deletedAt: null } });
    if (byEmail) {
      const user = await tx.user.update({ where: { id: byEmail.id }, data: { keycloakId } });
      return { user, created: false };
    }
    const name = fullName?.trim().slice(0, 100) || email.data.split("@")[0]!;
    const user = await tx.user.create({ data: { email: email.data, fullName: name, keycloakId } });
    await publish(tx, {
      eventType: "user.created",
      userId: user.id,
      data: { keycloakId, email: user.email, fullName: name, createdAt: user.createdAt.toISOString() },
      correlationId: requestId,
    });
    return { user, created: true };
  });
}
