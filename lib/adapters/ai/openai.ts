import "server-only";
import { createReadStream } from "node:fs";
import { basename, extname } from "node:path";
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, toFile } from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { z } from "zod";
import type { Env } from "@/lib/env";
import { ProviderError } from "./errors";
import type { ScoreInput, ScoreResult, TokenUsage, TranscribeInput, Transcript, TranscriptSegment } from "./types";

export const OPENAI_BASE_URL = "https://api.openai.com/v1";

/** One OpenAI-compatible server: OpenAI itself, or a self-hosted one (`apiKey` null: send no Authorization header). */
export type OpenAiEndpoint = { baseURL: string; apiKey: string | null; model: string };

export type OpenAiProviderConfig = {
  transcription: OpenAiEndpoint;
  scoring: OpenAiEndpoint;
  /** How long one request may take. */
  timeoutMs: number;
};

export type OpenAiProvider = {
  readonly kind: "openai";
  /** The configured models (what results record); the keys stay inside. */
  readonly models: { transcription: string; scoring: string };
  transcribe(input: TranscribeInput): Promise<Transcript>;
  score<T>(input: ScoreInput<T>): Promise<ScoreResult<T>>;
};

/**
 * The provider's configuration from the environment, or null when no OpenAI variable points
 * anywhere. Each side (transcription, scoring) takes its own base URL and key when set, else
 * the shared OPENAI_BASE_URL / OPENAI_API_KEY; lib/env.ts refuses a side that would reach
 * api.openai.com without a key.
 */
export function openAiConfigFromEnv(
  e: Pick<
    Env,
    | "OPENAI_API_KEY"
    | "OPENAI_BASE_URL"
    | "OPENAI_MODEL"
    | "OPENAI_TRANSCRIBE_MODEL"
    | "OPENAI_TRANSCRIBE_BASE_URL"
    | "OPENAI_TRANSCRIBE_API_KEY"
    | "OPENAI_SCORING_BASE_URL"
    | "OPENAI_SCORING_API_KEY"
    | "OPENAI_TIMEOUT_MS"
  >,
): OpenAiProviderConfig | null {
  const any = [e.OPENAI_API_KEY, e.OPENAI_BASE_URL, e.OPENAI_TRANSCRIBE_BASE_URL, e.OPENAI_TRANSCRIBE_API_KEY, e.OPENAI_SCORING_BASE_URL, e.OPENAI_SCORING_API_KEY];
  if (!any.some(Boolean)) return null;
  return {
    transcription: {
      baseURL: e.OPENAI_TRANSCRIBE_BASE_URL ?? e.OPENAI_BASE_URL ?? OPENAI_BASE_URL,
      apiKey: e.OPENAI_TRANSCRIBE_API_KEY ?? e.OPENAI_API_KEY ?? null,
      model: e.OPENAI_TRANSCRIBE_MODEL,
    },
    scoring: {
      baseURL: e.OPENAI_SCORING_BASE_URL ?? e.OPENAI_BASE_URL ?? OPENAI_BASE_URL,
      apiKey: e.OPENAI_SCORING_API_KEY ?? e.OPENAI_API_KEY ?? null,
      model: e.OPENAI_MODEL,
    },
    timeoutMs: e.OPENAI_TIMEOUT_MS,
  };
}

function client(endpoint: OpenAiEndpoint, timeoutMs: number): OpenAI {
  return new OpenAI({
    // Everything explicit: the SDK would otherwise read OPENAI_* from process.env itself.
    baseURL: endpoint.baseURL,
    apiKey: endpoint.apiKey ?? "none",
    organization: null,
    project: null,
    // Retries belong to the durable engine, which waits out Retry-After without holding a worker.
    maxRetries: 0,
    timeout: timeoutMs,
    ...(endpoint.apiKey === null ? { defaultHeaders: { Authorization: null } } : {}),
  });
}

