// The media pipeline (issue 11) against the bare ffmpeg command it runs, in one run, on the
// same file: the whole processing step of process-media (runProcessing: the original streamed
// out of storage, ffprobe, the one ffmpeg pass, the probe of the result, the poster, the
// outputs streamed back into storage) vs `ffmpeg` with exactly the same arguments. Goal: ratio
// ≤ 1.15 and a transcode ≥ 5× real time on this machine. Also the quality (SSIM of the MP4
// against its source) and the peak memory (RSS) of the worker and of ffmpeg on a long answer.
//
//   npm run bench:media -- [--seconds 60] [--runs 3] [--long-minutes 10] [--no-docs]
//
// Inputs are made by ffmpeg (lavfi test pattern with camera-like noise, a tone) and cached in
// .data/bench-media. Storage is the local-disk adapter in a temporary directory.
import { execFileSync, spawnSync } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { median, root, writeSection } from "./candidate-app";

const { values: opts } = parseArgs({
  options: {
    seconds: { type: "string", default: "60" },
    runs: { type: "string", default: "3" },
    "long-minutes": { type: "string", default: "10" },
    "skip-long": { type: "boolean", default: false },
    "no-docs": { type: "boolean", default: false },
  },
});
const SECONDS = Number(opts.seconds);
const RUNS = Number(opts.runs);
const LONG_MINUTES = Number(opts["long-minutes"]);

const work = mkdtempSync(path.join(os.tmpdir(), "bench-media-"));
process.env.DATA_DIR = path.join(work, "data");
process.env.MEDIA_WORK_DIR = path.join(work, "jobs");
delete process.env.DATABASE_URL;

const { createStorage } = await import("@/lib/adapters/storage");
const { env } = await import("@/lib/env");
const { runProcessing } = await import("@/lib/server/media/process-media");
const { planProcessing, processArgs, ENCODE } = await import("@/lib/server/media/ffmpeg/args");
const { probeFile } = await import("@/lib/server/media/ffmpeg/probe");
const { ffmpegBinaries, runProcess } = await import("@/lib/server/media/ffmpeg/run");

const bin = ffmpegBinaries(env.FFMPEG_PATH);
const storage = createStorage({ ...env, DATA_DIR: process.env.DATA_DIR! } as Parameters<typeof createStorage>[0]);
const cache = path.join(root, ".data/bench-media");
mkdirSync(cache, { recursive: true });

function make(name: string, size: string, seconds: number, codec: string[]): string {
  const file = path.join(cache, name);
  if (existsSync(file)) return file;
  console.log(`[bench] making ${name} (${seconds} s ${size}) ...`);
  const t = performance.now();
  execFileSync(bin.ffmpeg, [
    "-hide_banner", "-loglevel", "error", "-y",
    "-f", "lavfi", "-t", String(seconds), "-i", `testsrc2=size=${size}:rate=30,noise=alls=3:allf=t`,
    "-f", "lavfi", "-t", String(seconds), "-i", "sine=frequency=220:sample_rate=48000,volume=0.5",
    ...codec, `${file}.part.${path.extname(file).slice(1)}`,
  ]);
  execFileSync("mv", [`${file}.part.${path.extname(file).slice(1)}`, file]);
  console.log(`[bench] ... ${((performance.now() - t) / 1000).toFixed(0)} s`);
  return file;
}

/** Peak RSS of this process and of its ffmpeg children, sampled from /proc every 50 ms. */
function rssSampler() {
  let self = 0;
  let child = 0;
  const read = (pid: number | string) => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      return m ? Number(m[1]) * 1024 : 0;
    } catch {
      return 0;
    }
  };
  const children = () =>
    readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .filter((d) => {
        try {
          return readFileSync(`/proc/${d}/stat`, "utf8").split(") ")[1]!.split(" ")[1] === String(process.pid);
        } catch {
          return false;
        }
      });
  const timer = setInterval(() => {
    self = Math.max(self, read(process.pid));
    let sum = 0;
    for (const c of children()) sum += read(c);
    child = Math.max(child, sum);
  }, 50);
  return { stop: () => (clearInterval(timer), { self, child }) };
}

async function pipelineOnce(input: string, answerLimitSeconds: number) {
  const fileId = crypto.randomUUID();
  const key = `responses/bench/${fileId}.webm`;
  await storage.put("media", key, createReadStream(input));
  const job = { state: "process" as const, fileId, userId: fileId, bucket: "media", path: key, originalSize: statSync(input).size, answerLimitSeconds };
  const t = performance.now();
  const outcome = await runProcessing(job, { storage });
  const ms = performance.now() - t;
  if (outcome.outcome !== "processed") throw new Error(`pipeline failed: ${outcome.reason}`);
  return { ms, outcome };
}

async function bareOnce(input: string) {
  const probe = await probeFile(bin.ffprobe, input);
  const plan = planProcessing(probe);
  if (plan.kind !== "process") throw new Error("unusable input");
  const dir = mkdtempSync(path.join(work, "bare-"));
  const args = processArgs(input, { mp4: path.join(dir, "answer.mp4"), speech: path.join(dir, "speech.flac"), strip: path.join(dir, "strip.jpg") }, plan);
  const t = performance.now();
  await runProcess(bin.ffmpeg, args, { timeoutMs: 3_600_000 });
  const ms = performance.now() - t;
  return { ms, dir, args };
}

