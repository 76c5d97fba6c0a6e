// A local server speaking the two OpenAI endpoints the analysis uses, for tests through the real
// `openai` SDK: `new OpenAI({ apiKey, baseURL: server.url })`.
// - `POST /v1/audio/transcriptions`: reads the multipart upload (model, file, response_format,
//   `timestamp_granularities[]`, language) and answers like Whisper: `verbose_json` with
//   segments, `json` with the text (and usage), `text` as plain text. The transcript is scripted
//   (`setTranscript`), or a default one.
// - `POST /v1/chat/completions`: records the JSON body (response_format.json_schema included)
//   and answers a chat completion whose content is scripted (`replyChat` queue, then
//   `setChatReply`), optionally as a refusal or cut off (finish_reason `length`).
// It checks the bearer key (401 in OpenAI's error shape `{ error: { message, type, param, code } }`),
// can fail the next requests to a path with any status and headers (`failNext`, e.g. a 429
// with retry-after), can wait before answering (`setLatency`, for benchmarks), and logs every
// request in `requests`.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const TRANSCRIPTIONS = "/v1/audio/transcriptions";
export const CHAT_COMPLETIONS = "/v1/chat/completions";
export type OpenAiPath = typeof TRANSCRIPTIONS | typeof CHAT_COMPLETIONS;

export type ScriptedTranscript = {
  text?: string;
  /** Whisper names the language in English ("english"); the default is that. */
  language?: string;
  duration?: number;
  /** `null`: answer without segments, as gpt-4o-transcribe does. Default: one per sentence, spread over the duration. */
  segments?: { start: number; end: number; text: string }[] | null;
};

export type TranscriptionRequest = {
  model: string | null;
  fileName: string | null;
  fileSize: number;
  fileType: string | null;
  responseFormat: string | null;
  timestampGranularities: string[];
  language: string | null;
  /** Every multipart field except the file, repeated ones (`x[]`) as arrays. */
  fields: Record<string, string | string[]>;
};

export type ChatRequestBody = {
  model?: string;
  messages?: { role: string; content: unknown }[];
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: Record<string, unknown> } };
  [key: string]: unknown;
};

/** What a chat completion answers: the content, or a refusal, and how it finished. */
export type ChatReply = string | { content?: string | null; refusal?: string; finishReason?: "stop" | "length" | "content_filter" };

export type RecordedOpenAiRequest = {
  method: string;
  path: string;
  status: number;
  authorization: string | null;
  /** When the request arrived (ms since the epoch). */
  at: number;
  transcription?: TranscriptionRequest;
  chat?: ChatRequestBody;
};

type Failure = { status: number; times: number; headers: Record<string, string>; message?: string; code?: string };

export type OpenAiServer = {
  /** The SDK's base URL (ends in /v1). */
  url: string;
  /** The key the server accepts; null: any (or none). */
  apiKey: string | null;
  requests: RecordedOpenAiRequest[];
  setTranscript: (script: ScriptedTranscript | ((request: TranscriptionRequest) => ScriptedTranscript)) => void;
  setChatReply: (reply: ChatReply | ((body: ChatRequestBody) => ChatReply)) => void;
  /** Replies used once each, in order, before the `setChatReply` one. */
  replyChat: (...replies: ChatReply[]) => void;
  /** The next `times` requests to `path` answer `status` with these headers (and an OpenAI-shaped error body). */
  failNext: (path: OpenAiPath, status: number, times?: number, headers?: Record<string, string>, error?: { message?: string; code?: string }) => void;
  setLatency: (path: OpenAiPath, ms: number) => void;
  reset: () => void;
  close: () => Promise<void>;
};

export const DEFAULT_TRANSCRIPT = {
  text: "I led the migration of our billing system to PostgreSQL. We cut the monthly close from three days to four hours.",
  language: "english",
  duration: 9.5,
};

