import "server-only";
import { getDb } from "@/lib/db/client";
import { validationError } from "@/lib/errors";
import { updateProfileSchema, type UpdateProfileInput } from "@/lib/schemas/user";
import { publish } from "@/lib/events/publish";
import type { User } from "@/lib/generated/prisma/client";

export type ProfileChanges = Partial<Pick<User, "fullName" | "companyName">>;

/** Saves the profile and returns the fields that actually changed (the future user.updated data). */
export async function updateProfile({
  actor,
  input,
  requestId,
}: {
  actor: { id: string };
  input: UpdateProfileInput;
  requestId?: string;
}): Promise<{ user: User; changes: ProfileChanges }> {
  const parsed = updateProfileSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const db = await getDb();

  return db.$transaction(async (tx) => {
    const current = await tx.user.findFirstOrThrow({ where: { id: actor.id, deletedAt: null } });
    const changes: ProfileChanges = {};
    if (parsed.data.fullName !== undefined && parsed.data.fullName !== current.fullName) {
      changes.fullName = parsed.data.fullName;
    }
    if (parsed.data.companyName !== undefined && parsed.data.companyName !== current.companyName) {
      changes.companyName = parsed.data.companyName;
    }
    if (Object.keys(changes).length === 0) return { user: current, changes };
    const user = await tx.user.update({ where: { id: actor.id }, data: changes });
    await publish(tx, { eventType: "user.updated", userId: user.id, data: { changes }, correlationId: requestId });
    return { user, changes };
  });
}
