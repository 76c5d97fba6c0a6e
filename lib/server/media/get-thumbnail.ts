import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/server/interviews/owned-interview";
import { playbackUrl } from "./playback-url";

export const THUMBNAIL_NOT_FOUND = "This recording has no poster: it does not exist, is not processed yet, or was deleted.";

/**
 * A signed, expiring URL of an answer's poster, for its owner only: the stable address that
 * media.processed carries (thumbnailUrl) resolves to it. Anyone else's file is the same 404.
 */
export async function getThumbnailUrl({ actor, fileId }: { actor: { id: string }; fileId: unknown }): Promise<string> {
  if (!isUuid(fileId) || !isUuid(actor.id)) throw new AppError("NOT_FOUND", THUMBNAIL_NOT_FOUND);
  const db = await getDb();
  const file = await db.mediaFile.findFirst({
    where: { id: fileId, userId: actor.id, kind: "response", status: "ready", deletedAt: null, thumbnailPath: { not: null } },
    select: { bucket: true, thumbnailPath: true },
  });
  if (!file) throw new AppError("NOT_FOUND", THUMBNAIL_NOT_FOUND);
  return playbackUrl({ bucket: file.bucket, path: file.thumbnailPath!, mimeType: "image/jpeg" });
}
