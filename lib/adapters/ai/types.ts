import type { Readable } from "node:stream";
import type { z } from "zod";

/** A stretch of a transcript; times in seconds from the start of the answer. */
export type TranscriptSegment = { start: number; end: number; text: string };

export type TranscribeInput = {
  /** A file path, or the audio itself (then `fileName` is required: providers tell the format by its extension). */
  file: string | Buffer | Uint8Array | Readable;
  fileName?: string;
  /** ISO-639-1 code (`en`), when the answer's language is known. */
  language?: string;
  /** The audio's duration as the media pipeline measured it; used when the provider reports none. */
  durationSec?: number;
  signal?: AbortSignal;
};

export type Transcript = {
  text: string;
  /** ISO-639-1 code when it could be told (the provider's detection, else the input's), otherwise what the provider said; null if neither. */
  language: string | null;
  /** From the provider, else the input's `durationSec`; null if neither is known. */
  durationSec: number | null;
  /** Never empty for a non-empty text with a known duration: without the provider's segments, one covers the whole answer. */
  segments: TranscriptSegment[];
  model: string;
};

export type ScoreInput<T> = {
  system: string;
  user: string;
  /** The result's zod schema: the JSON schema sent to the model is generated from it, and the answer is validated with it. Use `.nullable()`, not `.optional()`. */
  schema: z.ZodType<T>;
  schemaName: string;
  signal?: AbortSignal;
};

export type TokenUsage = { promptTokens: number; completionTokens: number; totalTokens: number };

export type ScoreResult<T> = {
  value: T;
  /** The model that answered, as the provider names it. */
  model: string;
  /** Summed over the attempts. */
  usage: TokenUsage;
  /** 1, or 2 when the first answer was unusable. */
  attempts: number;
};
