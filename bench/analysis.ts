// AI analysis (issue 12): how long a 10-question session takes to analyse, and how many provider
// calls it makes, with the local OpenAI-compatible server answering after a realistic latency
// (default 2 s per transcription, 3 s per chat completion), through the real `openai` SDK and
// the embedded runner running transcribe-media and analyse-session with AI_CONCURRENCY = N.
//
//   npm run bench:analysis -- [--questions 10] [--sessions 1,4] [--concurrency 1,4]
//                             [--transcribe-ms 2000] [--score-ms 3000] [--no-docs]
//
// Each run: S sessions of S accounts (answers already processed: a 16 kHz FLAC speech track in
// storage), their media.uploaded and candidate.completed published at once; the time until
// every session's summary is stored; the calls per answer; then HR's re-run of one session
// (analysis.requested) on unchanged input: its calls (goal 0) and time. PostgreSQL (a fresh
// database beside DATABASE_URL's, or 127.0.0.1's) and local-disk storage in a temporary directory.
import { execFileSync, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { parseArgs } from "node:util";
import pg from "pg";
import { machine, root, writeSection } from "./candidate-app";

const { values: opts } = parseArgs({
  options: {
    questions: { type: "string", default: "10" },
    sessions: { type: "string", default: "1,4" },
    concurrency: { type: "string", default: "1,4" },
    "transcribe-ms": { type: "string", default: "2000" },
    "score-ms": { type: "string", default: "3000" },
    "no-docs": { type: "boolean", default: false },
    child: { type: "string" },
  },
});
const QUESTIONS = Number(opts.questions);
const TRANSCRIBE_MS = Number(opts["transcribe-ms"]);
const SCORE_MS = Number(opts["score-ms"]);

type RunResult = { sessions: number; concurrency: number; questions: number; seconds: number; perSession: number[]; transcriptions: number; chats: number; rerunCalls: number; rerunSeconds: number };

// Each (sessions, N) pair runs in a child process: AI_CONCURRENCY is read when the functions are defined.
if (!opts.child) {
  const base = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
  const results: RunResult[] = [];
  for (const sessions of opts.sessions.split(",").map(Number)) {
    for (const n of opts.concurrency.split(",").map(Number)) {
      const db = new URL(base);
      db.pathname = `/intervue_bench_analysis`;
      const admin = new pg.Client({ connectionString: Object.assign(new URL(base), { pathname: "/postgres" }).toString() });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS intervue_bench_analysis WITH (FORCE)`);
      await admin.query(`CREATE DATABASE intervue_bench_analysis`);
      await admin.end();
      const env = { ...process.env, DATABASE_URL: db.toString(), AI_CONCURRENCY: String(n) };
      const migrate = spawnSync("npx", ["tsx", "scripts/migrate.ts"], { env, cwd: root, stdio: "inherit" });
      if (migrate.status !== 0) throw new Error("migration failed");
      console.log(`[bench] ${sessions} session(s) × ${QUESTIONS} recorded answers, AI_CONCURRENCY=${n} ...`);
      const out = execFileSync(process.execPath, [...process.execArgv, process.argv[1]!, ...process.argv.slice(2), "--child", `${sessions}`], { env, cwd: root, stdio: ["ignore", "pipe", "inherit"] });
      const line = out.toString().trim().split("\n").pop()!;
      const r = JSON.parse(line) as RunResult;
      console.log(`[bench]   ${r.seconds.toFixed(1)} s; ${(r.transcriptions / (sessions * QUESTIONS)).toFixed(2)} transcriptions + ${((r.chats - sessions) / (sessions * QUESTIONS)).toFixed(2)} scorings per answer; re-run: ${r.rerunCalls} calls in ${r.rerunSeconds.toFixed(1)} s`);
      results.push(r);
    }
  }
  const rows = results.map(
    (r) =>
      `| ${r.sessions} × ${r.questions} | ${r.concurrency} | **${r.seconds.toFixed(1)} s** | ${r.perSession.map((s) => s.toFixed(1)).join(", ")} | ${(r.transcriptions / (r.sessions * r.questions)).toFixed(2)} + ${((r.chats - r.sessions) / (r.sessions * r.questions)).toFixed(2)} | ${r.sessions} | ${r.rerunCalls} (${r.rerunSeconds.toFixed(1)} s) |`,
  );
  const section = [
    `${new Date().toISOString().slice(0, 10)}, ${await machine()}. \`npm run bench:analysis\`: the local OpenAI-compatible server answers a transcription after ${TRANSCRIBE_MS / 1000} s and a chat completion after ${SCORE_MS / 1000} s (through the real \`openai\` SDK); the embedded runner in one process runs transcribe-media and analyse-session with AI_CONCURRENCY = N. Every session belongs to its own account; each answer is a processed recording (a 20 s speech track in storage). Time: from publishing the sessions' media.uploaded and candidate.completed to every session summary stored.`,
    "",
    "| Sessions × answers | N | All sessions analysed | Each session (s) | Provider calls per answer (transcription + scoring) | Summary calls | Re-run of one session on unchanged input: calls (time) |",
    "|---|---|---|---|---|---|---|",
    ...rows,
    "",
    "Calls per answer: 2 (one transcription, one scoring), plus one summary per session; a re-run on unchanged input makes none. One account's answers are analysed one at a time: media events are handled in order per account (the catalog's partition key), so a session's 10 answers take about 10 × (transcription + scoring); N parallelises across accounts (up to N answers at once).",
  ].join("\n");
  console.log(section);
  if (!opts["no-docs"]) await writeSection("analysis", "## AI analysis: time and provider calls per session", section);
  process.exit(0);
}

// ── the child: one (sessions, N) run ─────────────────────────────────────────────────────────
const SESSIONS = Number(opts.child);
const work = mkdtempSync(path.join(os.tmpdir(), "bench-analysis-"));
process.env.DATA_DIR = path.join(work, "data");
const { startOpenAiServer, TRANSCRIPTIONS, CHAT_COMPLETIONS } = await import("@/tests/openai-server");
const { analystReply } = await import("@/tests/openai-analyst");
const ai = await startOpenAiServer();
ai.setChatReply(analystReply);
ai.setLatency(TRANSCRIPTIONS, TRANSCRIBE_MS);
ai.setLatency(CHAT_COMPLETIONS, SCORE_MS);
process.env.OPENAI_API_KEY = ai.apiKey!;
process.env.OPENAI_BASE_URL = ai.url;

const { env } = await import("@/lib/env");
env.OPENAI_API_KEY = ai.apiKey!;
env.OPENAI_BASE_URL = ai.url;
env.DATA_DIR = process.env.DATA_DIR;
const { getDb, getDbHandle } = await import("@/lib/db/client");
const { getStorage } = await import("@/lib/adapters/storage");
const { publish } = await import("@/lib/events/publish");
const { describeFunction } = await import("@/lib/engine/functions");
const { EventRunner } = await import("@/lib/engine/runner");
const { transcribeMediaFn } = await import("@/inngest/functions/transcribe-media");
const { analyseSessionFn } = await import("@/inngest/functions/analyse-session");
const { createInterview } = await import("@/lib/server/interviews/create-interview");
const { RESPONSES_BUCKET } = await import("@/lib/server/candidates/finalise-take");
const { createAccount } = await import("@/tests/fixtures");

// One speech track, as media processing leaves it (16 kHz mono FLAC), stored once per answer.
const flac = path.join(work, "speech.flac");
execFileSync(env.FFMPEG_PATH, ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-t", "20", "-i", "sine=frequency=300:sample_rate=16000", "-ac", "1", "-ar", "16000", "-f", "flac", flac]);
const speech = readFileSync(flac);

const db = await getDb();
const sessions: { sessionId: string; userId: string; interviewId: string }[] = [];
for (let s = 0; s < SESSIONS; s++) {
  const user = await createAccount({ fullName: "Bench HR" });
  const interview = await createInterview({
    actor: user,
    input: {
      title: "Backend engineer",
      questions: Array.from({ length: QUESTIONS }, (_, i) => ({
        prompt: `Question ${i + 1}: tell us about a system you built.`,
        type: "video" as const,
        rubric: [
          { name: "Clarity", description: "Explains the trade-offs.", weight: 2 },
          { name: "Depth", description: "Goes beyond the surface.", weight: 1 },
        ],
      })),
    },
  });
  const fresh = await db.interview.update({ where: { id: interview.id }, data: { status: "published", publishedAt: new Date() } });
  const questions = await db.question.findMany({ where: { versionId: fresh.currentVersionId! }, orderBy: { position: "asc" } });
  const session = await db.candidateSession.create({
    data: { interviewId: fresh.id, versionId: fresh.currentVersionId!, candidateEmail: `cand-${s}@example.com`, candidateName: `Candidate ${s}`, status: "completed", completedAt: new Date(), aiConsentAt: new Date(), answeredCount: QUESTIONS },
  });
  for (const q of questions) {
    const key = `sessions/${session.id}/${randomUUID()}`;
    await getStorage().put(RESPONSES_BUCKET, `${key}.flac`, Readable.from([speech]));
    const file = await db.mediaFile.create({
      data: {
        userId: user.id, kind: "response", status: "ready", bucket: RESPONSES_BUCKET, path: `${key}.webm`, fileName: "answer.webm", mimeType: "video/webm",
        originalSize: BigInt(speech.length), speechPath: `${key}.flac`, durationSeconds: 20, processedAt: new Date(),
      },
    });
    await db.response.create({ data: { sessionId: session.id, questionId: q.id, status: "ready", mediaFileId: file.id, durationSeconds: 20, submittedAt: new Date() } });
  }
  sessions.push({ sessionId: session.id, userId: user.id, interviewId: fresh.id });
}

const runner = new EventRunner({ functions: [describeFunction(transcribeMediaFn), describeFunction(analyseSessionFn)], pollMs: 50, logger: { info() {}, warn: console.warn, error: console.error } });
void runner.start();
const handle = await getDbHandle();
const summaryDone = async (sessionId: string, after: Date) =>
  (await handle.query<{ n: number }>(`SELECT count(*)::int AS n FROM analyses WHERE session_id = $1 AND analysis_type = 'summary' AND status = 'completed' AND completed_at >= $2`, [sessionId, after]))[0]!.n > 0;

const started = new Date();
const t0 = performance.now();
for (const s of sessions) {
  const files = await db.response.findMany({ where: { sessionId: s.sessionId }, include: { mediaFile: true } });
  for (const r of files) {
    await publish(db, { eventType: "media.uploaded", userId: s.userId, data: { fileId: r.mediaFileId!, fileName: "answer.webm", fileSize: speech.length, mimeType: "video/webm", bucket: RESPONSES_BUCKET, path: r.mediaFile!.path } });
  }
  await publish(db, { eventType: "candidate.completed", sessionId: s.sessionId, data: { interviewId: s.interviewId, candidateEmail: "cand@example.com", completedAt: new Date().toISOString(), responsesCount: QUESTIONS, totalDuration: QUESTIONS * 20 } });
}
const perSession = new Map<string, number>();
while (perSession.size < sessions.length) {
  for (const s of sessions) if (!perSession.has(s.sessionId) && (await summaryDone(s.sessionId, started))) perSession.set(s.sessionId, (performance.now() - t0) / 1000);
  if (performance.now() - t0 > 30 * 60_000) throw new Error("the analysis did not finish in 30 minutes");
  await new Promise((r) => setTimeout(r, 100));
}
const seconds = (performance.now() - t0) / 1000;
const count = (p: string) => ai.requests.filter((r) => r.path === p && r.status === 200).length;
const transcriptions = count(TRANSCRIPTIONS);
const chats = count(CHAT_COMPLETIONS);

// HR's re-run of the first session on unchanged input.
const before = ai.requests.length;
const rerunAt = new Date(Date.now() + 1);
const t1 = performance.now();
await publish(db, { eventType: "analysis.requested", userId: sessions[0]!.userId, data: { sessionId: sessions[0]!.sessionId, requestedBy: sessions[0]!.userId, reason: "rerun" } });
const rerunDelivery = async () =>
  (await handle.query<{ status: string }>(`SELECT d.status FROM deliveries d JOIN events e ON e.event_id = d.event_id WHERE e.event_type = 'analysis.requested' AND d.function_id = 'analyse-session'`))[0]?.status;
while ((await rerunDelivery()) !== "completed") {
  if (performance.now() - t1 > 10 * 60_000) throw new Error("the re-run did not finish");
  await new Promise((r) => setTimeout(r, 50));
}
void rerunAt;
const rerunSeconds = (performance.now() - t1) / 1000;
const rerunCalls = ai.requests.length - before;

await runner.stop();
await ai.close();
rmSync(work, { recursive: true, force: true });
const result: RunResult = { sessions: SESSIONS, concurrency: env.AI_CONCURRENCY, questions: QUESTIONS, seconds, perSession: sessions.map((s) => perSession.get(s.sessionId)!), transcriptions, chats, rerunCalls, rerunSeconds };
console.log(JSON.stringify(result));
process.exit(0);
