// A 100 MiB recording sent to the app's real upload route (tus 1.0, `next start` of this
// checkout, app/api/uploads → lib/server/uploads) with tus-js-client, against a raw HTTP PUT of
// the same bytes to a minimal Node server (its own process) that streams them to a file, in one
// run, each tus upload paired with a raw PUT just before it, over loopback. Goal (issue 10):
// tus ≥ 0.7 × raw at the PATCH size the recorder uses (the app's maxChunkBytes).
//
//   npx next build   # once, for `next start`
//   npx tsx --import ./scripts/server-only.mjs bench/upload-throughput.ts [--runs 3] [--chunks server,2] [--stack one-write|tus-js] [--no-docs]
//
// --chunks: MiB per PATCH, one series each; `server` is the size the app gives the recorder.
// On a shared machine the figures move 2-3x with the load: run it on an idle one.
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
    // MiB per PATCH (tus-js-client's chunkSize), one series each; "server": the size the app
    // tells the recorder in the take start (maxChunkBytes), i.e. what the recorder sends a
    // backlog in; 2 is the recorder's size on Vercel (and before the server said).
    chunks: { type: "string", default: "server,2" },
    // The client's HTTP stack for tus: "one-write" (each body in one write, like the raw PUT and
    // a browser) or "tus-js" (tus-js-client's Node.js stack: 16 KiB writes, each awaiting drain).
    stack: { type: "string", default: "one-write" },
  },
});
const RUNS = Number(opts.runs);
const SIZE = Number(opts.mib) * 1024 * 1024;
const MiB = 1024 * 1024;
const CHUNK_SPECS = opts.chunks.split(",").map((c) => c.trim());
for (const c of CHUNK_SPECS) if (c !== "server" && !(Number(c) > 0)) throw new Error(`--chunks: "${c}" is neither a size in MiB nor "server"`);

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

/**
 * CPU time (user + system, ms) a process has used so far, from /proc (Linux; null elsewhere).
 * Unlike wall time it barely moves with the machine's load: the steadier figure for "how much
 * work does each server do per byte" on a shared machine. Resolution: one clock tick (10 ms).
 */
function cpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime: fields 14 and 15 of stat(5), i.e. 11 and 12 after the command name.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}
const cpuDelta = async <T>(pid: number | undefined, work: () => Promise<T>): Promise<[T, number | null]> => {
  const before = cpuMs(pid);
  const result = await work();
  const after = cpuMs(pid);
  return [result, before === null || after === null ? null : after - before];
};

// ---- tus to the app -------------------------------------------------------------------
const writer = () => randomBytes(16).toString("base64url");

/**
 * tus-js-client's HTTP stack for Node.js sends a Uint8Array body 16 KiB at a time, waiting for
 * `drain` after each piece (writeBufferToStreamWithProgress): 6,400 round trips through the
 * event loop per 100 MiB that the raw PUT (one `req.end(data)`) does not make, and that a
 * browser's XMLHttpRequest (the recorder's stack) does not make either. This stack sends each
 * PATCH's body the way the raw PUT sends its own, so the two compare the servers, not two
 * client write loops (`--stack tus-js` measures tus-js-client's own).
 */
class OneWriteStack implements tus.HttpStack {
  getName() {
    return "one-write";
  }
  createRequest(method: string, url: string): tus.HttpRequest {
    const headers: Record<string, string> = {};
    let req: http.ClientRequest | null = null;
    return {
      getMethod: () => method,
      getURL: () => url,
      setHeader: (name, value) => void (headers[name] = value),
      getHeader: (name) => headers[name],
      setProgressHandler: () => {},
      getUnderlyingObject: () => req,
      abort: async () => void req?.destroy(),
      send: (body?: Uint8Array | null) =>
        new Promise<tus.HttpResponse>((resolve, reject) => {
          req = http.request(url, { method, headers });
          req.on("error", reject);
          req.on("response", (res) => {
            const parts: Buffer[] = [];
            res.on("data", (d: Buffer) => parts.push(d));
            res.on("end", () => {
              const text = Buffer.concat(parts).toString("utf8");
              resolve({
                getStatus: () => res.statusCode ?? 0,
                getHeader: (name) => {
                  const v = res.headers[name.toLowerCase()];
                  return Array.isArray(v) ? v.join(", ") : v;
                },
                getBody: () => text,
                getUnderlyingObject: () => res,
              });
            });
          });
          req.end(body ?? undefined);
        }),
    };
  }
}

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
      ...(opts.stack === "one-write" ? { httpStack: new OneWriteStack() } : {}),
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

