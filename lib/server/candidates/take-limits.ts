import "server-only";
import { parseVideoMime, type VideoContainer } from "@/lib/server/media/video-mime";

// The limits of one take (one recording attempt of a video question), shared by startTake and
// finaliseTake (decision 0007, "Takes").

/** Seconds a recording may run past the question's limit: 10 %, at least 2 s (timers, encoder flush). */
export function durationToleranceSeconds(maxSeconds: number): number {
  return Math.max(2, Math.ceil(maxSeconds * 0.1));
}

/** The longest recording accepted for a question with this limit. */
export function allowedSeconds(maxSeconds: number): number {
  return maxSeconds + durationToleranceSeconds(maxSeconds);
}

/**
 * A generous bitrate for 720p WebM/MP4 with audio from MediaRecorder (browsers aim at
 * 2.5 Mbit/s; 4 Mbit/s leaves room for Safari's H.264 and bursts).
 */
export const MAX_BITS_PER_SECOND = 4_000_000;
/** Container overhead and headers, independent of the length. */
const OVERHEAD_BYTES = 1024 * 1024;

/** The size limit a recording of at most allowedSeconds(maxSeconds) can need. */
export function sizeLimitBytes(maxSeconds: number): number {
  return Math.ceil((allowedSeconds(maxSeconds) * MAX_BITS_PER_SECOND) / 8) + OVERHEAD_BYTES;
}

/** The container a recorder's mimeType names ("webm" | "mp4"), or null for anything else (grammar: parseVideoMime). */
export function containerOf(mimeType: unknown): VideoContainer | null {
  return parseVideoMime(mimeType)?.container ?? null;
}

/** How many first bytes sniffContainer looks at; a shorter file is refused before it is stored. */
export const SNIFF_BYTES = 12;

/** The container the first bytes of a file show: WebM (EBML 1A 45 DF A3) or MP4 ("ftyp" at 4). */
export function sniffContainer(head: Uint8Array): "webm" | "mp4" | null {
  if (head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return "webm";
  if (head.length >= 8 && String.fromCharCode(head[4]!, head[5]!, head[6]!, head[7]!) === "ftyp") return "mp4";
  return null;
}
