import "server-only";
import { getStorage, type Storage } from "@/lib/adapters/storage";
import { env } from "@/lib/env";
import { PLAYBACK_TTL_SECONDS, signedPlaybackPath } from "./playback-signature";

export type PlayableFile = { bucket: string; path: string; mimeType: string };

/**
 * A URL that plays a stored recording for PLAYBACK_TTL_SECONDS, with range requests (seeking):
 * S3's own presigned GET when the storage has one, else the app's signed route
 * (app/api/media). `absolute` gives the app's URL with APP_URL (for API callers); the
 * dashboard uses the path, so the video is fetched from the origin the page came from.
 */
export async function playbackUrl(
  file: PlayableFile,
  { absolute = false, storage = getStorage(), now = Date.now() }: { absolute?: boolean; storage?: Storage; now?: number } = {},
): Promise<string> {
  const presigned = await storage.presignGet(file.bucket, file.path, { expiresInSeconds: PLAYBACK_TTL_SECONDS });
  if (presigned) return presigned;
  const path = signedPlaybackPath({ bucket: file.bucket, key: file.path, contentType: file.mimeType }, now / 1000 + PLAYBACK_TTL_SECONDS);
  return absolute ? new URL(path, env.APP_URL).toString() : path;
}
