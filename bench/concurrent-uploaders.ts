// 100 candidates recording at once against the app's real upload route (`next start` of this
// checkout): each has its own take (started with POST /i/<token>/takes), creates its tus upload
// with a deferred length and PATCHes its chunks in order at the server's offset, the last one
// declaring the length; then it finalises over HTTP (the server's byte count and SHA-256 must
// equal what was sent). Two phases:
// - **paced**: a chunk every --interval ms (a recorder's timeslice) of --paced-kib KiB
//   (320 KiB a second ≈ 2.6 Mbit/s, a 720p recording), --paced-chunks of them;
// - **burst**: --burst-chunks chunks of --burst-kib KiB back to back (a backlog sent after a
//   network outage), for total throughput.
// Zero errors required: any non-2xx answer, dropped connection or checksum mismatch counts.
//
//   npx next build   # once, for `next start`
//   npx tsx --import ./scripts/server-only.mjs bench/concurrent-uploaders.ts [--uploaders 100] [--no-docs]
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { benchArgs, machine, makeCandidates, openBench, quantile, root, SESSION_COOKIE, startTakeOverHttp, writeSection, type Candidate, type Take } from "./candidate-app";

const { values: opts } = parseArgs({
  options: {
    ...benchArgs,
    uploaders: { type: "string", default: "100" },
    interval: { type: "string", default: "1000" },
    "paced-kib": { type: "string", default: "320" },
    "paced-chunks": { type: "string", default: "20" },
    "burst-kib": { type: "string", default: "1024" },
    "burst-chunks": { type: "string", default: "8" },
    ramp: { type: "string", default: "1000" },
  },
});
const N = Number(opts.uploaders);
const KiB = 1024;
const RAMP_MS = Number(opts.ramp);

const { app, loadBefore } = await openBench(opts);
const { closeDb } = await import("@/lib/db/client");
const webm = readFileSync(path.join(root, "tests/media/two-seconds.webm"));

type Phase = { name: string; chunkBytes: number; chunks: number; intervalMs: number; together: boolean };
type Outcome = { acks: number[]; errors: string[]; bytes: number; first: number; last: number; finaliseMs: number[] };
type Ready = { c: Candidate; take: Take };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts a take for each candidate, `concurrency` at a time (setup, not measured). */
async function startTakes(people: Candidate[], concurrency = 4): Promise<Ready[]> {
  const out: Ready[] = [];
  const queue = [...people];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let c = queue.shift(); c; c = queue.shift()) out.push({ c, take: await startTakeOverHttp(app.url, c, c.questionIds[0]!) });
    }),
  );
  return out;
}

/**
 * One candidate: creates its upload at a random moment within the ramp, then (paced) sends a
 * chunk every interval, or (together) waits until every upload exists and sends its backlog
 * back to back; then finalises.
 */
async function uploader({ c, take }: Ready, phase: Phase, out: Outcome, arrive: () => void, allReady: Promise<void>): Promise<void> {
  await sleep(Math.random() * RAMP_MS);
  const headers = { "tus-resumable": "1.0.0", "upload-grant": take.grant, "upload-writer": randomBytes(16).toString("base64url") };
  // Each uploader's own bytes: a WebM header, then random (what it sends is what is checked).
  const total = phase.chunkBytes * phase.chunks;
  const bytes = Buffer.concat([webm, randomBytes(total - webm.length)]);
  const created = await fetch(`${app.url}${take.uploadUrl}`, { method: "POST", headers: { ...headers, "upload-defer-length": "1" } });
  await created.arrayBuffer();
  if (created.status !== 201) {
    out.errors.push(`POST ${created.status}`);
    return arrive();
  }
  arrive();
  if (phase.together) await allReady;
  let offset = 0;
  for (let i = 0; i < phase.chunks; i++) {
    const due = performance.now() + phase.intervalMs;
    const body = bytes.subarray(offset, offset + phase.chunkBytes);
    const last = i === phase.chunks - 1;
    const t0 = performance.now();
    out.first = Math.min(out.first, t0);
    try {
      const res = await fetch(`${app.url}${take.uploadUrl}/${take.takeId}`, {
        method: "PATCH",
        headers: {
          ...headers,
          "upload-offset": String(offset),
          "content-type": "application/offset+octet-stream",
          ...(last ? { "upload-length": String(total) } : {}),
        },
        body,
      });
      const text = await res.text();
      if (res.status !== 204) {
        out.errors.push(`PATCH ${res.status} ${text.slice(0, 200)}`);
        return;
      }
      const t1 = performance.now();
      out.acks.push(t1 - t0);
      out.last = Math.max(out.last, t1);
      offset = Number(res.headers.get("upload-offset"));
      out.bytes += body.length;
    } catch (err) {
      out.errors.push(`PATCH ${(err as Error).message}`);
      return;
    }
    if (phase.intervalMs > 0 && !last) await sleep(due - performance.now());
  }
  const t0 = performance.now();
  const fin = await fetch(`${app.url}/i/${c.token}/takes/${take.takeId}/finalise`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: `${SESSION_COOKIE}=${c.secret}`, origin: app.url },
    body: JSON.stringify({ bytes: total, sha256: createHash("sha256").update(bytes).digest("hex"), durationSeconds: 20, mimeType: "video/webm" }),
  });
  const answer = (await fin.json()) as { bytes?: number };
  if (fin.status !== 200 || answer.bytes !== total) out.errors.push(`finalise ${fin.status} ${JSON.stringify(answer).slice(0, 200)}`);
  else out.finaliseMs.push(performance.now() - t0);
}