const load = () => os.loadavg()[0]!.toFixed(1);
const loadBefore = load();
const input = make(`answer-${SECONDS}s-720p.webm`, "1280x720", SECONDS, ["-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "2500k", "-c:a", "libopus", "-b:a", "96k"]);

const bare: number[] = [];
const pipe: number[] = [];
let last: Awaited<ReturnType<typeof pipelineOnce>>["outcome"] | null = null;
let bareDir = "";
for (let r = 0; r < RUNS; r++) {
  const b = await bareOnce(input);
  bare.push(b.ms);
  bareDir = b.dir;
  const p = await pipelineOnce(input, 600);
  pipe.push(p.ms);
  last = p.outcome;
  console.log(`[bench] run ${r + 1}: bare ffmpeg ${(b.ms / 1000).toFixed(2)} s, pipeline ${(p.ms / 1000).toFixed(2)} s`);
}
const ratio = median(pipe) / median(bare);
const speedBare = SECONDS / (median(bare) / 1000);
const speedPipe = SECONDS / (median(pipe) / 1000);

// Quality of the MP4 the bare run wrote (the same bytes the pipeline stores).
const ssimText = (() => {
  const res = spawnSync(bin.ffmpeg, ["-hide_banner", "-nostats", "-i", path.join(bareDir, "answer.mp4"), "-i", input, "-lavfi", "[0:v][1:v]ssim", "-f", "null", "-"], { encoding: "utf8" });
  return /All:([0-9.]+)/.exec(res.stderr ?? "")?.[1] ?? "?";
})();
const mp4Size = statSync(path.join(bareDir, "answer.mp4")).size;
const inSize = statSync(input).size;

// Peak memory on a long 1080p answer (H.264 at 1080p: over the limits, so it is re-encoded).
let long = "";
if (!opts["skip-long"]) {
  const longInput = make(`answer-${LONG_MINUTES}min-1080p.mp4`, "1920x1080", LONG_MINUTES * 60, ["-c:v", "libx264", "-preset", "ultrafast", "-crf", "30", "-pix_fmt", "yuv420p", "-c:a", "aac"]);
  const sampler = rssSampler();
  const p = await pipelineOnce(longInput, LONG_MINUTES * 60);
  const peak = sampler.stop();
  const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
  long =
    `| ${LONG_MINUTES}-minute 1080p H.264/AAC (${(statSync(longInput).size / 1e6).toFixed(0)} MB), re-encoded to 720p | ${(p.ms / 1000).toFixed(1)} s (${((LONG_MINUTES * 60) / (p.ms / 1000)).toFixed(1)}× real time) | ` +
    `${mb(peak.self)} MB | ${mb(peak.child)} MB | **${mb(peak.self + peak.child)} MB** |`;
}

const cpu = readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.+)/)?.[1] ?? "?";
const ffv = execFileSync(bin.ffmpeg, ["-version"], { encoding: "utf8" }).split("\n")[0]!.split(" ").slice(0, 3).join(" ");
let commit = "?";
try {
  commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
} catch {
  // not a git checkout
}
const s = (ms: number) => (ms / 1000).toFixed(2);
const section = `Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node.js ${process.version}, ${ffv} (Debian); commit ${commit}. Date: ${new Date().toISOString().slice(0, 10)}.
Script: \`npx tsx --import ./scripts/server-only.mjs bench/media-pipeline.ts\` (${RUNS} interleaved runs, medians). Machine load (1-minute average) before / after: ${loadBefore} / ${load()}.

**Input.** ${SECONDS} s of 1280×720 at 30 fps, VP8 2.5 Mbit/s + Opus 96 kbit/s in WebM (what Chrome's MediaRecorder makes), ${(inSize / 1e6).toFixed(1)} MB; a test pattern with camera-like noise (\`testsrc2\` + \`noise\`). **Settings** (lib/server/media/ffmpeg/args.ts): libx264 \`${ENCODE.preset}\` CRF ${ENCODE.crf}, max ${ENCODE.maxrateKbps} kbit/s, High, yuv420p, ≤ 1280×720, ≤ 30 fps, keyframe every ${ENCODE.keyframeSeconds} s, AAC mono ${ENCODE.audioKbps} kbit/s, \`+faststart\`; in the same pass the 16 kHz FLAC speech track (silencedetect, volumedetect), blackdetect at 2 fps and the 10-tile strip.

| run | time (median) | runs | speed |
|---|---:|---|---:|
| bare \`ffmpeg\` with the same arguments | ${s(median(bare))} s | ${bare.map(s).join(", ")} | ${speedBare.toFixed(1)}× real time |
| pipeline (runProcessing: storage → probe → ffmpeg → probe → poster → storage) | ${s(median(pipe))} s | ${pipe.map(s).join(", ")} | ${speedPipe.toFixed(1)}× real time |

Ratio pipeline / bare: **${ratio.toFixed(3)}** (goal ≤ 1.15, ${ratio <= 1.15 ? "met" : "missed"}); transcode speed **${speedBare.toFixed(1)}×** real time (goal ≥ 5×, ${speedBare >= 5 ? "met" : "missed"}).
Output: MP4 ${(mp4Size / 1e6).toFixed(2)} MB (${((mp4Size * 8) / SECONDS / 1000).toFixed(0)} kbit/s, ${((mp4Size / inSize) * 100).toFixed(0)} % of the upload), derived files in all ${((last?.processedSize ?? 0) / 1e6).toFixed(2)} MB; SSIM of the MP4 against its source: **${ssimText}** (1 = identical; above ~0.95 differences are hard to see).
${long ? `\n| peak memory | processing time | worker (Node.js) RSS | ffmpeg RSS | sum |\n|---|---:|---:|---:|---:|\n${long}\n\nGoal ≤ 300 MB for the worker: the Node.js process streams the file (it never holds it); ffmpeg's own memory is its decoder and x264's lookahead.` : ""}`;

console.log(section);
if (!opts["no-docs"]) await writeSection("media-pipeline.ts", "## Media pipeline (issue 11)", section);
rmSync(work, { recursive: true, force: true });
process.exit(0);
