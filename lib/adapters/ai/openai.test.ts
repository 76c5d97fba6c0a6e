import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { zodResponseFormat } from "openai/helpers/zod";
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { parseEnv } from "@/lib/env";
import { CHAT_COMPLETIONS, startOpenAiServer, TRANSCRIPTIONS, type OpenAiServer } from "@/tests/openai-server";
import { ProviderError } from "./errors";
import { createOpenAiProvider, languageCode, openAiConfigFromEnv, retryAfterMs, type OpenAiProviderConfig } from "./openai";

// Stands for the pipeline's 16 kHz FLAC: the server reads the upload, it does not decode it.
const AUDIO = Buffer.concat([Buffer.from("fLaC"), Buffer.alloc(4096, 7)]);

const Rubric = z.object({
  summary: z.string(),
  sentiment: z.enum(["positive", "neutral", "negative"]),
  criteria: z.array(z.object({ name: z.string(), score: z.number().min(0).max(10), quote: z.string().nullable() })),
});
type Rubric = z.infer<typeof Rubric>;
const GOOD: Rubric = {
  summary: "Led a billing migration.",
  sentiment: "positive",
  criteria: [{ name: "Ownership", score: 8, quote: "I led the migration" }],
};
const scoreInput = { system: "You score interview answers.", user: "Question: ... Answer: ...", schema: Rubric, schemaName: "answer_score" };

let server: OpenAiServer;
let other: OpenAiServer;
let keyless: OpenAiServer;
beforeAll(async () => {
  [server, other, keyless] = await Promise.all([startOpenAiServer(), startOpenAiServer({ apiKey: "sk-scoring-only-key" }), startOpenAiServer({ apiKey: null })]);
});
afterAll(() => Promise.all([server.close(), other.close(), keyless.close()]));
beforeEach(() => {
  server.reset();
  other.reset();
  keyless.reset();
});

const config = (over: Partial<OpenAiProviderConfig> = {}): OpenAiProviderConfig => ({
  transcription: { baseURL: server.url, apiKey: server.apiKey, model: "whisper-1" },
  scoring: { baseURL: server.url, apiKey: server.apiKey, model: "gpt-4o-mini" },
  timeoutMs: 10_000,
  ...over,
});

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ProviderError);
    return err as ProviderError;
  }
  throw new Error("expected a ProviderError, the call succeeded");
}

