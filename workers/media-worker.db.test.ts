// A media worker (`npm run worker` placed on process-media) killed with SIGKILL while ffmpeg
// runs: another worker redoes the job, and the answer ends processed exactly once: one
// media.processed, one media.deleted, the original gone, no work directory left behind.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect } from "vitest";
import { getStorage } from "@/lib/adapters/storage";
import { getDb, getDbHandle } from "@/lib/db/client";
import { RESPONSES_BUCKET } from "@/lib/server/candidates/finalise-take";
import { clip, submittedAnswer } from "@/lib/server/media/media.fixtures";
import { itOnPostgres } from "@/tests/postgres-only";
import { waitFor } from "@/tests/wait-for";

const root = path.resolve(import.meta.dirname, "..");
const dir = mkdtempSync(path.join(tmpdir(), "media-worker-"));
const workDir = path.join(dir, "jobs");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function startWorker() {
  const worker = spawn(process.execPath, ["scripts/worker.mjs"], {
    cwd: root,
    env: { ...process.env, EVENT_RUNNER_FUNCTIONS: "process-media", MEDIA_WORK_DIR: workDir },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: the worker's Node.js starts ffmpeg; a crash takes them all.
    detached: true,
  });
  let output = "";
  worker.stdout.on("data", (c: Buffer) => (output += c.toString()));
  worker.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-worker.pid!, signal);
    } catch {
      // already gone
    }
  };
  return { worker, exited, output: () => output, killGroup };
}

/** ffmpeg processes descending from `pid` (the worker's node → ffmpeg). */
function ffmpegDescendants(pid: number): number[] {
  const procs = readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, "utf8");
        const comm = /\(([^)]*)\)/.exec(stat)?.[1] ?? "";
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        return [{ pid: Number(d), ppid, comm }];
      } catch {
        return [];
      }
    });
  const parent = new Map(procs.map((p) => [p.pid, p.ppid]));
  const descends = (p: number) => {
    for (let at = parent.get(p); at !== undefined && at > 1; at = parent.get(at)) if (at === pid) return true;
    return false;
  };
  return procs.filter((p) => p.comm === "ffmpeg" && descends(p.pid)).map((p) => p.pid);
}

itOnPostgres("a worker killed mid-transcode: another one redoes the job, the answer is processed exactly once", async () => {
  // MPEG-4 Part 2 is quick to make; 40 s of it keeps ffmpeg busy long enough to be killed midway.
  const bytes = clip(dir, "long.mkv", ["testsrc2=size=640x480:rate=30", "sine=frequency=300:sample_rate=48000"], ["-c:v", "mpeg4", "-q:v", "5", "-c:a", "aac"], 40);
  const { mediaId, key } = await submittedAnswer(bytes);
  const db = await getDb();

  const first = startWorker();
  try {
    await waitFor(() => ffmpegDescendants(first.worker.pid!).length > 0, { what: "the first worker to start ffmpeg", timeoutMs: 60_000 }).catch(async (err: Error) => {
      const handle = await getDbHandle();
      const deliveries = await handle.query("SELECT function_id, status, attempts, last_error FROM deliveries d JOIN events e ON e.seq = d.event_seq WHERE e.event_type = 'candidate.response_submitted'");
      throw new Error(`${err.message}:\n${first.output()}\n${JSON.stringify(deliveries)}`);
    });
    expect((await db.mediaFile.findUniqueOrThrow({ where: { id: mediaId } })).status).toBe("processing");
    const encoders = ffmpegDescendants(first.worker.pid!);
    first.killGroup("SIGKILL");
    await first.exited;
    // The whole group died: the worker's Node.js process (whose id names its work directory) and ffmpeg.
    await waitFor(() => encoders.every((p) => !existsSync(`/proc/${p}`)), { what: "ffmpeg to die with its worker", timeoutMs: 5_000 });
  } finally {
    first.killGroup("SIGKILL");
  }
  const killedDirs = readdirSync(workDir);
  expect(killedDirs.length).toBe(1); // the killed job's directory, left behind
  // Time passes: the dead worker's lease on the delivery runs out (30 s in production).
  const handle = await getDbHandle();
  await handle.query("UPDATE deliveries SET lease_until = now() WHERE function_id = 'process-media' AND status = 'running'");

  const second = startWorker();
  try {
    await waitFor(async () => (await db.mediaFile.findUniqueOrThrow({ where: { id: mediaId } })).status === "ready", {
      what: "the second worker to finish the job",
      timeoutMs: 90_000,
    }).catch((err: Error) => {
      throw new Error(`${err.message}:\n${second.output()}`);
    });
    await waitFor(async () => (await db.event.count({ where: { eventType: "media.deleted", data: { path: ["fileId"], equals: mediaId } } })) === 1, {
      what: "media.deleted",
      timeoutMs: 20_000,
    });
  } finally {
    second.killGroup("SIGTERM");
    await second.exited;
  }
  expect(await db.event.count({ where: { eventType: "media.processed", data: { path: ["fileId"], equals: mediaId } } })).toBe(1);
  expect(await db.event.count({ where: { eventType: "media.deleted", data: { path: ["fileId"], equals: mediaId } } })).toBe(1);
  const file = await db.mediaFile.findUniqueOrThrow({ where: { id: mediaId } });
  expect(file.durationSeconds).toBeGreaterThan(39);
  expect(await getStorage().stat(RESPONSES_BUCKET, key)).toBeNull();
  expect((await getStorage().stat(RESPONSES_BUCKET, file.processedPath!))!.size).toBeGreaterThan(0);
  // The killed worker's directory was swept; the second worker's own jobs cleaned up after themselves.
  expect(readdirSync(workDir)).toEqual([]);
}, 180_000);
