// Shared by the candidate-recording benchmarks (bench/upload-throughput.ts,
// bench/concurrent-uploaders.ts, bench/candidate-page.ts): a production build of this checkout
// served by `next start` on its own PostgreSQL database, and candidates made with the real use
// cases (an account on the pro plan, a published interview with long video questions, personal
// invitations, started sessions). Takes are started over HTTP (POST /i/<token>/takes with the
// session cookie), as the browser does.
//
// The script and the server share AUTH_SECRET (upload grants are signed with a key derived from
// it), DATABASE_URL and DATA_DIR; all are set here before any module of the app is loaded.
import { spawn, type ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export const root = path.resolve(import.meta.dirname, "..");

export type BenchOptions = { server: string; database: string; port: string; url?: string };

/** The options every candidate-recording benchmark takes: spread into its parseArgs options. */
export const benchArgs = {
  server: { type: "string", default: "postgresql://postgres@127.0.0.1:5432" },
  database: { type: "string", default: "intervue_bench" },
  port: { type: "string", default: "3550" },
  url: { type: "string" },
  "no-docs": { type: "boolean", default: false },
} as const;

/**
 * A run's setup: the machine's 1-minute load average before it (for the report), the
 * environment and database (benchEnvironment), then the app (startApp).
 */
export async function openBench(opts: BenchOptions): Promise<{ app: App; loadBefore: string }> {
  const loadBefore = os.loadavg()[0]!.toFixed(1);
  await benchEnvironment(opts);
  const app = await startApp(opts);
  return { app, loadBefore };
}

/** Sets the environment the app's modules read; call before importing any of them. */
export async function benchEnvironment(opts: BenchOptions): Promise<void> {
  const dbUrl = new URL(opts.server);
  dbUrl.pathname = `/${opts.database}`;
  process.env.DATABASE_URL = dbUrl.toString();
  process.env.DATA_DIR = path.join(root, ".data", "bench");
  // Fixed and public: a benchmark's grants and cookies need no secrecy, only agreement.
  process.env.AUTH_SECRET ??= "bench-only-secret-not-for-production-0123456789";
  process.env.APP_URL = opts.url ?? `http://127.0.0.1:${opts.port}`;
  const admin = new URL(opts.server);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [opts.database]);
  if (!rowCount) await client.query(`CREATE DATABASE "${opts.database.replace(/"/g, "")}"`);
  await client.end();
  const { migrate } = await import("@/lib/db/migrate");
  await migrate();
}

export type App = { url: string; stop(): Promise<void>; /** The app's process when this script started it. */ pid?: number };

/**
 * `next start` of this checkout's build (run `npx next build` first), or the app at `opts.url`
 * when given (it must run with the same AUTH_SECRET, DATABASE_URL and DATA_DIR).
 */