const candidates = await makeCandidates({ candidates: RUNS * CHUNK_SPECS.length + 3 });
let next = 0;
const freshTake = async (): Promise<{ c: Candidate; take: Take }> => {
  const c = candidates[next++]!;
  return { c, take: await startTakeOverHttp(app.url, c, c.questionIds[0]!) };
};

// Warm-up: the route compiled and its modules loaded, the connection pool open. Its take start
// also says which PATCH size the app gives the recorder.
let serverChunk: number;
{
  const { take } = await freshTake();
  if (typeof take.maxChunkBytes !== "number") throw new Error("the take start named no maxChunkBytes: is the app built from this checkout?");
  serverChunk = take.maxChunkBytes;
  await tusUpload(take, MiB, data.subarray(0, 4 * MiB));
  removeUpload(take.takeId);
  await rawPut();
}

type Series = { key: string; label: string; bytes: number };
const series: Series[] = [];
for (const c of CHUNK_SPECS) {
  const bytes = c === "server" ? serverChunk : Math.round(Number(c) * MiB);
  const mib = +(bytes / MiB).toFixed(2);
  const label = c === "server" ? `tus, ${mib} MiB PATCHes (the recorder's: the app's maxChunkBytes)` : `tus, ${mib} MiB PATCHes${mib === 2 ? " (the recorder's on Vercel)" : ""}`;
  if (!series.some((x) => x.bytes === bytes)) series.push({ key: c, label, bytes });
}

// Each tus upload is paired with a raw PUT made just before it: on a shared machine the load
// drifts within seconds, and a ratio of neighbours follows it better than a ratio of medians.
type Paired = TusRun & { rawMs: number; rawCpu: number | null; appCpu: number | null };
const viaTus = new Map<Series, Paired[]>(series.map((x) => [x, []]));
const raw: number[] = [];
let finaliseMs: number | null = null;
for (let run = 0; run < RUNS; run++) {
  for (const sr of series) {
    const [rawMs, rawCpu] = await cpuDelta(rawServer.pid, rawPut);
    raw.push(rawMs);
    const { c, take } = await freshTake();
    const [tusRun, appCpu] = await cpuDelta(app.pid, () => tusUpload(take, sr.bytes));
    const result = { ...tusRun, rawMs, rawCpu, appCpu };
    viaTus.get(sr)!.push(result);
    if (finaliseMs === null) {
      const t0 = performance.now();
      const res = await fetch(`${app.url}/i/${c.token}/takes/${take.takeId}/finalise`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: `${SESSION_COOKIE}=${c.secret}`, origin: app.url },
        body: JSON.stringify({ bytes: data.length, sha256: digest, durationSeconds: 300, mimeType: "video/webm;codecs=vp8,opus" }),
      });
      if (!res.ok) throw new Error(`finalise: ${res.status} ${await res.text()}`);
      finaliseMs = performance.now() - t0;
    } else removeUpload(take.takeId);
    console.log(
      `[bench] run ${run + 1}: ${sr.label}: ${(SIZE / MiB / (result.ms / 1000)).toFixed(1)} MiB/s; raw PUT just before ${(SIZE / MiB / (rawMs / 1000)).toFixed(1)} MiB/s; ratio ${(rawMs / result.ms).toFixed(2)}; server CPU tus ${appCpu ?? "?"} ms, raw ${rawCpu ?? "?"} ms`,
    );
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
const rows = series.map((sr) => {
  const runs = viaTus.get(sr)!;
  const ms = median(runs.map((r) => r.ms));
  const patches = runs.flatMap((r) => r.patchMs);
  return {
    sr,
    ms,
    range: runs.map((r) => mibps(r.ms)),
    ratio: rawMedian / ms,
    paired: median(runs.map((r) => r.rawMs / r.ms)),
    pairs: runs.map((r) => (r.rawMs / r.ms).toFixed(2)),
    patchP50: median(patches),
    patchP95: quantile(patches, 0.95),
    patches: patches.length / runs.length,
    appCpu: runs.every((r) => r.appCpu !== null) ? median(runs.map((r) => r.appCpu!)) : null,
    rawCpu: runs.every((r) => r.rawCpu !== null) ? median(runs.map((r) => r.rawCpu!)) : null,
  };
});
const recorder = rows.find((r) => r.sr.key === "server");
const date = new Date().toISOString().slice(0, 10);
const loadAfter = os.loadavg()[0]!.toFixed(1);
const verdict = recorder
  ? `At the recorder's PATCH size (${+(recorder.sr.bytes / MiB).toFixed(2)} MiB, what the app tells it): ratio **${recorder.paired.toFixed(2)}** (median of the paired runs; ${recorder.ratio.toFixed(2)} as a ratio of medians), goal ≥ 0.7 **${recorder.paired >= 0.7 ? "met" : "missed"}**` +
    (Number(loadBefore) > 2 || Number(loadAfter) > 2 ? " in this run, on a loaded machine where wall times swing 2-3x: confirm it on an idle one (the server CPU column moves far less)." : ".")
  : "The recorder's PATCH size (\`server\`) was not among --chunks: no verdict.";
