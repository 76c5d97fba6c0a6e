import "server-only";
import { getStorage, objectResponse, type Storage } from "@/lib/adapters/storage";
import { AppError } from "@/lib/errors";
import { PLAYBACK_TTL_SECONDS, verifyPlayback } from "./playback-signature";

export const MEDIA_NOT_FOUND = "This media link does not exist or has expired.";

/**
 * The answer to a signed playback URL (lib/server/media/playback-signature.ts): the object,
 * ranged when asked (206, 416), or 404 for a forged, altered or expired URL as for a missing
 * object, so the route is no oracle for which part was wrong. The storage is touched only
 * after the signature holds, so a request's path never reaches it unchecked.
 */
export async function signedMediaResponse({
  segments,
  searchParams,
  rangeHeader,
  storage = getStorage(),
  now = Date.now(),
}: {
  segments: string[];
  searchParams: URLSearchParams;
  rangeHeader: string | null;
  storage?: Storage;
  now?: number;
}): Promise<Response> {
  const [bucket, ...rest] = segments;
  // A segment that arrived with an encoded '/' (%2F) is no segment the app wrote: 404.
  if (!bucket || rest.length === 0 || segments.some((s) => s.includes("/"))) throw new AppError("NOT_FOUND", MEDIA_NOT_FOUND);
  const media = verifyPlayback(
    { bucket, key: rest.join("/"), exp: searchParams.get("exp"), type: searchParams.get("type"), sig: searchParams.get("sig") },
    now / 1000,
  );
  if (!media) throw new AppError("NOT_FOUND", MEDIA_NOT_FOUND);
  const secondsLeft = Math.max(0, Math.min(PLAYBACK_TTL_SECONDS, Math.floor(Number(searchParams.get("exp")) - now / 1000)));
  const response = await objectResponse(storage, media.bucket, media.key, {
    rangeHeader,
    headers: {
      "content-type": media.contentType,
      // The person's browser may keep the bytes while the URL lives (keys are never rewritten);
      // shared caches never.
      "cache-control": `private, max-age=${secondsLeft}`,
      "x-content-type-options": "nosniff",
      "content-disposition": "inline",
      "cross-origin-resource-policy": "same-site",
      "referrer-policy": "no-referrer",
    },
  });
  if (!response) throw new AppError("NOT_FOUND", MEDIA_NOT_FOUND);
  return response;
}
