// A 100 MiB recording sent to the app's real upload route (tus 1.0, `next start` of this
// checkout, app/api/uploads → lib/server/uploads) with tus-js-client, against a raw HTTP PUT of
// the same bytes to a minimal Node server (its own process) that streams them to a file, in one
// run, interleaved, over loopback. Goal (issue 10): tus ≥ 0.7 × raw.
//
//   npx next build   # once, for `next start`
//   npx tsx --import ./scripts/server-only.mjs bench/upload-throughput.ts [--runs 3] [--chunks 1,2,5] [--no-docs]
//
// Also: the time to finalise the 100 MiB take over HTTP (POST /i/<token>/takes/<id>/finalise:
// the server hashes what it stored and moves it into media storage), and where a PATCH's time
// goes (a 1-byte PATCH: the fixed cost of one chunk; the chunk sizes tell the rest).
// Database `intervue_bench` on 127.0.0.1:5432 (created and migrated if missing); the app on
// --port (3550). Each run's upload is removed afterwards.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import * as tus from "tus-js-client";
import { benchArgs, machine, makeCandidates, median, openBench, quantile, root, SESSION_COOKIE, startTakeOverHttp, writeSection, type Candidate, type Take } from "./candidate-app";

const { values: opts } = parseArgs({
  options: {
    ...benchArgs,
    runs: { type: "string", default: "3" },
    mib: { type: "string", default: "100" },
    // MiB per PATCH (tus-js-client's chunkSize), one series each.
    chunks: { type: "string", default: "1,2,5" },
  },
});
const RUNS = Number(opts.runs);
const SIZE = Number(opts.mib) * 1024 * 1024;
const CHUNKS = opts.chunks.split(",").map(Number);
const MiB = 1024 * 1024;

const { app, loadBefore } = await openBench(opts);
const { closeDb } = await import("@/lib/db/client");
const { uploadsDirectory } = await import("@/lib/server/uploads/handle-upload-request");

// The recording: a real WebM's first bytes (finalise checks the container), then random bytes
// (nothing compresses or deduplicates them).
const webm = readFileSync(path.join(root, "tests/media/two-seconds.webm"));
const data = Buffer.concat([webm, randomBytes(SIZE - webm.length)]);
const digest = createHash("sha256").update(data).digest("hex");

// ---- the raw PUT server: its own process, like the app; streams the body to a file --------
const rawDir = mkdtempSync(path.join(os.tmpdir(), "bench-raw-put-"));
const rawServer = spawn(
  process.execPath,
  [
    "-e",
    `const http = require("node:http"), fs = require("node:fs"), path = require("node:path");
     let n = 0;
     const server = http.createServer((req, res) => {
       const file = path.join(process.argv[1], "put-" + (n++));
       const out = fs.createWriteStream(file);
       req.pipe(out);
       out.on("finish", () => { fs.rmSync(file, { force: true }); res.writeHead(201).end(); });
       out.on("error", (e) => { res.writeHead(500).end(String(e)); });
     });
     server.listen(0, "127.0.0.1", () => console.log(server.address().port));`,
    rawDir,
  ],
  { stdio: ["ignore", "pipe", "inherit"] },
);
const rawPort = await new Promise<number>((resolve) => rawServer.stdout!.once("data", (d: Buffer) => resolve(Number(d.toString().trim()))));

