// Real ffmpeg on media that ffmpeg itself generates (lavfi sources): every kind of upload a
// candidate's browser, or someone else, can send ends processed with its flags, or refused with
// a reason a person can read.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processFile, UnusableMedia } from "./process-file";
import { probeFile } from "./probe";
import { ffmpegBinaries, ProcessFailure } from "./run";
import { sweepWorkDirs, withWorkDir } from "./work-dir";

const bin = ffmpegBinaries(process.env.FFMPEG_PATH ?? "ffmpeg");
let dir: string;
let workRoot: string;

/** Generates a clip with ffmpeg: `inputs` are lavfi sources, `codec` the output arguments. */
function make(name: string, inputs: string[], codec: string[], seconds = 3): string {
  const path = join(dir, name);
  const args = ["-hide_banner", "-loglevel", "error", "-y"];
  for (const src of inputs) args.push("-f", "lavfi", "-t", String(seconds), "-i", src);
  execFileSync(bin.ffmpeg, [...args, ...codec, path]);
  return path;
}
const vp8opus = ["-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "500k", "-c:a", "libopus"];
const tone = "sine=frequency=440:sample_rate=48000";

/** Top-level MP4 boxes in order: `moov` must come before `mdat` for progressive playback. */
function topLevelBoxes(path: string): string[] {
  const buf = readFileSync(path);
  const boxes: string[] = [];
  let at = 0;
  while (at + 8 <= buf.length) {
    let size = buf.readUInt32BE(at);
    const type = buf.toString("latin1", at + 4, at + 8);
    if (size === 1) size = Number(buf.readBigUInt64BE(at + 8));
    boxes.push(type);
    if (size < 8) break;
    at += size;
  }
  return boxes;
}

async function run(input: string, extra: Partial<Parameters<typeof processFile>[0]> = {}) {
  return withWorkDir(async (workDir) => {
    const result = await processFile({ bin, input, workDir, answerLimitSeconds: 120, ...extra });
    // Read what the test checks before the directory goes.
    return {
      ...result,
      mp4Boxes: topLevelBoxes(result.mp4.path),
      mp4Probe: await probeFile(bin.ffprobe, result.mp4.path),
      speechProbe: result.speech ? await probeFile(bin.ffprobe, result.speech.path) : null,
      thumbProbe: result.thumbnail ? await probeFile(bin.ffprobe, result.thumbnail.path) : null,
    };
  }, workRoot);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ffmpeg-test-"));
  workRoot = join(dir, "work");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("processFile on real ffmpeg", () => {
  it("turns a VP8/Opus WebM into a faststart H.264/AAC MP4 with speech track, poster and strip", async () => {
    // 4:3 at 960 lines: scaled to 720 on the short side.
    const input = make("answer.webm", ["testsrc2=size=1280x960:rate=10", tone], vp8opus, 2);
    const r = await run(input);
    expect(r.plan).toMatchObject({ video: "encode", audio: "encode", size: { width: 960, height: 720 } });
    expect(r.mp4Probe.video).toMatchObject({ codec: "h264", width: 960, height: 720, pixFmt: "yuv420p" });
    expect(r.mp4Probe.audio).toMatchObject({ codec: "aac", channels: 1 });
    expect(r.mp4Boxes.indexOf("moov")).toBeGreaterThanOrEqual(0);
    expect(r.mp4Boxes.indexOf("moov")).toBeLessThan(r.mp4Boxes.indexOf("mdat"));
    expect(r.durationSeconds).toBeGreaterThan(1.8);
    expect(r.durationSeconds).toBeLessThan(2.3);
    expect(r.speechProbe?.audio).toEqual({ codec: "flac", sampleRate: 16000, channels: 1 });
    expect(r.thumbProbe?.video).toMatchObject({ codec: "mjpeg", width: 480, height: 360 });
    expect(r.strip?.size).toBeGreaterThan(0);
    expect(r.flags).toEqual([]);
    expect(r.stats.maxVolumeDb).toBeGreaterThan(-30);
    expect(readdirSync(workRoot)).toEqual([]); // the job's directory is gone
  });

  it("only remuxes an H.264/AAC MP4 that is within the limits", async () => {
    const input = make("phone.mp4", ["testsrc2=size=640x480:rate=30", tone], ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"]);
    const r = await run(input);
    expect(r.plan).toMatchObject({ video: "copy", audio: "copy" });
    expect(r.mp4Probe.video).toMatchObject({ codec: "h264", width: 640, height: 480 });
    expect(r.mp4Boxes.indexOf("moov")).toBeLessThan(r.mp4Boxes.indexOf("mdat"));
  });

  it("flags a silent answer and a covered camera, and picks the poster after the black start", async () => {
    const silent = await run(make("silent.webm", ["testsrc2=size=320x240:rate=15", "anullsrc=r=48000:cl=mono"], vp8opus));
    expect(silent.flags.map((f) => f.flag)).toEqual(["silent"]);
    expect(silent.flags[0]!.reason).toMatch(/silent/);

    const black = await run(make("black.webm", ["color=c=black:size=320x240:rate=15", tone], vp8opus, 4));
    expect(black.flags.map((f) => f.flag)).toEqual(["blank_video"]);
    expect(black.flags[0]!.reason).toMatch(/camera was covered/);
  });

  it("keeps a video without sound (flag no_audio) and sound without video (flag no_video, no poster)", async () => {
    const mute = await run(make("mute.webm", ["testsrc2=size=320x240:rate=30"], ["-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8"]));
    expect(mute.flags.map((f) => f.flag)).toEqual(["no_audio"]);
    expect(mute.speech).toBeNull();
    expect(mute.mp4Probe.audio).toBeNull();

    const voice = await run(make("voice.webm", [tone], ["-c:a", "libopus"]));
    expect(voice.flags.map((f) => f.flag)).toEqual(["no_video"]);
    expect(voice.thumbnail).toBeNull();
    expect(voice.mp4Probe).toMatchObject({ video: null, audio: { codec: "aac" } });
    expect(voice.speechProbe?.audio?.sampleRate).toBe(16000);
  });

  it("processes a 1-pixel video into a valid (2×2) MP4", async () => {
    const input = make("pixel.mkv", ["testsrc=size=2x2:rate=10", tone], ["-vf", "scale=1:1", "-c:v", "ffv1", "-c:a", "libopus"], 2);
    expect((await probeFile(bin.ffprobe, input)).video).toMatchObject({ width: 1, height: 1 });
    const r = await run(input);
    expect(r.mp4Probe.video).toMatchObject({ codec: "h264", width: 2, height: 2 });
  });

  it("believes the frames, not a container that claims a longer duration", async () => {
    const input = make("truncated.webm", ["testsrc2=size=320x240:rate=30", tone], vp8opus, 6);
    truncateSync(input, Math.floor(statSync(input).size / 2));
    const declared = (await probeFile(bin.ffprobe, input)).durationSeconds;
    const r = await run(input);
    expect(declared).toBeGreaterThan(5.5);
    expect(r.durationSeconds).toBeLessThan(4.5);
    expect(r.durationSeconds).toBeGreaterThan(1);
  });

  it("refuses what is not a recording, with a reason, and leaves no temporary file", async () => {
    const junk = join(dir, "renamed.webm");
    writeFileSync(junk, randomBytes(64 * 1024));
    await expect(run(junk)).rejects.toThrow(UnusableMedia);
    await expect(run(junk)).rejects.toThrow(/could not be read as a recording/);

    const empty = join(dir, "empty.webm");
    writeFileSync(empty, "");
    await expect(run(empty)).rejects.toThrow(/empty/);

    const text = join(dir, "notes.webm");
    writeFileSync(text, "These are not the droids you are looking for.\n".repeat(100));
    await expect(run(text)).rejects.toThrow(UnusableMedia);
    expect(readdirSync(workRoot)).toEqual([]);
  });

  it("kills ffmpeg on abort (a transient failure, retried by the caller) and cleans up", async () => {
    // MPEG-4 Part 2 is quick to make; 30 s of it takes ffmpeg long enough to be stopped midway.
    const input = make("long.mkv", ["testsrc2=size=640x480:rate=30", tone], ["-c:v", "mpeg4", "-q:v", "5", "-c:a", "aac"], 20);
    const controller = new AbortController();
    const pending = run(input, { signal: controller.signal, onProgress: () => controller.abort() });
    const err = await pending.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProcessFailure);
    expect((err as ProcessFailure).detail.aborted).toBe(true);
    expect(err).not.toBeInstanceOf(UnusableMedia);
    expect(readdirSync(workRoot)).toEqual([]);
  });
});

describe("runProcess", () => {
  it("kills a process that runs past its time limit", async () => {
    const { runProcess } = await import("./run");
    const err = await runProcess("sleep", ["5"], { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProcessFailure);
    expect((err as ProcessFailure).detail.timedOut).toBe(true);
    expect((err as Error).message).toMatch(/ran past its 0 s limit|ran past its/);
  });
  it("runs the media tools at a lower CPU priority than the app (nice 10 or more)", async () => {
    const { runProcess, MEDIA_NICENESS } = await import("./run");
    // Field 19 of /proc/self/stat is the process's nice value.
    const { stdout } = await runProcess("sh", ["-c", "sleep 0.2; cut -d' ' -f19 /proc/self/stat"], { timeoutMs: 5000 });
    expect(Number(stdout.trim())).toBeGreaterThanOrEqual(MEDIA_NICENESS);
  });

  it("says ffmpeg is missing rather than failing obscurely", async () => {
    const { runProcess } = await import("./run");
    await expect(runProcess("/nonexistent/ffmpeg", [], { timeoutMs: 1000 })).rejects.toThrow(/was not found \(install ffmpeg or set FFMPEG_PATH\)/);
  });
});

describe("sweepWorkDirs", () => {
  it("removes the directories of dead processes and keeps live ones", async () => {
    const root = join(dir, "sweep");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(root, "999999999-abc"), { recursive: true });
    writeFileSync(join(root, "999999999-abc", "answer.mp4"), "x");
    mkdirSync(join(root, `${process.pid}-live`), { recursive: true });
    expect(await sweepWorkDirs(root)).toBe(1);
    expect(readdirSync(root)).toEqual([`${process.pid}-live`]);
  });
});