const section = [
  `Machine: ${await machine()}. Date: ${date}.`,
  `Script: \`npx next build && npx tsx --import ./scripts/server-only.mjs bench/upload-throughput.ts\` (\`npm run bench:upload\`;`,
  `${RUNS} runs, each series' upload paired with a raw PUT just before it; the app is \`next start\` of the same checkout on database \`${opts.database}\`).`,
  `Machine load (1-minute average) before / after: **${loadBefore} / ${loadAfter}**${Number(loadBefore) > 2 || Number(loadAfter) > 2 ? " (a loaded machine: figures vary 2-3x from run to run)" : ""}.`,
  "",
  `**Method.** ${SIZE / MiB} MiB (a WebM header, then random bytes) from memory. **tus**: tus-js-client 4.3.1 in Node.js,`,
  "declared length, no retries, to `POST /api/uploads` then `PATCH /api/uploads/<take>` of the running app (upload grant,",
  "writer lease in PostgreSQL, @tus/server's FileStore on local disk), a fresh take per upload started with",
  "`POST /i/<token>/takes`; time from the creation request to the last PATCH's answer. " +
    (opts.stack === "one-write"
      ? "Each PATCH's body is written to the socket in one `req.end(body)`, as the raw PUT writes its own and a browser's XMLHttpRequest sends the recorder's (tus-js-client's Node.js stack writes 16 KiB at a time, awaiting `drain` after each: `--stack tus-js`)."
      : "tus-js-client's own Node.js HTTP stack (16 KiB writes, each awaiting `drain`; the raw PUT writes its body at once)."),
  "**Raw PUT**: one `PUT` of the same bytes (Node's `http.request`, `req.end(data)`) to a minimal Node server in its own process",
  "that pipes the body to a file. Both over loopback; the client runs in the script's process, each server in its own.",
  "*Paired ratio*: for each tus upload, the raw PUT made just before it divided by it; the median of those.",
  "",
  "*Server CPU*: user + system time the server process used during the upload (/proc, 10 ms ticks; medians), the raw server's during its paired PUT:",
  "the work each side does for the same bytes, which the load changes far less than the wall time.",
  "",
  "| upload | MiB/s (median) | runs | ratio of medians | paired ratio (runs) | PATCHes | PATCH p50 / p95 | server CPU: tus / raw |",
  "|---|---:|---|---:|---:|---:|---:|---:|",
  `| raw HTTP PUT | ${mibps(rawMedian).toFixed(1)} | ${raw.map((ms) => mibps(ms).toFixed(0)).join(", ")} | 1 | — | — | — | — |`,
  ...rows.map(
    (r) =>
      `| ${r.sr.label} | ${mibps(r.ms).toFixed(1)} | ${r.range.map((x) => x.toFixed(0)).join(", ")} | ${r.ratio.toFixed(2)} | **${r.paired.toFixed(2)}** (${r.pairs.join(", ")}) | ${r.patches} | ${r.patchP50.toFixed(1)} / ${r.patchP95.toFixed(1)} ms | ${r.appCpu === null ? "—" : `${r.appCpu.toFixed(0)} / ${r.rawCpu?.toFixed(0) ?? "—"} ms`} |`,
  ),
  "",
  verdict,
  "While recording, each PATCH carries what the 1 s MediaRecorder timeslice produced (~320 KiB); the PATCH size above bounds a",
  "backlog (after an outage or a reload). The app's size: `UPLOAD_CHUNK_MIB`, else 2 MiB on Vercel, 32 MiB elsewhere (lib/server/uploads/upload-chunk-size.ts).",
  ``,
  `A 1-byte PATCH (the fixed cost of one chunk: \`route()\`, the grant check, the writer lease (a read, a write every 5 s),`,
  `tus's lock (in memory with the disk store) and the offset read) takes p50 ${median(tiny).toFixed(2)} ms / p95 ${quantile(tiny, 0.95).toFixed(2)} ms (200 in a row).`,
  finaliseMs === null ? "" : `Finalising the ${SIZE / MiB} MiB take over HTTP (the server hashes the stored file, compares, moves it into media storage and commits the rows and events): ${(finaliseMs / 1000).toFixed(2)} s.`,
].join("\n");
console.log(`\n${section}`);
if (!opts["no-docs"]) await writeSection("upload-throughput.ts", "## Candidate recording (issue 10)", section);

rawServer.kill("SIGTERM");
rmSync(rawDir, { recursive: true, force: true });
await app.stop();
await closeDb();
process.exit(0);