const ERROR_TYPES: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: "invalid_request_error", code: null, message: "Invalid request." },
  401: { type: "invalid_request_error", code: "invalid_api_key", message: "Incorrect API key provided." },
  403: { type: "invalid_request_error", code: "unsupported_country_region_territory", message: "Country, region, or territory not supported." },
  404: { type: "invalid_request_error", code: "model_not_found", message: "The model does not exist or you do not have access to it." },
  422: { type: "invalid_request_error", code: null, message: "Unprocessable entity." },
  429: { type: "requests", code: "rate_limit_exceeded", message: "Rate limit reached for requests. Please try again later." },
  500: { type: "server_error", code: null, message: "The server had an error while processing your request. Sorry about that!" },
  502: { type: "server_error", code: null, message: "Bad gateway." },
  503: { type: "server_error", code: null, message: "The engine is currently overloaded, please try again later." },
};

/** One segment per sentence, the duration shared by length, as Whisper's segments roughly are. */
function defaultSegments(text: string, duration: number): { start: number; end: number; text: string }[] {
  const sentences = text.match(/[^.!?]+[.!?]*/g)?.map((s) => s.trim()).filter(Boolean) ?? [];
  const total = sentences.reduce((n, s) => n + s.length, 0) || 1;
  let start = 0;
  return sentences.map((s) => {
    const end = Math.round((start + (duration * s.length) / total) * 100) / 100;
    const segment = { start, end, text: ` ${s}` };
    start = end;
    return segment;
  });
}