function rawPut(): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(
      { host: "127.0.0.1", port: rawPort, method: "PUT", path: "/recording", headers: { "content-length": String(data.length), "content-type": "application/octet-stream" } },
      (res) => {
        res.resume();
        res.on("end", () => (res.statusCode === 201 ? resolve(performance.now() - t0) : reject(new Error(`raw PUT ${res.statusCode}`))));
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

// ---- tus to the app -------------------------------------------------------------------
const writer = () => randomBytes(16).toString("base64url");

type TusRun = { ms: number; patchMs: number[] };
function tusUpload(take: Take, chunkSize: number, input: Buffer = data): Promise<TusRun> {
  return new Promise((resolve, reject) => {
    const patchMs: number[] = [];
    let sentAt = 0;
    const t0 = performance.now();
    const upload = new tus.Upload(input, {
      endpoint: `${app.url}${take.uploadUrl}`,
      chunkSize,
      retryDelays: [], // any error fails the run: an honest figure has no retries in it
      storeFingerprintForResuming: false,
      headers: { "Upload-Grant": take.grant, "Upload-Writer": writer() },
      onBeforeRequest: (req) => {
        if (req.getMethod() === "PATCH") sentAt = performance.now();
      },
      onAfterResponse: (req) => {
        if (req.getMethod() === "PATCH") patchMs.push(performance.now() - sentAt);
      },
      onSuccess: () => resolve({ ms: performance.now() - t0, patchMs }),
      onError: reject,
    });
    upload.start();
  });
}

function removeUpload(takeId: string) {
  rmSync(path.join(uploadsDirectory(), takeId), { force: true });
  rmSync(path.join(uploadsDirectory(), `${takeId}.json`), { force: true });
}

const candidates = await makeCandidates({ candidates: RUNS * CHUNKS.length + 2 });
let next = 0;
const freshTake = async (): Promise<{ c: Candidate; take: Take }> => {
  const c = candidates[next++]!;
  return { c, take: await startTakeOverHttp(app.url, c, c.questionIds[0]!) };
};

// Warm-up: the route compiled and its modules loaded, the connection pool open.
{
  const { take } = await freshTake();
  await tusUpload(take, MiB, data.subarray(0, 4 * MiB));
  removeUpload(take.takeId);
  await rawPut();
}

const raw: number[] = [];
const viaTus = new Map<number, TusRun[]>(CHUNKS.map((c) => [c, []]));
let finaliseMs: number | null = null;
for (let run = 0; run < RUNS; run++) {
  raw.push(await rawPut());
  for (const mib of CHUNKS) {
    const { c, take } = await freshTake();
    viaTus.get(mib)!.push(await tusUpload(take, mib * MiB));
    if (run === 0 && finaliseMs === null) {
      const t0 = performance.now();
      const res = await fetch(`${app.url}/i/${c.token}/takes/${take.takeId}/finalise`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: `${SESSION_COOKIE}=${c.secret}`, origin: app.url },
        body: JSON.stringify({ bytes: data.length, sha256: digest, durationSeconds: 300, mimeType: "video/webm;codecs=vp8,opus" }),
      });
      if (!res.ok) throw new Error(`finalise: ${res.status} ${await res.text()}`);
      finaliseMs = performance.now() - t0;
    } else removeUpload(take.takeId);
    const last = viaTus.get(mib)!.at(-1)!;
    console.log(`[bench] run ${run + 1}: tus ${mib} MiB chunks ${(SIZE / MiB / (last.ms / 1000)).toFixed(1)} MiB/s, raw PUT ${(SIZE / MiB / (raw.at(-1)! / 1000)).toFixed(1)} MiB/s`);
  }
}

// The fixed cost of one PATCH: 200 one-byte PATCHes (grant check, writer lease upsert, tus's
// lock, offset read, write) to one take.
const tiny: number[] = [];
{
  const { take } = await freshTake();
  const w = writer();
  const headers = { "tus-resumable": "1.0.0", "upload-grant": take.grant, "upload-writer": w };
  const created = await fetch(`${app.url}${take.uploadUrl}`, { method: "POST", headers: { ...headers, "upload-defer-length": "1" } });
  if (created.status !== 201) throw new Error(`create: ${created.status}`);
  for (let i = 0; i < 220; i++) {
    const t0 = performance.now();
    const res = await fetch(`${app.url}${take.uploadUrl}/${take.takeId}`, {
      method: "PATCH",
      headers: { ...headers, "upload-offset": String(i), "content-type": "application/offset+octet-stream" },
      body: new Uint8Array([i & 0xff]),
    });
    await res.arrayBuffer();
    if (res.status !== 204) throw new Error(`tiny PATCH: ${res.status}`);
    if (i >= 20) tiny.push(performance.now() - t0);
  }
  removeUpload(take.takeId);
}

