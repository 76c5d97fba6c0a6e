// Media pipeline throughput (issue 11): a backlog of recorded answers processed by 2 worker
// processes (`npm run worker` with EVENT_RUNNER_FUNCTIONS=media:1 each), while HR uses the
// dashboard on the web server (`next start`, running only the light functions). Reports
// answers per minute, the time from publishing to the last answer processed, the workers' peak
// memory (each worker with its ffmpeg), and the p50/p95 of two dashboard requests, idle and
// during the backlog: the /dashboard page, and the candidates poll of the interview's page.
//
//   npx next build && npm run bench:throughput -- [--answers 20] [--workers 2] [--seconds 60] [--size 1280x720] [--no-docs]
//
// The worker's memory on a long answer: --answers 1 --workers 1 --seconds 600 --size 1920x1080
// (writes its own section: "media-worker-memory").
//
// Database `intervue_bench_media` on 127.0.0.1:5432; storage is the local-disk adapter in
// .data/bench, shared by the web server, the workers and this script. The answers are 720p
// VP8/Opus WebM (a browser's recording) made by ffmpeg and cached in .data/bench-media.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { benchArgs, benchEnvironment, machine, median, quantile, root, startApp, writeSection } from "./candidate-app";

const { values: opts } = parseArgs({
  options: {
    ...benchArgs,
    database: { type: "string", default: "intervue_bench_media" },
    answers: { type: "string", default: "20" },
    workers: { type: "string", default: "2" },
    seconds: { type: "string", default: "60" },
    size: { type: "string", default: "1280x720" },
    "idle-requests": { type: "string", default: "60" },
  },
});
const ANSWERS = Number(opts.answers);
const WORKERS = Number(opts.workers);
const SECONDS = Number(opts.seconds);
const SIZE = opts.size;
const HEIGHT = SIZE.split("x")[1];
const IDLE_REQUESTS = Number(opts["idle-requests"]);

const loadBefore = os.loadavg()[0]!.toFixed(1);
await benchEnvironment(opts);
// The web server runs the light consumers only; media processing is the workers'.
process.env.EVENT_RUNNER_FUNCTIONS = "light";
const app = await startApp(opts);

const { getDb, closeDb } = await import("@/lib/db/client");
const { getStorage } = await import("@/lib/adapters/storage");
const { publish } = await import("@/lib/events/publish");
const { RESPONSES_BUCKET } = await import("@/lib/server/candidates/finalise-take");
const { createSession } = await import("@/lib/auth/sessions");
const { encode } = await import("next-auth/jwt");
const { makeCandidates } = await import("./candidate-app");

// ─── the recording every candidate "sends" ───
const cache = path.join(root, ".data/bench-media");
mkdirSync(cache, { recursive: true });
const input = path.join(cache, `answer-${SECONDS}s-${SIZE}.webm`);
if (!existsSync(input)) {
  console.log(`[bench] making ${path.basename(input)} ...`);
  execFileSync(process.env.FFMPEG_PATH ?? "ffmpeg", [
    "-hide_banner", "-loglevel", "error", "-y",
    "-f", "lavfi", "-t", String(SECONDS), "-i", `testsrc2=size=${SIZE}:rate=30,noise=alls=3:allf=t`,
    "-f", "lavfi", "-t", String(SECONDS), "-i", "sine=frequency=220:sample_rate=48000,volume=0.5",
    "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", Number(HEIGHT) > 720 ? "4000k" : "2500k", "-c:a", "libopus", `${input}.part.webm`,
  ]);
  execFileSync("mv", [`${input}.part.webm`, input]);
}
const inputSize = statSync(input).size;

// ─── an interview with ANSWERS candidates, and HR's signed-in cookie ───
const candidates = await makeCandidates({ candidates: ANSWERS, videoQuestions: 1 });
const db = await getDb();
const firstSession = await db.candidateSession.findUniqueOrThrow({ where: { id: candidates[0]!.sessionId }, include: { interview: true } });
const hr = { id: firstSession.interview.userId };
const interviewId = firstSession.interviewId;
// HR's cookie as a password sign-in makes it: a server-side session row, its id in the JWT.
const sid = await createSession({ userId: hr.id, method: "password", maxAgeSeconds: 3600 });
const jwt = await encode({ token: { sub: hr.id, uid: hr.id, sid }, secret: process.env.AUTH_SECRET!, maxAge: 3600 });
const cookie = `next-auth.session-token=${jwt}`;

