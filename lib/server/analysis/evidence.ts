// The model is asked to quote the candidate verbatim, but a model can paraphrase, merge two
// sentences or invent a quote. A quote is kept only when its words occur, in order and next to
// each other, in the transcript (or the written answer); it is then shown as the transcript has
// it, with the times of the segments it spans, so HR can play exactly that part. Anything else is
// dropped and handed back for the caller to log.
import type { TranscriptSegment } from "@/lib/adapters/ai/types";
import { type Word, words } from "./words";

/** Shorter quotes prove little ("yes", "I think so") and match almost anywhere. */
export const MIN_QUOTE_WORDS = 3;
export const MIN_QUOTE_CHARS = 12;

export type LocatedEvidence = {
  /** As it appears in the transcript. */
  quote: string;
  /** Seconds: the start of the first segment the quote touches; absent for a written answer. */
  start?: number;
  /** Seconds: the end of the last segment the quote touches; absent for a written answer. */
  end?: number;
};

export type DroppedQuote = { quote: string; reason: "empty" | "too_short" | "not_in_transcript" };

export type EvidenceSource = {
  text: string;
  /** A recording's segments; empty or absent for a written answer. */
  segments?: readonly TranscriptSegment[] | null;
};

type SourceWord = Word & { segment: number };

function sourceWords(source: EvidenceSource): { text: string; words: SourceWord[]; timed: readonly TranscriptSegment[] | null } {
  const segments = source.segments ?? [];
  if (segments.length === 0) return { text: source.text, words: words(source.text).map((w) => ({ ...w, segment: -1 })), timed: null };
  // The segments are the transcript (stitchSegments joins them by single spaces); searching them
  // keeps each word's segment, which is where its time comes from.
  const all: SourceWord[] = [];
  let text = "";
  segments.forEach((s, i) => {
    if (i > 0) text += " ";
    const offset = text.length;
    for (const w of words(s.text)) all.push({ key: w.key, start: w.start + offset, end: w.end + offset, segment: i });
    text += s.text;
  });
  return { text, words: all, timed: segments };
}

function find(haystack: readonly SourceWord[], needle: readonly Word[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j]!.key !== needle[j]!.key) continue outer;
    return i;
  }
  return -1;
}

/**
 * Finds each quote in the transcript, ignoring case, punctuation, spacing, the kind of quote
 * marks, and ё against е. Found quotes come back in the order given, each once, as the
 * transcript spells them; the others come back in `dropped` with the reason.
 */
export function locateEvidence(quotes: readonly string[], source: EvidenceSource): { evidence: LocatedEvidence[]; dropped: DroppedQuote[] } {
  const { text, words: haystack, timed } = sourceWords(source);
  const evidence: LocatedEvidence[] = [];
  const dropped: DroppedQuote[] = [];
  const seen = new Set<string>();
  for (const quote of quotes) {
    const needle = words(quote);
    if (needle.length === 0) {
      dropped.push({ quote, reason: "empty" });
      continue;
    }
    if (needle.length < MIN_QUOTE_WORDS || quote.trim().length < MIN_QUOTE_CHARS) {
      dropped.push({ quote, reason: "too_short" });
      continue;
    }
    const at = find(haystack, needle);
    if (at < 0) {
      dropped.push({ quote, reason: "not_in_transcript" });
      continue;
    }
    const first = haystack[at]!;
    const last = haystack[at + needle.length - 1]!;
    const key = `${first.start}:${last.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const found: LocatedEvidence = { quote: text.slice(first.start, last.end) };
    if (timed) {
      found.start = timed[first.segment]!.start;
      found.end = timed[last.segment]!.end;
    }
    evidence.push(found);
  }
  return { evidence, dropped };
}
