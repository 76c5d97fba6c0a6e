// An answer's transcript as WebVTT captions (https://www.w3.org/TR/webvtt1/), for the review
// page's <track kind="captions">. The transcript is the provider's text: it is never trusted to
// be valid cue text.

export type CaptionSegment = { start: number; end: number; text: string };

/** A cue shorter than this is stretched, so that even a one-word segment can be read. */
const MIN_CUE_SECONDS = 0.5;

/** Seconds as a WebVTT timestamp, hh:mm:ss.ttt (hours always written: answers never need more than two digits). */
export function vttTimestamp(seconds: number): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/**
 * Cue text as WebVTT requires it: `&`, `<` and `>` escaped (a `<` would open a tag, and with
 * `>` escaped no "-->" can remain to be read as a timing line), control characters dropped,
 * and every run of whitespace, line breaks included, one space (a blank line would end the cue).
 */
export function vttCueText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/**
 * The WebVTT file of a transcript's segments: one cue per segment with text, in time order;
 * a segment with no usable time (not a finite number) is left out, an end at or before the
 * start is moved after it.
 */
export function buildWebVtt(segments: readonly CaptionSegment[]): string {
  const cues = segments
    .filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end))
    .map((s) => ({ start: Math.max(0, s.start), end: s.end, text: vttCueText(s.text) }))
    .filter((c) => c.text !== "")
    .sort((a, b) => a.start - b.start)
    .map((c, i) => {
      const end = Math.max(c.end, c.start + MIN_CUE_SECONDS);
      return `${i + 1}\n${vttTimestamp(c.start)} --> ${vttTimestamp(end)}\n${c.text}`;
    });
  return ["WEBVTT", ...cues].join("\n\n") + "\n";
}
