// The one place that reads process.env. Every variable is validated once, at first import;
// a wrong value stops the process with a message naming the variable.
import { z } from "zod";
import { parseUploadThingToken } from "./adapters/storage/uploadthing-token";

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");

const optionalUrl = z.url({ message: "must be a URL such as https://example.com" }).optional();

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** Base URL people use to reach the app; links in emails are built from it. */
    APP_URL: z.url().default("http://localhost:3000"),
    /** PostgreSQL. Unset → embedded PGlite in DATA_DIR/pglite. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
      .optional(),
    /** Where the embedded defaults keep their files (PGlite, media, generated secrets). */
    DATA_DIR: z.string().min(1).default(".data"),
    /** PGlite data directory; `memory://` for a throwaway in-memory database (tests). */
    PGLITE_DIR: z.string().min(1).optional(),
    /** Signs session cookies. Unset → a random secret generated once into DATA_DIR. */
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (try `openssl rand -base64 32`)").optional(),
    /** Trust X-Forwarded-Host (behind a proxy you control, or on Vercel). */
    AUTH_TRUST_HOST: bool,
    /**
     * How many reverse proxies you run in front of the app (0: none). Only then is the
     * client's address read from X-Forwarded-For (the entry the outermost of them appended);
     * otherwise anyone could pick their own address and dodge the per-address limits.
     */
    TRUSTED_PROXY_COUNT: z.coerce.number().int().min(0).max(10).default(0),
    /** Set by Vercel itself ("1"): the client's address is then its x-vercel-forwarded-for. */
    VERCEL: bool,
    /** Sign-ups one address may make per hour (docs/security.md); raise it for test suites. */
    SIGN_UP_LIMIT_PER_HOUR: z.coerce.number().int().min(1).default(10),
    KEYCLOAK_ISSUER: optionalUrl,
    KEYCLOAK_CLIENT_ID: z.string().min(1).optional(),
    KEYCLOAK_CLIENT_SECRET: z.string().min(1).optional(),
    INNGEST_EVENT_KEY: z.string().min(1).optional(),
    INNGEST_SIGNING_KEY: z.string().min(1).optional(),
    INNGEST_DEV: z.string().optional(),
    INNGEST_BASE_URL: optionalUrl,
    /** `off`: this web server does not run the embedded event runner (workers do: `npm run worker`). */
    EVENT_RUNNER: z.enum(["on", "off"]).default("on"),
    /** Deliveries one runner process executes at once. */
    EVENT_RUNNER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
    /**
     * Which functions this process runs (embedded runner) or serves (Inngest): `all`, or groups
     * and function ids, each optionally `:N` for at most N at once here (e.g. `media:2,ai`).
     */
    EVENT_RUNNER_FUNCTIONS: z.string().trim().min(1).default("all"),
    /** Days a completed delivery and its attempts are kept (fractions allowed). */
    EVENT_RETENTION_DAYS: z.coerce.number().positive().max(3650).default(14),
    /** `npm run worker` with Inngest: the port its own Inngest endpoint listens on. */
    WORKER_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
    /** S3-compatible server (MinIO, R2, ...); unset → AWS S3 in S3_REGION. */
    S3_ENDPOINT: optionalUrl,
    /** Path-style URLs (endpoint/bucket/key). Unset → on with S3_ENDPOINT, off for AWS. */
    S3_FORCE_PATH_STYLE: z
      .enum(["1", "0", "true", "false", "yes", "no"])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === "1" || v === "true" || v === "yes")),
    S3_REGION: z.string().default("us-east-1"),
    S3_BUCKET: z.string().min(1).optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /**
     * Media in UploadThing (lib/adapters/storage/uploadthing.ts): the dashboard's token, base64
     * of {apiKey, appId, regions}. Not together with S3_BUCKET.
     */
    UPLOADTHING_TOKEN: z
      .string()
      .min(1)
      .refine((t) => parseUploadThingToken(t) !== null, "must be UploadThing's token: base64 of a JSON object {apiKey, appId, regions}")
      .optional(),
    /** UploadThing API and upload (ingest) servers; unset → UploadThing's own (tests set local ones). */
    UPLOADTHING_API_URL: optionalUrl,
    UPLOADTHING_INGEST_URL: optionalUrl,
    /** Host serving UploadThing files (default ufs.sh), and whether the app id is its subdomain or the path's first part. */
    UPLOADTHING_UFS_HOST: z
      .string()
      .regex(/^[A-Za-z0-9.-]+(:\d+)?$/, "must be a host name such as ufs.sh (optionally with :port)")
      .optional(),
    UPLOADTHING_UFS_APP_ID_LOCATION: z.enum(["subdomain", "path"]).optional(),
    /** Email through Resend (lib/adapters/email/resend.ts). Not together with SMTP_URL. */
    RESEND_API_KEY: z.string().min(1).optional(),
    /** A Resend-compatible API instead of https://api.resend.com (used only with RESEND_API_KEY). */
    RESEND_BASE_URL: optionalUrl,
    /** Email through an SMTP server: smtp://user:pass@host:587 or smtps://…:465 (nodemailer). */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, "must be a URL such as smtp://user:pass@mail.example.com:587 or smtps://…:465")
      .optional(),
    /** The sender of every email: an address, or `Name <address>`. */
    EMAIL_FROM: z.string().min(3).default("Intervue <no-reply@localhost>"),
    /**
     * AI analysis through OpenAI or an OpenAI-compatible server (lib/adapters/ai/openai.ts). Not
     * wired to the analysis yet: a key or base URL set here stops the app at start (lib/adapters).
     */
    OPENAI_API_KEY: z.string().min(1).optional(),
    OPENAI_BASE_URL: optionalUrl,
    /** The scoring model (chat completions with a JSON schema). */
    OPENAI_MODEL: z.string().min(1).default("gpt-4o-mini"),
    /** The transcription model: `whisper-1` gives segment times; `gpt-4o-transcribe` does not. */
    OPENAI_TRANSCRIBE_MODEL: z.string().min(1).default("whisper-1"),
    /** Transcription elsewhere (e.g. a self-hosted Whisper server); unset → OPENAI_BASE_URL / OPENAI_API_KEY. */
    OPENAI_TRANSCRIBE_BASE_URL: optionalUrl,
    OPENAI_TRANSCRIBE_API_KEY: z.string().min(1).optional(),
    /** Scoring elsewhere (e.g. Ollama, vLLM); unset → OPENAI_BASE_URL / OPENAI_API_KEY. */
    OPENAI_SCORING_BASE_URL: optionalUrl,
    OPENAI_SCORING_API_KEY: z.string().min(1).optional(),
    /** How long one request to the AI provider may take. */
    OPENAI_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(120_000),
    /** The largest audio upload the transcription server takes; longer speech tracks are cut in pauses (OpenAI: 25 MB). */
    OPENAI_TRANSCRIBE_MAX_BYTES: z.coerce.number().int().min(100_000).max(1_000_000_000).default(25 * 1024 * 1024),
    /** Each analysis function's concurrency limit across all processes (transcribe-media, analyse-session: at most 2 × N provider calls at once). */
    AI_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
    /** ffmpeg for media processing; ffprobe is taken from the same directory (or PATH). */
    FFMPEG_PATH: z.string().min(1).default("ffmpeg"),
    /** Where media processing keeps each job's files while ffmpeg runs (default: $TMPDIR/intervue-media). */
    MEDIA_WORK_DIR: z.string().min(1).optional(),
    /**
     * Largest body (MiB) the recorder sends in one upload PATCH when it catches up on a backlog
     * (lib/server/uploads/upload-chunk-size.ts). Unset → 2 on Vercel (4.5 MB request bodies),
     * 32 elsewhere; lower it behind a proxy with a smaller body limit (nginx: client_max_body_size).
     */
    UPLOAD_CHUNK_MIB: z.coerce.number().min(0.25).max(256).optional(),
    /** The plan a new account starts on (limits in lib/server/quotas/plans.ts). */
    DEFAULT_PLAN: z.enum(["free", "plus", "pro"]).default("free"),
    /** Largest accepted avatar, in bytes. */
    AVATAR_MAX_BYTES: z.coerce.number().int().positive().default(2 * 1024 * 1024),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
    /**
     * Webhook endpoints may be loopback, private, link-local or other internal addresses, and
     * plain http (self-hosting next to the receiving tool, tests). Off: https to public
     * addresses only, checked at registration and again at every delivery (docs/security.md).
     */
    WEBHOOKS_ALLOW_PRIVATE: bool,
    /**
     * Seconds to wait before each retry of a failed webhook delivery, comma-separated; the
     * number of entries is the number of retries (default: 5 s, 5 min, 30 min, 2 h, 5 h).
     */
    WEBHOOK_RETRY_SCHEDULE: z
      .string()
      .trim()
      .regex(/^\d{1,6}(\s*,\s*\d{1,6}){0,9}$/, "must be 1 to 10 whole numbers of seconds, comma-separated, e.g. 5,300,1800")
      .default("5,300,1800,7200,18000"),
    /** Deliveries in a row that fail after every retry before an endpoint is disabled (its owner is emailed). */
    WEBHOOK_DISABLE_AFTER: z.coerce.number().int().min(1).max(1000).default(5),
    /** How long one webhook request may take (connect, send, response). */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  })
  .superRefine((v, ctx) => {
    const kc = [v.KEYCLOAK_ISSUER, v.KEYCLOAK_CLIENT_ID, v.KEYCLOAK_CLIENT_SECRET].filter(Boolean).length;
    if (kc > 0 && kc < 3) {
      ctx.addIssue({
        code: "custom",
        path: ["KEYCLOAK_ISSUER"],
        message: "Keycloak needs all three of KEYCLOAK_ISSUER, KEYCLOAK_CLIENT_ID and KEYCLOAK_CLIENT_SECRET",
      });
    }
    if (v.RESEND_API_KEY && v.SMTP_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["SMTP_URL"],
        message: "RESEND_API_KEY and SMTP_URL are both set: choose one way to send email and unset the other",
      });
    }
    if (v.UPLOADTHING_TOKEN && v.S3_BUCKET) {
      ctx.addIssue({
        code: "custom",
        path: ["UPLOADTHING_TOKEN"],
        message: "UPLOADTHING_TOKEN and S3_BUCKET are both set: choose one media storage and unset the other",
      });
    }
    // A side that would call api.openai.com needs a key; a self-hosted server may need none.
    const ai = [v.OPENAI_API_KEY, v.OPENAI_BASE_URL, v.OPENAI_TRANSCRIBE_BASE_URL, v.OPENAI_TRANSCRIBE_API_KEY, v.OPENAI_SCORING_BASE_URL, v.OPENAI_SCORING_API_KEY];
    if (ai.some(Boolean)) {
      for (const side of ["TRANSCRIBE", "SCORING"] as const) {
        const url = v[`OPENAI_${side}_BASE_URL`] ?? v.OPENAI_BASE_URL;
        const key = v[`OPENAI_${side}_API_KEY`] ?? v.OPENAI_API_KEY;
        if (!url && !key) {
          ctx.addIssue({
            code: "custom",
            path: [`OPENAI_${side}_API_KEY`],
            message: `${side === "TRANSCRIBE" ? "transcription" : "scoring"} would call api.openai.com without a key: set OPENAI_API_KEY or OPENAI_${side}_API_KEY, or OPENAI_${side}_BASE_URL for another server`,
          });
        }
      }
    }
    const s3 = [v.S3_BUCKET, v.S3_ACCESS_KEY_ID, v.S3_SECRET_ACCESS_KEY].filter(Boolean).length;
    if (s3 > 0 && s3 < 3) {
      ctx.addIssue({
        code: "custom",
        path: ["S3_BUCKET"],
        message: "S3 storage needs S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY",
      });
    }
  });

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset": .env files and CI often export VAR= for optional keys.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);

/**
 * Whether APP_URL was given. Without it, development derives the public URL from each request
 * (so `next dev -p 3001` works); production should always set it.
 */
export const appUrlConfigured = Boolean(process.env.APP_URL);

/** Inngest is used when it has an event key, or INNGEST_DEV points at a Dev Server ("1" or its URL). */
export function inngestEnabled(e: Pick<Env, "INNGEST_EVENT_KEY" | "INNGEST_DEV">): boolean {
  const dev = e.INNGEST_DEV?.trim().toLowerCase();
  return Boolean(e.INNGEST_EVENT_KEY) || (dev !== undefined && !["0", "false", "no", "off"].includes(dev));
}

/**
 * Which database, event engine and sign-in this process uses. Storage, email and AI are
 * reported by what lib/adapters builds (`checkAdapters()`), not guessed from variables here.
 */
export const integrations = {
  database: env.DATABASE_URL ? "postgresql" : "pglite",
  events: inngestEnabled(env) ? "inngest" : "embedded",
  sso: env.KEYCLOAK_ISSUER ? "keycloak" : "none",
} as const;
