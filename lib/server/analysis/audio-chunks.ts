// Long answers are sent to the transcription provider in pieces under its upload limit (25 MB
// at OpenAI). Cutting inside a pause keeps words whole; the pieces' segment times are shifted
// back onto the answer's own clock when they are stitched together.

import type { TranscriptSegment } from "@/lib/adapters/ai/types";

export type TimeRange = { start: number; end: number };

/** Times are compared with this tolerance, so float noise never adds a sliver of a chunk. */
const EPSILON = 1e-6;

/**
 * Splits `durationSec` of audio into consecutive ranges whose size (`bytesPerSec` × length)
 * is at most `maxBytes`. `bytesPerSec` is the file's average (size / duration) and compressed
 * audio is not uniform, so pass a `maxBytes` with a margin under the provider's limit. Each cut is placed as near the middle of a silence as possible, using
 * the latest silence in the second half of the window (so one early pause does not double the
 * number of requests); with none there, the cut is hard, at the limit.
 * Zero duration gives no ranges; audio that fits (exactly at the limit included) gives one.
 */
export function planAudioChunks(input: { durationSec: number; bytesPerSec: number; maxBytes: number; silences: readonly TimeRange[] }): TimeRange[] {
  const { durationSec, bytesPerSec, maxBytes } = input;
  if (!Number.isFinite(durationSec) || durationSec < 0) throw new RangeError(`durationSec must be a non-negative number (got ${durationSec})`);
  if (!(bytesPerSec > 0) || !Number.isFinite(bytesPerSec)) throw new RangeError(`bytesPerSec must be positive (got ${bytesPerSec})`);
  if (!(maxBytes > 0) || !Number.isFinite(maxBytes)) throw new RangeError(`maxBytes must be positive (got ${maxBytes})`);
  if (durationSec === 0) return [];

  const maxSec = maxBytes / bytesPerSec;
  const silences = input.silences
    .map((s) => ({ start: Math.max(0, s.start), end: Math.min(durationSec, s.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);

  const ranges: TimeRange[] = [];
  let start = 0;
  while (durationSec - start > maxSec + EPSILON) {
    const limit = start + maxSec;
    const earliest = start + maxSec / 2;
    let cut = limit;
    let found = false;
    for (const s of silences) {
      // The part of this silence where a cut is allowed; the cut goes as near its middle as that allows.
      const from = Math.max(s.start, earliest);
      const to = Math.min(s.end, limit);
      if (to < from) continue;
      const candidate = Math.min(Math.max((s.start + s.end) / 2, from), to);
      if (!found || candidate > cut) {
        cut = candidate;
        found = true;
      }
    }
    ranges.push({ start, end: cut });
    start = cut;
  }
  ranges.push({ start, end: durationSec });
  return ranges;
}

/**
 * One transcript from the pieces' transcripts: each segment shifted by its piece's offset,
 * texts trimmed (Whisper starts most with a space), empty ones dropped, the whole text the
 * segments' texts joined by single spaces. A segment is kept within its piece (a model may
 * place the last one's end past the audio it got), so times never run backwards.
 */
export function stitchSegments(chunks: readonly { offsetSec: number; segments: readonly TranscriptSegment[] }[]): {
  text: string;
  segments: TranscriptSegment[];
} {
  const segments: TranscriptSegment[] = [];
  chunks.forEach((chunk, i) => {
    const next = chunks[i + 1]?.offsetSec ?? Number.POSITIVE_INFINITY;
    for (const s of chunk.segments) {
      const text = s.text.trim();
      if (!text) continue;
      const start = Math.min(chunk.offsetSec + s.start, next);
      segments.push({ start, end: Math.max(start, Math.min(chunk.offsetSec + s.end, next)), text });
    }
  });
  return { text: segments.map((s) => s.text).join(" "), segments };
}
