import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const AVATAR_KEY = new RegExp(`^${UUID}/${UUID}\\.(?:png|jpg|webp|gif)$`);
export const AVATAR_NOT_FOUND = "No such image.";
const NOT_FOUND = AVATAR_NOT_FOUND;

/** Only keys this app makes (<account id>/<file id>.<ext>). */
export function isAvatarKey(key: string): boolean {
  return AVATAR_KEY.test(key);
}

/**
 * The avatar file `key` names, for `viewer`: only its owner may have it (the app shows an
 * avatar to no one else yet); to anyone else, signed in or not, it does not exist. A deleted
 * account's files are never served.
 */
export async function getAvatarFile({ viewer, key }: { viewer: { id: string } | null; key: string }) {
  // Only keys this app makes (<account id>/<file id>.<ext>): anything else (NUL, traversal,
  // broken Unicode, megabytes of path) is a 404 without a database round trip.
  if (!AVATAR_KEY.test(key) || !viewer || !key.startsWith(`${viewer.id}/`)) throw new AppError("NOT_FOUND", NOT_FOUND);
  const db = await getDb();
  const media = await db.mediaFile.findUnique({
    where: { bucket_path: { bucket: "avatars", path: key } },
    include: { user: { select: { deletedAt: true } } },
  });
  if (!media || media.userId !== viewer.id || media.kind !== "avatar" || media.deletedAt || media.user.deletedAt) {
    throw new AppError("NOT_FOUND", NOT_FOUND);
  }
  return { bucket: "avatars", key, mimeType: media.mimeType };
}
