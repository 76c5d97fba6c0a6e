// Signed playback URLs for media kept on local disk (S3 storage presigns its own URLs). A URL is
// /api/media/<bucket>/<key>?exp=<unix seconds>&type=<mime type>&sig=<HMAC-SHA256, base64url> over
// the object, the expiry and the content type, under a key derived from the app's secret just for
// this purpose. Nothing is stored: a URL works until it expires, for its own object only, and
// whoever holds it can play the recording (as with an S3 presigned URL), so it is only ever
// handed to the interview's owner (the dashboard, /api/v1).
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { isSafeKey } from "@/lib/adapters/storage/types";
import { authSecret } from "@/lib/auth/secret";
import { isNormalVideoMime } from "./video-mime";

/** How long a playback URL works: long enough to watch a session, short enough to leak little. */
export const PLAYBACK_TTL_SECONDS = 60 * 60;
/** The route that serves signed URLs (app/api/media/[...path]/route.ts). */
export const PLAYBACK_ROUTE = "/api/media";

export type SignedMedia = { bucket: string; key: string; contentType: string };

const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;
const EXPIRY = /^[0-9]{1,12}$/;

// A key of its own, so that a playback signature can never pass for an upload grant or a session cookie.
function playbackKey(): Buffer {
  return createHmac("sha256", authSecret()).update("intervue:media-playback:v1").digest();
}

function sign(m: SignedMedia, exp: number): Buffer {
  // Fields joined by a newline, which none of them can hold (keys and types are checked): the
  // bucket apart from the key too, so that no other split of the same path signs the same.
  return createHmac("sha256", playbackKey()).update(`${m.bucket}\n${m.key}\n${exp}\n${m.contentType}`).digest();
}

/** Recordings, and the JPEG posters and strips media processing makes of them. */
function isSignableType(type: string): boolean {
  return type === "image/jpeg" || isNormalVideoMime(type);
}

/** The path and query of a URL that serves `m` until `expiresAt` (unix seconds). */
export function signedPlaybackPath(m: SignedMedia, expiresAt: number): string {
  // Recorders' types as finaliseTake stores them (`video/webm;codecs="vp8,opus"`); nothing else is signed or served.
  if (!isSignableType(m.contentType)) throw new Error(`unsigned content type: ${m.contentType}`);
  const exp = Math.floor(expiresAt);
  const path = [m.bucket, ...m.key.split("/")].map(encodeURIComponent).join("/");
  const query = new URLSearchParams({ exp: String(exp), type: m.contentType, sig: sign(m, exp).toString("base64url") });
  return `${PLAYBACK_ROUTE}/${path}?${query.toString()}`;
}

/**
 * The object a signed URL names, or null when anything is off: a malformed or forged
 * signature, another object or type, or an expiry in the past. The caller answers every null
 * alike (404), so the route tells nothing about why.
 */
export function verifyPlayback(
  input: { bucket: string; key: string; exp: string | null; type: string | null; sig: string | null },
  nowSeconds: number = Date.now() / 1000,
): SignedMedia | null {
  const { bucket, key, exp, type, sig } = input;
  // A bucket or key the app never writes (a segment that arrived with an encoded '/', '..',
  // odd characters) is refused here, as a 404, before the storage would throw on it.
  if (!isSafeKey(bucket, key)) return null;
  if (!exp || !EXPIRY.test(exp) || !type || !isSignableType(type) || !sig || !SIGNATURE.test(sig)) return null;
  const expiresAt = Number(exp);
  const media = { bucket, key, contentType: type };
  const given = Buffer.from(sig, "base64url");
  const expected = sign(media, expiresAt);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return expiresAt > nowSeconds ? media : null;
}