describe("transcribe (real openai SDK against a local OpenAI-compatible server)", () => {
  it("uploads the audio as multipart with the model, verbose_json and segment timestamps, and returns the segments", async () => {
    server.setTranscript({
      text: " I led the migration. It took a year.",
      language: "english",
      duration: 6.4,
      segments: [
        { start: 0, end: 2.5, text: " I led the migration." },
        { start: 2.8, end: 6.1, text: " It took a year." },
      ],
    });
    const transcript = await createOpenAiProvider(config()).transcribe({ file: AUDIO, fileName: "speech.flac", language: "en" });

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: "POST", path: TRANSCRIPTIONS, authorization: `Bearer ${server.apiKey}`, status: 200 });
    expect(request!.transcription).toEqual({
      model: "whisper-1",
      fileName: "speech.flac",
      fileSize: AUDIO.length,
      fileType: "audio/flac",
      responseFormat: "verbose_json",
      timestampGranularities: ["segment"],
      language: "en",
      fields: { model: "whisper-1", language: "en", response_format: "verbose_json", "timestamp_granularities[]": ["segment"] },
    });
    expect(transcript).toEqual({
      text: "I led the migration. It took a year.",
      language: "en",
      durationSec: 6.4,
      segments: [
        { start: 0, end: 2.5, text: "I led the migration." },
        { start: 2.8, end: 6.1, text: "It took a year." },
      ],
      model: "whisper-1",
    });
  });

  it("reads the audio from a path or a stream, naming it by the file", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "intervue-openai-"));
    try {
      const file = path.join(dir, "answer-speech.flac");
      await writeFile(file, AUDIO);
      const provider = createOpenAiProvider(config());
      await provider.transcribe({ file });
      await provider.transcribe({ file: Readable.from([AUDIO.subarray(0, 100), AUDIO.subarray(100)]), fileName: "chunk-2.mp3" });
      expect(server.requests.map((r) => [r.transcription?.fileName, r.transcription?.fileSize, r.transcription?.fileType])).toEqual([
        ["answer-speech.flac", AUDIO.length, "audio/flac"],
        ["chunk-2.mp3", AUDIO.length, "audio/mpeg"],
      ]);
      await expect(provider.transcribe({ file: AUDIO })).rejects.toThrow(/fileName is required/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("an answer without segments becomes one segment covering the whole duration", async () => {
    server.setTranscript({ text: "Short answer.", duration: 3.25, segments: null });
    const transcript = await createOpenAiProvider(config()).transcribe({ file: AUDIO, fileName: "speech.flac" });
    expect(transcript.segments).toEqual([{ start: 0, end: 3.25, text: "Short answer." }]);
    expect(transcript.durationSec).toBe(3.25);
  });

  it("asks gpt-4o-transcribe for json (it has no verbose_json) and takes the duration from the pipeline", async () => {
    server.setTranscript({ text: "Short answer.", duration: 3.25 });
    const provider = createOpenAiProvider(config({ transcription: { baseURL: server.url, apiKey: server.apiKey, model: "gpt-4o-transcribe" } }));
    const transcript = await provider.transcribe({ file: AUDIO, fileName: "speech.flac", durationSec: 3.21, language: "de" });
    expect(server.requests[0]!.transcription).toMatchObject({ model: "gpt-4o-transcribe", responseFormat: "json", timestampGranularities: [] });
    expect(transcript).toEqual({
      text: "Short answer.",
      language: "de",
      durationSec: 3.21,
      segments: [{ start: 0, end: 3.21, text: "Short answer." }],
      model: "gpt-4o-transcribe",
    });
    // Without the pipeline's measure, the provider's billed seconds are the best there is.
    expect((await provider.transcribe({ file: AUDIO, fileName: "speech.flac" })).durationSec).toBe(4);
  });

  it("a silent answer is an empty transcript with no segments", async () => {
    server.setTranscript({ text: "", duration: 5, segments: [] });
    const transcript = await createOpenAiProvider(config()).transcribe({ file: AUDIO, fileName: "speech.flac" });
    expect(transcript).toMatchObject({ text: "", segments: [], durationSec: 5 });
  });

  it("a 429 with Retry-After fails once, retryable after that long; the SDK does not retry by itself; the next call succeeds", async () => {
    server.failNext(TRANSCRIPTIONS, 429, 1, { "retry-after": "7" });
    const provider = createOpenAiProvider(config());
    const err = await failure(provider.transcribe({ file: AUDIO, fileName: "speech.flac" }));
    expect(err).toMatchObject({ kind: "rate_limited", retryable: true, retryAfterMs: 7000, status: 429 });
    expect(err.message).toMatch(/limiting the rate of transcription requests \(429: Rate limit reached/);
    expect(server.requests).toHaveLength(1);
    await provider.transcribe({ file: AUDIO, fileName: "speech.flac" });
    expect(server.requests.map((r) => r.status)).toEqual([429, 200]);
  });
});

describe("score (real openai SDK against a local OpenAI-compatible server)", () => {
  it("posts a chat completion with a strict JSON schema generated from the zod schema, and returns the validated value", async () => {
    server.setChatReply(JSON.stringify(GOOD));
    const result = await createOpenAiProvider(config()).score(scoreInput);

    expect(result.value).toEqual(GOOD);
    expectTypeOf(result.value).toEqualTypeOf<Rubric>();
    expect(result.model).toBe("gpt-4o-mini");
    expect(result.attempts).toBe(1);
    expect(result.usage.totalTokens).toBe(result.usage.promptTokens + result.usage.completionTokens);
    expect(result.usage.promptTokens).toBeGreaterThan(0);

    expect(server.requests).toHaveLength(1);
    const body = server.requests[0]!.chat!;
    expect(server.requests[0]!.path).toBe(CHAT_COMPLETIONS);
    expect(body.model).toBe("gpt-4o-mini");
    expect(body.messages).toEqual([
      { role: "system", content: scoreInput.system },
      { role: "user", content: scoreInput.user },
    ]);
    expect(body.response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "answer_score", strict: true, schema: zodResponseFormat(Rubric, "answer_score").json_schema.schema },
    });
    // What strict mode needs: every property required (nullable instead of optional), nothing extra.
    const schema = body.response_format!.json_schema!.schema as {
      required: string[];
      additionalProperties: boolean;
      properties: { criteria: { items: { required: string[]; properties: { quote: unknown } } } };
    };
    expect(schema.required).toEqual(["summary", "sentiment", "criteria"]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.criteria.items.required).toEqual(["name", "score", "quote"]);
    expect(schema.properties.criteria.items.properties.quote).toEqual({ type: ["string", "null"] });
  });

  it("an answer that is not JSON is retried once with the reason, and the second answer is used", async () => {
    server.replyChat("Sure! Here is the score: 8/10", JSON.stringify(GOOD));
    const result = await createOpenAiProvider(config()).score(scoreInput);
    expect(result).toMatchObject({ value: GOOD, attempts: 2 });
    expect(server.requests).toHaveLength(2);
    const retry = server.requests[1]!.chat!.messages!;
    expect(retry).toHaveLength(4);
    expect(retry[2]).toEqual({ role: "assistant", content: "Sure! Here is the score: 8/10" });
    expect(retry[3]).toMatchObject({ role: "user", content: expect.stringMatching(/not JSON/) });
  });

  it("two unusable answers (not JSON, then not the schema) end in invalid_output naming what was wrong", async () => {
    server.replyChat("not json", JSON.stringify({ ...GOOD, sentiment: "ecstatic" }));
    const err = await failure(createOpenAiProvider(config()).score(scoreInput));
    expect(err).toMatchObject({ kind: "invalid_output", retryable: false });
    expect(err.message).toMatch(/gpt-4o-mini .* gave no usable answer in two tries: the answer did not match the expected format \(sentiment: /);
    expect(server.requests).toHaveLength(2);
  });

  it("a refusal or an answer cut off at the length limit counts as unusable", async () => {
    server.replyChat({ refusal: "I can't help with that." }, { content: '{"summary": "Led a', finishReason: "length" });
    const err = await failure(createOpenAiProvider(config()).score(scoreInput));
    expect(err.kind).toBe("invalid_output");
    expect(err.message).toMatch(/cut off at the length limit/);
    expect(server.requests[1]!.chat!.messages![2]).toMatchObject({ role: "user", content: expect.stringMatching(/the model refused: I can't help with that/) });
  });

  it("a 429 then success: the first call fails with the wait from retry-after-ms, the second call answers", async () => {
    server.failNext(CHAT_COMPLETIONS, 429, 1, { "retry-after-ms": "1500", "retry-after": "2" });
    server.setChatReply(JSON.stringify(GOOD));
    const provider = createOpenAiProvider(config());
    const err = await failure(provider.score(scoreInput));
    expect(err).toMatchObject({ kind: "rate_limited", retryable: true, retryAfterMs: 1500, status: 429 });
    expect(server.requests).toHaveLength(1);
    expect((await provider.score(scoreInput)).value).toEqual(GOOD);
  });

  it("a wrong key (401) is a permanent auth error whose message does not contain the key", async () => {
    const key = "sk-proj-wrong-AbCdEf0123456789";
    const provider = createOpenAiProvider(config({ scoring: { baseURL: server.url, apiKey: key, model: "gpt-4o-mini" } }));
    const err = await failure(provider.score(scoreInput));
    expect(err).toMatchObject({ kind: "auth", retryable: false, status: 401 });
    expect(err.message).toMatch(/refused the API key or account used for scoring \(401: Incorrect API key provided/);
    expect(server.requests[0]!.status).toBe(401);
    expect(err.message).not.toContain(key);
    expect(err.message).not.toContain("AbCdEf0123456789");
    expect(JSON.stringify(err)).not.toContain("AbCdEf0123456789");
  });

  it.each([
    [403, "auth", false],
    [400, "invalid_request", false],
    [404, "invalid_request", false],
    [422, "invalid_request", false],
    [500, "unavailable", true],
    [503, "unavailable", true],
  ] as const)("a %i is %s (retryable: %s)", async (status, kind, retryable) => {
    server.failNext(CHAT_COMPLETIONS, status, 1);
    const err = await failure(createOpenAiProvider(config()).score(scoreInput));
    expect(err).toMatchObject({ kind, retryable, status });
    expect(server.requests).toHaveLength(1);
  });

  it("a 503 with Retry-After as an HTTP date is retryable after about that long", async () => {
    server.failNext(CHAT_COMPLETIONS, 503, 1, { "retry-after": new Date(Date.now() + 30_000).toUTCString() });
    const err = await failure(createOpenAiProvider(config()).score(scoreInput));
    expect(err.kind).toBe("unavailable");
    expect(err.retryAfterMs).toBeGreaterThan(27_000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it("a 429 for an exhausted quota is not retryable", async () => {
    server.failNext(CHAT_COMPLETIONS, 429, 1, {}, { code: "insufficient_quota", message: "You exceeded your current quota." });
    const err = await failure(createOpenAiProvider(config()).score(scoreInput));
    expect(err).toMatchObject({ kind: "rate_limited", retryable: false });
    expect(err.message).toMatch(/no quota left/);
  });

  it("a provider slower than the timeout, or a cancelled call, is a retryable timeout", async () => {
    server.setLatency(CHAT_COMPLETIONS, 1500);
    const slow = await failure(createOpenAiProvider(config({ timeoutMs: 300 })).score(scoreInput));
    expect(slow).toMatchObject({ kind: "timeout", retryable: true });
    expect(slow.message).toMatch(/did not answer the scoring request within 300 ms/);
    const cancelled = await failure(createOpenAiProvider(config()).score({ ...scoreInput, signal: AbortSignal.timeout(200) }));
    expect(cancelled).toMatchObject({ kind: "timeout", retryable: true });
  });

  it("a server that cannot be reached is unavailable and retryable", async () => {
    const gone = await startOpenAiServer();
    const url = gone.url;
    await gone.close();
    const err = await failure(createOpenAiProvider(config({ scoring: { baseURL: url, apiKey: "sk-x", model: "m" } })).score(scoreInput));
    expect(err).toMatchObject({ kind: "unavailable", retryable: true });
    expect(err.message).toMatch(/could not be reached for scoring/);
  });
});

describe("separate servers for transcription and scoring", () => {
  it("sends each request to its own base URL with its own key and model", async () => {
    other.setChatReply(JSON.stringify(GOOD));
    const provider = createOpenAiProvider(
      config({
        transcription: { baseURL: server.url, apiKey: server.apiKey, model: "whisper-large-v3" },
        scoring: { baseURL: other.url, apiKey: other.apiKey, model: "llama3.1:8b" },
      }),
    );
    await provider.transcribe({ file: AUDIO, fileName: "speech.flac" });
    const scored = await provider.score(scoreInput);
    expect(server.requests.map((r) => [r.path, r.authorization, r.transcription?.model])).toEqual([[TRANSCRIPTIONS, `Bearer ${server.apiKey}`, "whisper-large-v3"]]);
    expect(other.requests.map((r) => [r.path, r.authorization, r.chat?.model])).toEqual([[CHAT_COMPLETIONS, `Bearer ${other.apiKey}`, "llama3.1:8b"]]);
    expect(scored.model).toBe("llama3.1:8b");
    expect(provider.models).toEqual({ transcription: "whisper-large-v3", scoring: "llama3.1:8b" });
  });

  it("sends no Authorization header to a server configured without a key", async () => {
    keyless.setChatReply(JSON.stringify(GOOD));
    const provider = createOpenAiProvider(config({ scoring: { baseURL: keyless.url, apiKey: null, model: "qwen2.5" } }));
    await provider.score(scoreInput);
    expect(keyless.requests.map((r) => r.authorization)).toEqual([null]);
  });
});

describe("openAiConfigFromEnv", () => {
  it("is null when no OpenAI variable points anywhere", () => {
    expect(openAiConfigFromEnv(parseEnv({}))).toBeNull();
    expect(openAiConfigFromEnv(parseEnv({ OPENAI_MODEL: "gpt-4o", OPENAI_TRANSCRIBE_MODEL: "gpt-4o-transcribe" }))).toBeNull();
  });

  it("shares OPENAI_BASE_URL and OPENAI_API_KEY unless a side has its own", () => {
    expect(openAiConfigFromEnv(parseEnv({ OPENAI_API_KEY: "sk-1" }))).toEqual({
      transcription: { baseURL: "https://api.openai.com/v1", apiKey: "sk-1", model: "whisper-1" },
      scoring: { baseURL: "https://api.openai.com/v1", apiKey: "sk-1", model: "gpt-4o-mini" },
      timeoutMs: 120_000,
    });
    expect(
      openAiConfigFromEnv(
        parseEnv({
          OPENAI_API_KEY: "sk-1",
          OPENAI_SCORING_BASE_URL: "http://ollama:11434/v1",
          OPENAI_SCORING_API_KEY: "ollama",
          OPENAI_MODEL: "llama3.1:8b",
          OPENAI_TIMEOUT_MS: "60000",
        }),
      ),
    ).toEqual({
      transcription: { baseURL: "https://api.openai.com/v1", apiKey: "sk-1", model: "whisper-1" },
      scoring: { baseURL: "http://ollama:11434/v1", apiKey: "ollama", model: "llama3.1:8b" },
      timeoutMs: 60_000,
    });
  });

  it("allows a fully self-hosted setup without any key", () => {
    const cfg = openAiConfigFromEnv(parseEnv({ OPENAI_BASE_URL: "http://vllm:8000/v1", OPENAI_TRANSCRIBE_BASE_URL: "http://whisper:8000/v1" }));
    expect(cfg?.transcription).toEqual({ baseURL: "http://whisper:8000/v1", apiKey: null, model: "whisper-1" });
    expect(cfg?.scoring).toEqual({ baseURL: "http://vllm:8000/v1", apiKey: null, model: "gpt-4o-mini" });
  });
});

describe("helpers", () => {
  it("reads retry-after-ms, Retry-After in seconds and as an HTTP date", () => {
    const now = Date.parse("2026-12-07T12:00:00Z");
    expect(retryAfterMs(new Headers({ "retry-after-ms": "250.5", "retry-after": "9" }), now)).toBe(251);
    expect(retryAfterMs(new Headers({ "retry-after": "3" }), now)).toBe(3000);
    expect(retryAfterMs(new Headers({ "retry-after": "Mon, 07 Dec 2026 12:00:20 GMT" }), now)).toBe(20_000);
    expect(retryAfterMs(new Headers({ "retry-after": "Mon, 07 Dec 2026 11:00:00 GMT" }), now)).toBe(0);
    expect(retryAfterMs(new Headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });

  it("turns Whisper's language names into ISO-639-1 codes", () => {
    expect(languageCode("english")).toBe("en");
    expect(languageCode("German")).toBe("de");
    expect(languageCode("fr")).toBe("fr");
    expect(languageCode("klingon")).toBe("klingon");
  });
});
