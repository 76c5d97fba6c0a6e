import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError, validationError } from "@/lib/errors";
import { publish } from "@/lib/events/publish";
import { updateRetentionSchema } from "@/lib/schemas/retention";

/**
 * Sets the account's retention period (users.retention_days; null keeps candidates' data).
 * Publishes user.updated with `changes: {retentionDays}` when it changed: the audit trail records
 * it, and apply-retention sweeps the account with the new period at once (interviews closed
 * longer ago than the new period are erased). The same value again changes nothing.
 */
export async function updateRetention({
  actor,
  input,
  requestId,
}: {
  actor: { id: string };
  input: unknown;
  requestId?: string;
}): Promise<{ changed: boolean; retentionDays: number | null }> {
  const parsed = updateRetentionSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const { retentionDays } = parsed.data;
  const db = await getDb();

  return db.$transaction(async (tx) => {
    // Locked, so two changes at once publish in the order they were stored.
    const [current] = await tx.$queryRaw<Array<{ retention_days: number | null }>>`
      SELECT retention_days FROM users WHERE id = ${actor.id}::uuid AND deleted_at IS NULL FOR UPDATE`;
    if (!current) throw new AppError("NOT_FOUND", "This account no longer exists.");
    if (current.retention_days === retentionDays) return { changed: false, retentionDays };
    await tx.user.update({ where: { id: actor.id }, data: { retentionDays } });
    await publish(tx, { eventType: "user.updated", userId: actor.id, data: { changes: { retentionDays } }, correlationId: requestId });
    return { changed: true, retentionDays };
  });
}
