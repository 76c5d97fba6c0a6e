import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError, validationError } from "@/lib/errors";
import { publish } from "@/lib/events/publish";
import type { User } from "@/lib/generated/prisma/client";
import type { Locale } from "@/lib/i18n/config";
import { updateLocaleSchema } from "@/lib/schemas/user";

/**
 * Sets the dashboard's language (users.locale, also the language of HR emails): "en" or "ru",
 * anything else is a 422. Publishes user.updated with `changes: {locale}` when it changed;
 * choosing the current language again changes and publishes nothing.
 */
export async function updateLocale({
  actor,
  input,
  requestId,
}: {
  actor: { id: string };
  input: unknown;
  requestId?: string;
}): Promise<{ user: User; changed: boolean; locale: Locale }> {
  const parsed = updateLocaleSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const { locale } = parsed.data;
  const db = await getDb();

  return db.$transaction(async (tx) => {
    // Locked, so two switches at once publish in the order they were stored.
    const [current] = await tx.$queryRaw<Array<{ locale: string }>>`
      SELECT locale FROM users WHERE id = ${actor.id}::uuid AND deleted_at IS NULL FOR UPDATE`;
    if (!current) throw new AppError("NOT_FOUND", "This account no longer exists.");
    if (current.locale === locale) {
      return { user: await tx.user.findUniqueOrThrow({ where: { id: actor.id } }), changed: false, locale };
    }
    const user = await tx.user.update({ where: { id: actor.id }, data: { locale } });
    await publish(tx, { eventType: "user.updated", userId: user.id, data: { changes: { locale } }, correlationId: requestId });
    return { user, changed: true, locale };
  });
}