async function runPhase(phase: Phase, ready: Ready[]): Promise<Outcome> {
  const out: Outcome = { acks: [], errors: [], bytes: 0, first: Infinity, last: 0, finaliseMs: [] };
  // A barrier: the "together" phase starts sending when every upload exists.
  let waiting = ready.length;
  let open!: () => void;
  const allReady = new Promise<void>((resolve) => (open = resolve));
  const arrive = () => {
    if (--waiting === 0) open();
  };
  await Promise.all(ready.map((r) => uploader(r, phase, out, arrive, allReady).catch((e: unknown) => void out.errors.push(String(e)))));
  const mibps = out.bytes / 1024 / 1024 / ((out.last - out.first) / 1000);
  console.log(
    `[bench] ${phase.name}: ${out.acks.length} chunks acknowledged, ${out.errors.length} errors, p50 ${quantile(out.acks, 0.5).toFixed(1)} ms, p95 ${quantile(out.acks, 0.95).toFixed(1)} ms, p99 ${quantile(out.acks, 0.99).toFixed(1)} ms; ${mibps.toFixed(1)} MiB/s`,
  );
  if (out.errors.length) console.error(out.errors.slice(0, 10));
  return out;
}

/** Every candidate starts a take at the same moment (POST /i/<token>/takes): latency and failures. */
async function startBurst(people: Candidate[]): Promise<{ ms: number[]; errors: string[] }> {
  const ms: number[] = [];
  const errors: string[] = [];
  await Promise.all(
    people.map(async (c) => {
      const t0 = performance.now();
      try {
        await startTakeOverHttp(app.url, c, c.questionIds[0]!);
        ms.push(performance.now() - t0);
      } catch (e) {
        errors.push(String(e).slice(0, 120));
      }
    }),
  );
  console.log(`[bench] ${people.length} take starts at once: ${errors.length} failed; p50 ${quantile(ms, 0.5)?.toFixed(0)} ms`);
  return { ms, errors };
}

// A candidate (and its take) per uploader and phase.
const warm = await startTakes(await makeCandidates({ candidates: 4 }));
const paced: Phase = { name: "paced", chunkBytes: Number(opts["paced-kib"]) * KiB, chunks: Number(opts["paced-chunks"]), intervalMs: Number(opts.interval), together: false };
const burst: Phase = { name: "burst", chunkBytes: Number(opts["burst-kib"]) * KiB, chunks: Number(opts["burst-chunks"]), intervalMs: 0, together: true };
const pacedTakes = await startTakes(await makeCandidates({ candidates: N }));
const burstTakes = await startTakes(await makeCandidates({ candidates: N }));
const startPeople = await makeCandidates({ candidates: N });
// Warm-up: the routes compiled, the pool open.
await runPhase({ name: "warm-up", chunkBytes: 64 * KiB, chunks: 2, intervalMs: 0, together: false }, warm);
const results = [
  { phase: paced, out: await runPhase(paced, pacedTakes) },
  { phase: burst, out: await runPhase(burst, burstTakes) },
];
const starts = await startBurst(startPeople);