const mibps = (ms: number) => SIZE / MiB / (ms / 1000);
const rawMedian = median(raw);
const rows = CHUNKS.map((mib) => {
  const runs = viaTus.get(mib)!;
  const ms = median(runs.map((r) => r.ms));
  const patches = runs.flatMap((r) => r.patchMs);
  return { mib, ms, range: runs.map((r) => mibps(r.ms)), ratio: rawMedian / ms, patchP50: median(patches), patchP95: quantile(patches, 0.95), patches: patches.length / runs.length };
});
const best = Math.max(...rows.map((r) => r.ratio));
const date = new Date().toISOString().slice(0, 10);
const section = [
  `Machine: ${await machine()}. Date: ${date}.`,
  `Script: \`npx next build && npx tsx --import ./scripts/server-only.mjs bench/upload-throughput.ts\` (\`npm run bench:upload\`;`,
  `${RUNS} interleaved runs, medians; the app is \`next start\` of the same checkout on database \`${opts.database}\`).`,
  "",
  `**Method.** ${SIZE / MiB} MiB (a WebM header, then random bytes) from memory. **tus**: tus-js-client 4.3.1 in Node.js,`,
  "declared length, no retries, to `POST /api/uploads` then `PATCH /api/uploads/<take>` of the running app (upload grant,",
  "writer lease in PostgreSQL, @tus/server's FileStore on local disk), a fresh take per run started with",
  "`POST /i/<token>/takes`; time from the creation request to the last PATCH's answer. **Raw PUT**: one `PUT` of the",
  "same bytes (Node's `http.request`) to a minimal Node server in its own process that pipes the body to a file.",
  "Both over loopback; the client runs in the script's process, each server in its own.",
  "",
  "| upload | MiB/s (median) | runs | ratio to raw PUT | PATCHes | PATCH p50 / p95 |",
  "|---|---:|---|---:|---:|---:|",
  `| raw HTTP PUT | ${mibps(rawMedian).toFixed(1)} | ${raw.map((ms) => mibps(ms).toFixed(0)).join(", ")} | 1 | — | — |`,
  ...rows.map(
    (r) =>
      `| tus, ${r.mib} MiB chunks | ${mibps(r.ms).toFixed(1)} | ${r.range.map((x) => x.toFixed(0)).join(", ")} | **${r.ratio.toFixed(2)}** | ${r.patches} | ${r.patchP50.toFixed(1)} / ${r.patchP95.toFixed(1)} ms |`,
  ),
  "",
  `The browser recorder's chunk size is 2 MiB (\`CHUNK_SIZE\` in lib/client/recorder/uploader.ts; while recording, each PATCH carries what`,
  `the 1 s MediaRecorder timeslice produced, ~320 KiB; 2 MiB PATCHes happen when a backlog is sent). Ratio at 2 MiB: **${rows.find((r) => r.mib === 2)?.ratio.toFixed(2) ?? "not measured"}**;`,
  `best ratio **${best.toFixed(2)}** (goal ≥ 0.7${best >= 0.7 ? ", met" : ", missed"}). Machine load (1-minute average) before / after: ${loadBefore} / ${os.loadavg()[0]!.toFixed(1)}.`,
  ``,
  `A 1-byte PATCH (the fixed cost of one chunk: \`route()\`, the grant check, the writer lease (a read, a write every 5 s),`,
  `tus's lock (in PostgreSQL when the app runs on it) and the offset read) takes p50 ${median(tiny).toFixed(2)} ms / p95 ${quantile(tiny, 0.95).toFixed(2)} ms (200 in a row).`,
  finaliseMs === null ? "" : `Finalising the ${SIZE / MiB} MiB take over HTTP (the server hashes the stored file, compares, moves it into media storage and commits the rows and events): ${(finaliseMs / 1000).toFixed(2)} s.`,
].join("\n");
console.log(`\n${section}`);
if (!opts["no-docs"]) await writeSection("upload-throughput.ts", "## Candidate recording (issue 10)", section);

rawServer.kill("SIGTERM");
rmSync(rawDir, { recursive: true, force: true });
await app.stop();
await closeDb();
process.exit(0);
