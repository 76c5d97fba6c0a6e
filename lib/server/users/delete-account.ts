import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError, validationError } from "@/lib/errors";
import { deleteAccountSchema } from "@/lib/schemas/user";
import { publish } from "@/lib/events/publish";
import { revokeAllSessions } from "@/lib/auth/sessions";
import type { EventData } from "@/lib/events/catalog";
import type { User } from "@/lib/generated/prisma/client";

// The catalog is the one list of reasons.
export type DeletionReason = EventData<"user.deleted">["reason"];

/**
 * Soft delete: the row stays (interviews, media and events still reference it) but the
 * account can no longer sign in, every session and API key it had ends, its files are no
 * longer served, and its email may be used for a new account. The consumers of user.deleted
 * finish the job: delete-user-interviews (interviews, links, candidates' personal data) and
 * delete-user-media (the bytes, and one media.deleted per file).
 */
export async function deleteAccount({
  actor,
  input,
  reason = "user_request",
  requestId,
}: {
  actor: { id: string };
  input: unknown;
  reason?: DeletionReason;
  requestId?: string;
}): Promise<User> {
  const parsed = deleteAccountSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: actor.id, deletedAt: null } });
    if (!user) throw new AppError("NOT_FOUND", "This account no longer exists.");
    if (parsed.data.confirmEmail !== user.email) {
      const msg = "That is not your account's email address.";
      throw new AppError("VALIDATION", msg, { confirmEmail: [msg] });
    }
    const deletedAt = new Date();
    const deleted = await tx.user.update({ where: { id: user.id }, data: { deletedAt } });
    // Signed out everywhere at once, and its files stop being served (the bytes are removed
    // later by the consumers of user.deleted; the file routes only serve live rows).
    await revokeAllSessions(tx, user.id, "account_deleted");
    await tx.mediaFile.updateMany({ where: { userId: user.id, deletedAt: null }, data: { deletedAt } });
    // Its API keys stop working at once too.
    await tx.apiKey.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: deletedAt } });
    // Its webhook endpoints go with their secrets and delivery logs (which hold candidates'
    // data): nothing is sent for the account any more, user.deleted included.
    await tx.webhookEndpoint.deleteMany({ where: { userId: user.id } });
    await publish(tx, {
      eventType: "user.deleted",
      userId: user.id,
      data: { deletedAt: deleted.deletedAt!.toISOString(), reason },
      correlationId: requestId,
    });
    return deleted;
  });
}