const ms = (x: number | undefined) => (x === undefined ? "—" : `${x.toFixed(1)} ms`);
const date = new Date().toISOString().slice(0, 10);
const errors = results.reduce((n, r) => n + r.out.errors.length, 0);
const startErrors = [...new Set(starts.errors.map((e) => e.replace(/request id [0-9a-f-]+/, "request id …").slice(0, 100)))];
const section = [
  `Machine: ${await machine()}. Date: ${date}.`,
  "Script: `npx next build && npx tsx --import ./scripts/server-only.mjs bench/concurrent-uploaders.ts` (`npm run bench:uploaders`;",
  `the app is \`next start\` of the same checkout on database \`${opts.database}\`).`,
  "",
  `**Method.** ${N} simulated recorders in the script's process (Node's \`fetch\`), each with its own candidate session and`,
  "take (started beforehand with `POST /i/<token>/takes`, four at a time), a tus upload created with `Upload-Defer-Length`",
  "and its chunks PATCHed in order at the server's offset, the last one declaring the length, then `POST …/finalise`",
  `with the SHA-256 (the server's byte count and checksum must match). Uploads start at random moments over ${RAMP_MS / 1000} s.`,
  "*Paced*: each sends a chunk every interval (the recorder's 1 s MediaRecorder timeslice at 2.5 Mbit/s video + 96 kbit/s",
  "audio ≈ 320 KiB). *Burst*: once every upload exists, all send their backlog back to back (reconnecting after an outage).",
  "*Acknowledge latency*: from sending a PATCH to its 204. *Throughput*: bytes acknowledged between the first PATCH sent",
  "and the last acknowledged. The client and the app (one Node.js process) share the machine's 2 cores.",
  "",
  "| phase | chunks per uploader | acknowledged | upload errors (POST, PATCH) | finalise errors | ack p50 / p95 / p99 | max | throughput | finalise p50 / p95 |",
  "|---|---|---:|---:|---:|---:|---:|---:|---:|",
  ...results.map(({ phase, out }) => {
    const what =
      phase.intervalMs > 0
        ? `${phase.chunks} × ${phase.chunkBytes / KiB} KiB, one every ${phase.intervalMs / 1000} s`
        : `${phase.chunks} × ${phase.chunkBytes / KiB} KiB back to back`;
    const mibps = out.bytes / 1024 / 1024 / ((out.last - out.first) / 1000);
    return `| ${phase.name} | ${what} | ${out.acks.length} of ${N * phase.chunks} | ${out.errors.filter((e) => !e.startsWith("finalise")).length} | ${out.errors.filter((e) => e.startsWith("finalise")).length} | ${ms(quantile(out.acks, 0.5))} / ${ms(quantile(out.acks, 0.95))} / ${ms(quantile(out.acks, 0.99))} | ${ms(Math.max(...out.acks))} | ${mibps.toFixed(1)} MiB/s | ${ms(quantile(out.finaliseMs, 0.5))} / ${ms(quantile(out.finaliseMs, 0.95))} |`;
  }),
  "",
  `Errors in all: **${errors}** (goal 0${errors === 0 ? ", met" : ", missed"})${errors ? `: ${[...new Set(results.flatMap((r) => r.out.errors.map((e) => e.slice(0, 60))))].slice(0, 3).join("; ")}` : ""}; every finalised take's byte count and checksum matched what was sent.`,
  `**${N} take starts at the same moment** (\`POST /i/<token>/takes\`, another ${N} candidates of the same interview): ${starts.errors.length} failed${startErrors.length ? ` (${startErrors.join("; ")})` : ""}; the others answered in p50 ${ms(quantile(starts.ms, 0.5))} / p95 ${ms(quantile(starts.ms, 0.95))}.`,
  `Machine load (1-minute average) before / after: ${loadBefore} / ${os.loadavg()[0]!.toFixed(1)}.`,
].join("\n");
console.log(`\n${section}`);
if (!opts["no-docs"]) await writeSection("concurrent-uploaders.ts", "## Candidate recording (issue 10)", section);

await app.stop();
await closeDb();
process.exit(errors === 0 ? 0 : 1);