const requests = [
  { name: "GET /dashboard", url: `${app.url}/dashboard` },
  { name: "GET candidates poll", url: `${app.url}/api/interviews/${interviewId}/candidates?sort=created&order=desc&limit=50` },
] as const;

async function timed(url: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  return performance.now() - t;
}

/** Both requests in turn, 200 ms apart, until `until()` says stop (or `count` rounds). */
async function measure(until: () => boolean, count = Infinity) {
  const out = requests.map(() => [] as number[]);
  for (let i = 0; i < count && !until(); i++) {
    for (const [k, r] of requests.entries()) out[k]!.push(await timed(r.url));
    await new Promise((r) => setTimeout(r, 200));
  }
  return out;
}

// Warm-up (compiles, caches), then idle.
await measure(() => false, 5);
const idle = await measure(() => false, IDLE_REQUESTS);

// ─── the workers ───
function startWorker(i: number): ChildProcess {
  // As `npm run worker` starts it (package.json).
  const child = spawn(process.execPath, ["--max-semi-space-size=1", "scripts/worker.mjs"], {
    cwd: root,
    env: { ...process.env, EVENT_RUNNER_FUNCTIONS: "media:1", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  child.on("exit", (code) => {
    if (code && code !== 0 && !stopping) console.error(`[bench] worker ${i} exited ${code}:\n${log}`);
  });
  process.on("exit", () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // gone
    }
  });
  return child;
}
let stopping = false;
const workersFrom = new Date();
const workers = Array.from({ length: WORKERS }, (_, i) => startWorker(i));
// Ready once each has registered process-media: events dispatched before that are not theirs
// (a newly registered function gets no history).
for (const deadline = Date.now() + 120_000; ; ) {
  const live = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM engine_functions WHERE function_id = 'process-media' AND last_seen_at >= ${workersFrom}`;
  if (live[0]!.n >= WORKERS) break;
  if (Date.now() > deadline) throw new Error("the workers did not register process-media within 2 minutes");
  await new Promise((r) => setTimeout(r, 250));
}

/** RSS of a worker (Node.js) and of its descendants (ffmpeg), sampled every 100 ms for the peaks. */
function rssOfTree(pid: number): { node: number; children: number } {
  const read = (p: string | number) => {
    try {
      return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0) * 1024;
    } catch {
      return 0;
    }
  };
  const parent = new Map<string, string>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      parent.set(d, readFileSync(`/proc/${d}/stat`, "utf8").split(") ")[1]!.split(" ")[1]!);
    } catch {
      // exited
    }
  }
  const inTree = (p: string): boolean => p === String(pid) || (parent.has(p) && parent.get(p) !== "0" && parent.get(p) !== "1" && inTree(parent.get(p)!));
  let children = 0;
  for (const p of parent.keys()) if (p !== String(pid) && inTree(p)) children += read(p);
  return { node: read(pid), children };
}
const peak = workers.map(() => ({ node: 0, children: 0, total: 0 }));
const rssTimer = setInterval(() => {
  for (const [i, w] of workers.entries()) {
    const now = rssOfTree(w.pid!);
    const p = peak[i]!;
    p.node = Math.max(p.node, now.node);
    p.children = Math.max(p.children, now.children);
    p.total = Math.max(p.total, now.node + now.children);
  }
}, 100);

// ─── the backlog: every answer submitted at once, as finaliseTake leaves it ───
const storage = getStorage();
const fileIds: string[] = [];
for (const c of candidates) {
  const key = `sessions/${c.sessionId}/${crypto.randomUUID()}.webm`;
  await storage.put(RESPONSES_BUCKET, key, createReadStream(input));
  fileIds.push(
    await db.$transaction(async (tx) => {
      const media = await tx.mediaFile.create({
        data: { userId: hr.id, kind: "response", status: "uploaded", bucket: RESPONSES_BUCKET, path: key, fileName: "answer.webm", mimeType: "video/webm", originalSize: BigInt(inputSize), durationSeconds: SECONDS },
      });
      // Published only after every file is stored (below), so that the backlog starts whole.
      await tx.response.create({ data: { sessionId: c.sessionId, questionId: c.questionIds[0]!, status: "uploaded", mediaFileId: media.id, durationSeconds: SECONDS, submittedAt: new Date() } });
      return media.id;
    }),
  );
}
const t0 = performance.now();
await db.$transaction(async (tx) => {
  for (const [i, c] of candidates.entries()) {
    const response = await tx.response.findUniqueOrThrow({ where: { mediaFileId: fileIds[i]! } });
    await publish(tx, {
      eventType: "candidate.response_submitted",
      sessionId: c.sessionId,
      data: { responseId: response.id, questionId: c.questionIds[0]!, mediaFileId: fileIds[i]!, duration: SECONDS },
    });
  }
});

let done = 0;
let failed = 0;
let finishedAt = 0;
const poll = setInterval(async () => {
  const rows = await db.mediaFile.groupBy({ by: ["status"], where: { id: { in: fileIds } }, _count: true });
  done = rows.filter((r) => r.status === "ready" || r.status === "failed").reduce((s, r) => s + r._count, 0);
  failed = rows.find((r) => r.status === "failed")?._count ?? 0;
  if (done === fileIds.length && !finishedAt) finishedAt = performance.now();
}, 250);
// A backlog that cannot finish (every worker died, a job stuck) ends the run with an error.
const deadline = Date.now() + Math.max(600_000, ANSWERS * SECONDS * 2_000);
const gaveUp = () => Date.now() > deadline || workers.every((w) => w.exitCode !== null);
const busy = await measure(() => finishedAt > 0 || gaveUp());
while (!finishedAt && !gaveUp()) await new Promise((r) => setTimeout(r, 250));
if (!finishedAt) throw new Error(`the backlog did not finish: ${done} of ${ANSWERS} answers settled`);
clearInterval(poll);
clearInterval(rssTimer);
const wallS = (finishedAt - t0) / 1000;
const perAnswer = await db.mediaFile.findMany({ where: { id: { in: fileIds } }, select: { processingMs: true, processedSize: true } });

stopping = true;
for (const w of workers) {
  try {
    process.kill(-w.pid!, "SIGTERM");
  } catch {
    // gone
  }
}
await app.stop();

// ─── report ───
const ms = (x: number) => `${x.toFixed(0)} ms`;
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const rows = requests.map((r, k) => {
  const a = idle[k]!;
  const b = busy[k]!;
  return `| ${r.name} | ${a.length} | ${ms(median(a))} | ${ms(quantile(a, 0.95))} | ${b.length} | ${ms(median(b))} | ${ms(quantile(b, 0.95))} | ${(quantile(b, 0.95) / quantile(a, 0.95)).toFixed(1)}× |`;
});
const processing = perAnswer.map((p) => p.processingMs ?? 0);
const section = [
  `Run ${new Date().toISOString().slice(0, 10)} on ${await machine()}; 1-minute load before the run ${loadBefore}.`,
  "",
  `${ANSWERS} answers of ${SECONDS} s ${HEIGHT}p VP8/Opus WebM (${mb(inputSize)} each) submitted at once; ${WORKERS} worker processes (\`npm run worker\`, \`EVENT_RUNNER_FUNCTIONS=media:1\`); the web server (\`next start\`) runs the light consumers.`,
  "",
  "| Backlog | Result |",
  "|---|---|",
  `| Answers processed | ${done - failed} processed, ${failed} failed |`,
  `| Publish → last answer processed | ${wallS.toFixed(1)} s |`,
  `| **Throughput** | **${((ANSWERS / wallS) * 60).toFixed(1)} answers/min** (${((ANSWERS * SECONDS) / wallS).toFixed(1)} s of video per second) |`,
  `| One answer's processing (median, p95) | ${(median(processing) / 1000).toFixed(1)} s, ${(quantile(processing, 0.95) / 1000).toFixed(1)} s |`,
  `| Peak RSS per worker: Node.js + ffmpeg (peak of the sum) | ${peak.map((p) => `${mb(p.node)} + ${mb(p.children)} (${mb(p.total)})`).join("; ")} |`,
  "",
  "| Dashboard request | Idle n | Idle p50 | Idle p95 | Backlog n | Backlog p50 | Backlog p95 | p95 backlog/idle |",
  "|---|---|---|---|---|---|---|---|",
  ...rows,
].join("\n");
console.log(`\n${section}\n`);
if (!opts["no-docs"]) {
  if (ANSWERS === 1 && WORKERS === 1) await writeSection("media-worker-memory", "## Media worker memory on a long answer", section);
  else await writeSection("media-throughput", "## Media pipeline throughput", section);
}
await closeDb();
process.exit(0);