export async function startApp(opts: BenchOptions): Promise<App> {
  if (opts.url) return { url: opts.url, stop: async () => {} };
  const url = `http://127.0.0.1:${opts.port}`;
  // Another server on the port (a run that crashed and left its app behind) would be measured instead.
  const taken = await fetch(`${url}/api/health`).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`port ${opts.port} is already in use: stop what runs there, or pass --port`);
  // BENCH_APP_NODE_ARGS: flags for the app's Node.js, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  // to profile the server during a run (written when it stops).
  const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const next = path.join(root, "node_modules/next/dist/bin/next");
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, next, "start", "-p", opts.port, "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // The server's output, for the errors a run counts: DATA_DIR/app.log.
  const { createWriteStream, mkdirSync } = await import("node:fs");
  mkdirSync(process.env.DATA_DIR!, { recursive: true });
  const logFile = createWriteStream(path.join(process.env.DATA_DIR!, "app.log"));
  let log = "";
  const keep = (d: Buffer) => {
    logFile.write(d);
    if (log.length < 100_000) log += d.toString();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  // Never leave the app running when the script ends, even on a crash.
  process.on("exit", () => child.kill("SIGTERM"));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${log}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`next start did not answer /api/health within 60 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export type Candidate = { token: string; secret: string; sessionId: string; questionIds: string[] };

/**
 * An account on the pro plan (1 TiB of storage, no candidate limit) with a published interview
 * of `videoQuestions` video questions of 600 s (the longest allowed: a take may then hold
 * ~331 MB), then `textQuestions` written ones, and `candidates` personal invitations, each
 * with a started session.
 */
export async function makeCandidates({
  candidates,
  videoQuestions = 1,
  textQuestions = 0,
  language = "en",
  started = true,
}: {
  candidates: number;
  videoQuestions?: number;
  textQuestions?: number;
  language?: "en" | "ru";
  /** false: invited only (no session, secret ""). */
  started?: boolean;
}): Promise<Candidate[]> {
  const { signUp } = await import("@/lib/server/users/sign-up");
  const { setPlan } = await import("@/lib/server/quotas/set-plan");
  const { createInterview } = await import("@/lib/server/interviews/create-interview");
  const { publishInterview } = await import("@/lib/server/interviews/publish-interview");
  const { addInvitations } = await import("@/lib/server/invitations/add-invitations");
  const { startSession } = await import("@/lib/server/candidates/start-session");
  const { getDb } = await import("@/lib/db/client");

  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const email = `bench-rec-${stamp}@example.com`;
  const user = await signUp({ input: { fullName: "Bench", companyName: "Bench Co", email, password: "correct horse battery" } });
  await setPlan({ input: { email, plan: "pro" } });
  const interview = await createInterview({
    actor: user,
    input: {
      title: "Recording benchmark",
      language,
      introMessage: "Thanks for applying! Answer a few questions on video, at your own pace: each has a short time to think first.",
      deadline: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString(),
      questions: [
        ...Array.from({ length: videoQuestions }, (_, i) => ({ prompt: `Video question ${i + 1}: tell us about a project you are proud of.`, type: "video" as const, thinkSeconds: 30, maxSeconds: 600 })),
        ...Array.from({ length: textQuestions }, (_, i) => ({ prompt: `Written question ${i + 1}: why this job?`, type: "text" as const, thinkSeconds: 0, maxCharacters: 1000 })),
      ],
    },
  });
  await publishInterview({ actor: user, interviewId: interview.id });
  const emails = Array.from({ length: candidates }, (_, i) => `cand-${i}-${stamp}@example.com`);
  for (let i = 0; i < emails.length; i += 100) {
    await addInvitations({ actor: user, interviewId: interview.id, input: { candidates: emails.slice(i, i + 100).map((e) => ({ email: e })) } });
  }
  const db = await getDb();
  const rows = await db.invitation.findMany({ where: { interviewId: interview.id } });
  const fresh = await db.interview.findUniqueOrThrow({ where: { id: interview.id } });
  const questions = await db.question.findMany({ where: { versionId: fresh.currentVersionId! }, orderBy: { position: "asc" } });
  const out: Candidate[] = [];
  for (const row of rows) {
    if (!started) {
      out.push({ token: row.token, secret: "", sessionId: "", questionIds: questions.map((q) => q.id) });
      continue;
    }
    const s = await startSession({ token: row.token, input: { consent: { recording: true, analysis: true } }, userAgent: "bench" });
    out.push({ token: row.token, secret: s.secret, sessionId: s.sessionId, questionIds: questions.map((q) => q.id) });
  }
  return out;
}

export type Take = { takeId: string; grant: string; maxBytes: number; uploadUrl: string; /** The largest PATCH the server wants (absent before it said). */ maxChunkBytes?: number };

export const SESSION_COOKIE = "intervue_candidate";

/** POST /i/<token>/takes with the session cookie, as the candidate's page does. */
export async function startTakeOverHttp(appUrl: string, c: Candidate, questionId: string): Promise<Take> {
  const res = await fetch(`${appUrl}/i/${c.token}/takes`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: `${SESSION_COOKIE}=${c.secret}`, origin: appUrl },
    body: JSON.stringify({ questionId, mimeType: "video/webm;codecs=vp8,opus" }),
  });
  if (res.status !== 201) throw new Error(`start take: ${res.status} ${await res.text()}`);
  return (await res.json()) as Take;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

/** CPU, cores, RAM, Node.js and PostgreSQL versions, commit: the line every figure needs. */
export async function machine(): Promise<string> {
  const cpu = readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.+)/)?.[1] ?? os.cpus()[0]?.model ?? "?";
  const mem = execFileSync("free", ["-g"], { encoding: "utf8" }).split("\n")[1]?.trim().split(/\s+/)[1] ?? "?";
  const { getDbHandle } = await import("@/lib/db/client");
  const handle = await getDbHandle();
  const pgVersion = (await handle.query<{ v: string }>("SELECT current_setting('server_version') AS v"))[0]!.v;
  let commit = "?";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
  } catch {
    // not a git checkout
  }
  return `${cpu}, ${os.cpus().length} cores (shared with other work), ${mem} GiB RAM, Node.js ${process.version}, PostgreSQL ${pgVersion} on 127.0.0.1; commit ${commit}`;
}

/** Replaces the text between `<!-- bench/<name>: generated -->` and `<!-- end bench/<name> -->` in docs/benchmarks.md (appends under `heading` the first time). */
export async function writeSection(name: string, heading: string, section: string): Promise<void> {
  const { writeFileSync } = await import("node:fs");
  const file = path.join(root, "docs/benchmarks.md");
  const doc = readFileSync(file, "utf8");
  const open = `<!-- bench/${name}: generated, replaced on every run -->`;
  const close = `<!-- end bench/${name} -->`;
  const body = `${open}\n${section}\n${close}`;
  const start = doc.indexOf(open);
  const end = doc.indexOf(close);
  let next: string;
  if (start >= 0 && end > start) next = doc.slice(0, start) + body + doc.slice(end + close.length);
  else if (doc.includes(heading)) {
    const at = doc.indexOf(heading);
    const after = doc.indexOf("\n## ", at + heading.length);
    const insertAt = after >= 0 ? after : doc.length;
    next = `${doc.slice(0, insertAt).trimEnd()}\n\n${body}\n${after >= 0 ? "\n" + doc.slice(after + 1) : ""}`;
  } else next = `${doc.trimEnd()}\n\n${heading}\n\n${body}\n`;
  writeFileSync(file, next);
  console.log(`[bench] wrote docs/benchmarks.md (${name})`);
}