export async function startOpenAiServer({ apiKey = "sk-test-openai", port: listenPort = 0 }: { apiKey?: string | null; port?: number } = {}): Promise<OpenAiServer> {
  const requests: RecordedOpenAiRequest[] = [];
  const failures = new Map<string, Failure>();
  const latency = new Map<string, number>();
  let transcript: ScriptedTranscript | ((request: TranscriptionRequest) => ScriptedTranscript) = {};
  let chatReply: ChatReply | ((body: ChatRequestBody) => ChatReply) = '{"ok":true}';
  const chatQueue: ChatReply[] = [];

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, over: { message?: string; code?: string } = {}, headers: Record<string, string> = {}) => {
    const known = ERROR_TYPES[status] ?? { type: status >= 500 ? "server_error" : "invalid_request_error", code: null, message: `Error ${status}.` };
    json(res, status, { error: { message: over.message ?? known.message, type: known.type, param: null, code: over.code ?? known.code } }, headers);
  };

  const readTranscription = async (req: IncomingMessage, raw: Buffer): Promise<TranscriptionRequest> => {
    // undici's multipart parser reads exactly what the SDK's FormData wrote.
    const form = await new Request("http://local/", { method: "POST", headers: { "content-type": req.headers["content-type"] ?? "" }, body: new Uint8Array(raw) }).formData();
    const fields: Record<string, string | string[]> = {};
    let file: File | null = null;
    for (const [name, value] of form.entries()) {
      if (typeof value !== "string") {
        if (name === "file") file = value;
        continue;
      }
      if (name.endsWith("[]")) fields[name] = [...((fields[name] as string[] | undefined) ?? []), value];
      else fields[name] = value;
    }
    const one = (name: string) => (typeof fields[name] === "string" ? fields[name] : null);
    return {
      model: one("model"),
      fileName: file?.name ?? null,
      fileSize: file?.size ?? 0,
      fileType: file?.type || null,
      responseFormat: one("response_format"),
      timestampGranularities: (fields["timestamp_granularities[]"] as string[] | undefined) ?? [],
      language: one("language"),
      fields,
    };
  };

  const answerTranscription = (res: ServerResponse, request: TranscriptionRequest) => {
    const script = typeof transcript === "function" ? transcript(request) : transcript;
    const text = script.text ?? DEFAULT_TRANSCRIPT.text;
    const duration = script.duration ?? DEFAULT_TRANSCRIPT.duration;
    const format = request.responseFormat ?? "json";
    if (format === "text") {
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
      return res.end(text);
    }
    if (format === "json") return json(res, 200, { text, usage: { type: "duration", seconds: Math.ceil(duration) } });
    if (format !== "verbose_json") return error(res, 400, { message: `Unsupported response_format ${format}.` });
    const segments = script.segments === null ? undefined : (script.segments ?? defaultSegments(text, duration));
    const wantSegments = request.timestampGranularities.length === 0 || request.timestampGranularities.includes("segment");
    json(res, 200, {
      task: "transcribe",
      language: script.language ?? DEFAULT_TRANSCRIPT.language,
      duration,
      text,
      ...(segments && wantSegments
        ? {
            segments: segments.map((s, id) => ({
              id,
              seek: 0,
              start: s.start,
              end: s.end,
              text: s.text,
              tokens: [],
              temperature: 0,
              avg_logprob: -0.2,
              compression_ratio: 1.3,
              no_speech_prob: 0.01,
            })),
          }
        : {}),
      usage: { type: "duration", seconds: Math.ceil(duration) },
    });
  };

  const answerChat = (res: ServerResponse, body: ChatRequestBody) => {
    const queued = chatQueue.shift();
    const reply = queued ?? (typeof chatReply === "function" ? chatReply(body) : chatReply);
    const { content = null, refusal, finishReason = "stop" } = typeof reply === "string" ? { content: reply } : reply;
    const promptTokens = Math.ceil(JSON.stringify(body.messages ?? []).length / 4);
    const completionTokens = Math.ceil((content ?? refusal ?? "").length / 4);
    json(res, 200, {
      id: `chatcmpl-${randomUUID()}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: body.model ?? "unknown",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: refusal ? null : content, refusal: refusal ?? null },
          logprobs: null,
          finish_reason: finishReason,
        },
      ],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "").split("?")[0]!;
    const record: RecordedOpenAiRequest = {
      method: req.method ?? "",
      path,
      status: 0,
      authorization: req.headers.authorization ?? null,
      at: Date.now(),
    };
    requests.push(record);
    const finish = (status: number) => {
      record.status = status;
    };
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);

    if (req.method !== "POST" || (path !== TRANSCRIPTIONS && path !== CHAT_COMPLETIONS)) {
      finish(404);
      return error(res, 404, { message: `Unknown request URL: ${req.method} ${path}.`, code: "unknown_url" });
    }
    if (apiKey !== null && req.headers.authorization !== `Bearer ${apiKey}`) {
      finish(401);
      // OpenAI names the key it was given (masked); this server does not mask it, so tests see any leak.
      const given = req.headers.authorization?.replace(/^Bearer /, "") ?? "";
      return error(res, 401, { message: given ? `Incorrect API key provided: ${given}.` : "You didn't provide an API key." });
    }
    if (path === TRANSCRIPTIONS) {
      try {
        record.transcription = await readTranscription(req, raw);
      } catch (err) {
        finish(400);
        return error(res, 400, { message: `Could not parse multipart form: ${String(err)}` });
      }
    } else {
      try {
        record.chat = JSON.parse(raw.toString("utf8")) as ChatRequestBody;
      } catch {
        finish(400);
        return error(res, 400, { message: "We could not parse the JSON body of your request." });
      }
    }

    const wait = latency.get(path) ?? 0;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));

    const failure = failures.get(path);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      finish(failure.status);
      return error(res, failure.status, { message: failure.message, code: failure.code }, failure.headers);
    }
    if (record.transcription) {
      const t = record.transcription;
      if (!t.model || !t.fileName || t.fileSize === 0) {
        finish(400);
        return error(res, 400, { message: "A model and a non-empty file are required." });
      }
      finish(200);
      return answerTranscription(res, t);
    }
    finish(200);
    answerChat(res, record.chat!);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) error(res, 500, { message: String(err) });
    });
  });
  await new Promise<void>((resolve) => server.listen(listenPort, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    apiKey,
    requests,
    setTranscript: (script) => {
      transcript = script;
    },
    setChatReply: (reply) => {
      chatReply = reply;
    },
    replyChat: (...replies) => {
      chatQueue.push(...replies);
    },
    failNext: (path, status, times = 1, headers = {}, over = {}) => failures.set(path, { status, times, headers, ...over }),
    setLatency: (path, ms) => latency.set(path, ms),
    reset: () => {
      requests.length = 0;
      failures.clear();
      latency.clear();
      chatQueue.length = 0;
      transcript = {};
      chatReply = '{"ok":true}';
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
