import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError, validationError } from "@/lib/errors";
import { publish } from "@/lib/events/publish";
import { updateNotifyHrSchema, type NotifyHr } from "@/lib/schemas/user";

/**
 * Sets when the account is emailed about finished candidates and analyses (users.notify_hr):
 * `immediately`, `digest` (one email a day) or `off`; anything else is a 422. Publishes
 * user.updated with `changes: {notifyHr}` when it changed (the audit trail records it);
 * choosing the current value again changes and publishes nothing. Items already waiting for a
 * digest go out with it, unless notifications are off by then.
 */
export async function updateNotifyHr({
  actor,
  input,
  requestId,
}: {
  actor: { id: string };
  input: unknown;
  requestId?: string;
}): Promise<{ changed: boolean; notifyHr: NotifyHr }> {
  const parsed = updateNotifyHrSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const { notifyHr } = parsed.data;
  const db = await getDb();

  return db.$transaction(async (tx) => {
    // Locked, so two changes at once publish in the order they were stored.
    const [current] = await tx.$queryRaw<Array<{ notify_hr: string }>>`
      SELECT notify_hr FROM users WHERE id = ${actor.id}::uuid AND deleted_at IS NULL FOR UPDATE`;
    if (!current) throw new AppError("NOT_FOUND", "This account no longer exists.");
    if (current.notify_hr === notifyHr) return { changed: false, notifyHr };
    await tx.user.update({ where: { id: actor.id }, data: { notifyHr } });
    await publish(tx, { eventType: "user.updated", userId: actor.id, data: { changes: { notifyHr } }, correlationId: requestId });
    return { changed: true, notifyHr };
  });
}