/**
 * How long the provider asked us to wait: `retry-after-ms` (OpenAI's own), else `Retry-After`
 * in seconds or as an HTTP date. Undefined when absent or unreadable.
 */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const ms = headers?.get("retry-after-ms");
  if (ms && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Math.ceil(Number(ms));
  const value = headers?.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

type Operation = "transcription" | "scoring";

/** Removes API keys from a text that came from elsewhere (a provider's error message may echo the key it got). */
function redact(text: string, keys: (string | null)[]): string {
  let out = text;
  for (const key of keys) if (key) out = out.split(key).join("[redacted]");
  return out.replace(/\bsk-[A-Za-z0-9_*-]{4,}/g, "sk-[redacted]").slice(0, 500);
}

function providerMessage(err: APIError): string {
  const body = err.error as { message?: unknown } | undefined;
  const text = typeof body?.message === "string" ? body.message : err.message.replace(/^\d{3} /, "");
  return text.trim().replace(/[.\s]+$/, "");
}

/** Maps what the SDK threw to a ProviderError; anything that is not the SDK's (a missing file, a bug) is rethrown as it is. */
function toProviderError(err: unknown, operation: Operation, endpoint: OpenAiEndpoint, timeoutMs: number, keys: (string | null)[]): unknown {
  if (err instanceof ProviderError || !(err instanceof APIError)) return err;
  const host = hostOf(endpoint.baseURL);
  const clean = (s: string) => redact(s, keys);
  if (err instanceof APIConnectionTimeoutError) {
    return new ProviderError({ kind: "timeout", retryable: true, message: `The AI provider (${host}) did not answer the ${operation} request within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}.` });
  }
  if (err instanceof APIUserAbortError) {
    return new ProviderError({ kind: "timeout", retryable: true, message: `The ${operation} request to the AI provider (${host}) was cancelled before it answered.` });
  }
  if (err instanceof APIConnectionError) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : "";
    return new ProviderError({ kind: "unavailable", retryable: true, message: clean(`The AI provider (${host}) could not be reached for ${operation}${cause}.`) });
  }
  const status = err.status;
  if (status === undefined) {
    return new ProviderError({ kind: "unavailable", retryable: true, message: clean(`The AI provider (${host}) failed during ${operation}: ${err.message}.`) });
  }
  const said = clean(`${status}: ${providerMessage(err)}`);
  const wait = retryAfterMs(err.headers);
  const after = wait !== undefined ? { retryAfterMs: wait } : {};
  if (status === 429) {
    // OpenAI answers 429 also when the account has no credit left: waiting does not fix that.
    if (err.code === "insufficient_quota") {
      return new ProviderError({ kind: "rate_limited", retryable: false, status, message: `The AI provider (${host}) account has no quota left for ${operation} (${said}). Check the account's plan and billing.` });
    }
    return new ProviderError({ kind: "rate_limited", retryable: true, status, ...after, message: `The AI provider (${host}) is limiting the rate of ${operation} requests (${said}).` });
  }
  if (status === 401 || status === 403) {
    return new ProviderError({ kind: "auth", retryable: false, status, message: `The AI provider (${host}) refused the API key or account used for ${operation} (${said}). Check the key in the configuration.` });
  }
  if (status === 408) {
    return new ProviderError({ kind: "timeout", retryable: true, status, ...after, message: `The AI provider (${host}) timed out on the ${operation} request (${said}).` });
  }
  if (status >= 500 || status === 409) {
    return new ProviderError({ kind: "unavailable", retryable: true, status, ...after, message: `The AI provider (${host}) is unavailable for ${operation} (${said}).` });
  }
  return new ProviderError({ kind: "invalid_request", retryable: false, status, message: `The AI provider (${host}) refused the ${operation} request (${said}).` });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

const AUDIO_TYPES: Record<string, string> = {
  ".flac": "audio/flac",
  ".mp3": "audio/mpeg",
  ".mpga": "audio/mpeg",
  ".m4a": "audio/mp4",
  ".mp4": "audio/mp4",
  ".ogg": "audio/ogg",
  ".oga": "audio/ogg",
  ".wav": "audio/wav",
  ".webm": "audio/webm",
};

/** gpt-4o-transcribe and gpt-4o-mini-transcribe answer only `json` (no segments, no duration); Whisper models give `verbose_json`. */
function transcriptionFormat(model: string): "verbose_json" | "json" {
  return /gpt-4o.*transcribe/i.test(model) ? "json" : "verbose_json";
}

const verboseAnswer = z.object({
  text: z.string(),
  language: z.string().nullish(),
  duration: z.number().nonnegative().nullish(),
  segments: z.array(z.object({ start: z.number(), end: z.number(), text: z.string() })).nullish(),
  usage: z.object({ type: z.string(), seconds: z.number().nonnegative().optional() }).nullish(),
});

let languageCodes: Map<string, string> | undefined;
/** Whisper names the detected language in English ("english"); the rest of the app uses ISO-639-1 codes. */
export function languageCode(name: string): string {
  const value = name.trim().toLowerCase();
  if (/^[a-z]{2}$/.test(value)) return value;
  if (!languageCodes) {
    languageCodes = new Map();
    const names = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });
    for (let a = 97; a <= 122; a++) {
      for (let b = 97; b <= 122; b++) {
        const code = String.fromCharCode(a, b);
        const english = names.of(code);
        if (english) languageCodes.set(english.toLowerCase(), code);
      }
    }
  }
  return languageCodes.get(value) ?? value;
}

async function upload(input: TranscribeInput) {
  const name = input.fileName ?? (typeof input.file === "string" ? basename(input.file) : undefined);
  if (!name) throw new TypeError("transcribe: fileName is required when the audio is not given as a path");
  const type = AUDIO_TYPES[extname(name).toLowerCase()];
  const source = typeof input.file === "string" ? createReadStream(input.file) : input.file;
  return toFile(source, name, type ? { type } : undefined);
}

function usageOf(u: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } | undefined | null): TokenUsage {
  const promptTokens = u?.prompt_tokens ?? 0;
  const completionTokens = u?.completion_tokens ?? 0;
  return { promptTokens, completionTokens, totalTokens: u?.total_tokens ?? promptTokens + completionTokens };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
}

/**
 * Transcription and scoring through the `openai` SDK against OpenAI or any compatible server
 * (faster-whisper/speaches, Ollama, vLLM), each with its own base URL, key and model.
 * Every failure is a ProviderError; the SDK never retries on its own (maxRetries 0).
 */
export function createOpenAiProvider(config: OpenAiProviderConfig): OpenAiProvider {
  const transcriber = client(config.transcription, config.timeoutMs);
  const scorer = config.scoring.baseURL === config.transcription.baseURL && config.scoring.apiKey === config.transcription.apiKey ? transcriber : client(config.scoring, config.timeoutMs);
  const keys = [config.transcription.apiKey, config.scoring.apiKey];

  async function transcribe(input: TranscribeInput): Promise<Transcript> {
    const { model } = config.transcription;
    const format = transcriptionFormat(model);
    const file = await upload(input);
    let raw: unknown;
    try {
      raw = await transcriber.audio.transcriptions.create(
        {
          file,
          model,
          ...(input.language ? { language: input.language } : {}),
          ...(format === "verbose_json" ? { response_format: "verbose_json", timestamp_granularities: ["segment"] } : { response_format: "json" }),
        },
        { signal: input.signal },
      );
    } catch (err) {
      throw toProviderError(err, "transcription", config.transcription, config.timeoutMs, keys);
    }
    const parsed = verboseAnswer.safeParse(raw);
    if (!parsed.success) {
      throw new ProviderError({
        kind: "invalid_output",
        retryable: false,
        message: `The AI provider (${hostOf(config.transcription.baseURL)}) answered the transcription request with something that is not a transcript (${describeIssues(parsed.error)}).`,
      });
    }
    const answer = parsed.data;
    const text = answer.text.trim();
    // The usage's seconds are billing seconds (rounded up): the pipeline's measure is closer.
    const durationSec = answer.duration ?? input.durationSec ?? (answer.usage?.type === "duration" ? answer.usage.seconds : undefined) ?? null;
    let segments: TranscriptSegment[] = (answer.segments ?? []).map((s) => ({ start: s.start, end: s.end, text: s.text.trim() })).filter((s) => s.text);
    if (segments.length === 0 && text && durationSec !== null) segments = [{ start: 0, end: durationSec, text }];
    const language = answer.language ? languageCode(answer.language) : (input.language ?? null);
    return { text, language, durationSec, segments, model };
  }

  async function score<T>(input: ScoreInput<T>): Promise<ScoreResult<T>> {
    const { model } = config.scoring;
    const responseFormat = zodResponseFormat(input.schema, input.schemaName);
    const messages: ChatCompletionMessageParam[] = [
      { role: "system", content: input.system },
      { role: "user", content: input.user },
    ];
    const usage: TokenUsage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
    let problem = "";
    for (let attempt = 1; attempt <= 2; attempt++) {
      let completion: OpenAI.Chat.Completions.ChatCompletion;
      try {
        completion = await scorer.chat.completions.create(
          // The SDK's own parse() would throw on a bad answer; parsing here lets one bad answer be retried.
          { model, messages, response_format: { type: responseFormat.type, json_schema: responseFormat.json_schema } },
          { signal: input.signal },
        );
      } catch (err) {
        throw toProviderError(err, "scoring", config.scoring, config.timeoutMs, keys);
      }
      const u = usageOf(completion.usage);
      usage.promptTokens += u.promptTokens;
      usage.completionTokens += u.completionTokens;
      usage.totalTokens += u.totalTokens;
      const choice = completion.choices[0];
      const content = choice?.message.content ?? null;
      if (!choice) problem = "the answer had no message";
      else if (choice.message.refusal) problem = `the model refused: ${choice.message.refusal}`;
      else if (choice.finish_reason === "length") problem = "the answer was cut off at the length limit";
      else if (choice.finish_reason === "content_filter") problem = "the answer was withheld by the provider's content filter";
      else if (!content) problem = "the answer was empty";
      else {
        let value: unknown;
        let isJson = true;
        try {
          value = JSON.parse(content);
        } catch {
          isJson = false;
        }
        if (!isJson) problem = "the answer was not JSON";
        else {
          const checked = input.schema.safeParse(value);
          if (checked.success) return { value: checked.data, model: completion.model || model, usage, attempts: attempt };
          problem = `the answer did not match the expected format (${describeIssues(checked.error)})`;
        }
      }
      // The second try shows the model its answer and what was wrong with it.
      if (content) messages.push({ role: "assistant", content });
      messages.push({ role: "user", content: `That answer could not be used: ${problem}. Answer again with only JSON that matches the ${input.schemaName} schema.` });
    }
    throw new ProviderError({
      kind: "invalid_output",
      retryable: false,
      message: redact(`The AI model (${model} at ${hostOf(config.scoring.baseURL)}) gave no usable answer in two tries: ${problem}.`, keys),
    });
  }

  return { kind: "openai", models: { transcription: config.transcription.model, scoring: config.scoring.model }, transcribe, score };
}
