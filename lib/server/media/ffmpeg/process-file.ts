import "server-only";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { flagsFor, type FlagReport, type MediaStats, StatsCollector } from "./analysis";
import { planProcessing, processArgs, processingTimeoutMs, thumbnailArgs, thumbnailTime, type ProcessingPlan } from "./args";
import { probeFile, type MediaProbe } from "./probe";
import { type FfmpegBinaries, lastLine, ProcessFailure, runProcess } from "./run";

// One answer's processing on local files: probe, one ffmpeg pass, probe the result (its
// duration is what was really decoded, whatever the upload's header claimed), poster. Storage
// transfer and bookkeeping are the caller's; this only decides and runs.

/** The upload cannot become an answer HR can watch: a permanent failure, never retried. */
export class UnusableMedia extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "UnusableMedia";
  }
}

export type ProcessedFile = {
  plan: Extract<ProcessingPlan, { kind: "process" }>;
  input: MediaProbe;
  output: MediaProbe;
  durationSeconds: number;
  mp4: { path: string; size: number };
  speech: { path: string; size: number } | null;
  thumbnail: { path: string; size: number } | null;
  strip: { path: string; size: number } | null;
  stats: MediaStats;
  flags: FlagReport[];
  elapsedMs: number;
};

/** What ffmpeg says when the input itself is broken (not the machine). */
const INPUT_ERRORS = [
  /Invalid data found when processing input/i,
  /moov atom not found/i,
  /EBML header parsing failed/i,
  /does not contain any stream/i,
  /Output file #0 does not contain any stream/i,
  /could not find codec parameters/i,
  /Error while decoding stream/i,
  /Decoder \(codec [^)]*\) not found/i,
];

export function isInputError(failure: ProcessFailure): boolean {
  if (failure.detail.timedOut || failure.detail.aborted || failure.detail.spawnError) return false;
  if (/No space left on device|Cannot allocate memory/i.test(failure.detail.stderrTail)) return false;
  return INPUT_ERRORS.some((re) => re.test(failure.detail.stderrTail));
}

async function sizeOf(path: string): Promise<number | null> {
  return stat(path).then((s) => (s.size > 0 ? s.size : null), () => null);
}

export async function processFile(options: {
  bin: FfmpegBinaries;
  input: string;
  workDir: string;
  /** The question's answer limit: bounds how long ffmpeg may run. */
  answerLimitSeconds: number;
  signal?: AbortSignal;
  onProgress?: (seconds: number) => void;
}): Promise<ProcessedFile> {
  const started = performance.now();
  const { bin, input, workDir, signal } = options;
  const inputSize = await sizeOf(input);
  if (inputSize === null) throw new UnusableMedia("The uploaded file is empty.");

  let probe: MediaProbe;
  try {
    probe = await probeFile(bin.ffprobe, input, { signal });
  } catch (err) {
    // ffprobe's answer too large to be a recording's (thousands of streams): the file, not the machine.
    if (err instanceof ProcessFailure && err.detail.overflow) throw new UnusableMedia("The file describes far more streams than a recording has; it was not processed.");
    if (err instanceof ProcessFailure && !err.detail.timedOut && !err.detail.aborted && !err.detail.spawnError && err.detail.exitCode !== null) {
      throw new UnusableMedia(`The file could not be read as a recording (${lastLine(err.detail.stderrTail)}).`);
    }
    throw err;
  }
  const plan = planProcessing(probe);
  if (plan.kind === "unusable") throw new UnusableMedia(plan.reason);

  const out = { mp4: join(workDir, "answer.mp4"), speech: join(workDir, "speech.flac"), strip: join(workDir, "strip.jpg") };
  const collector = new StatsCollector();
  try {
    await runProcess(bin.ffmpeg, processArgs(input, out, plan), {
      timeoutMs: processingTimeoutMs(probe.durationSeconds, options.answerLimitSeconds),
      signal,
      onStderrLine: (line) => collector.line(line),
      onStdoutLine: (line) => {
        const m = /^out_time_us=(\d+)/.exec(line);
        if (m && options.onProgress) options.onProgress(Number(m[1]) / 1e6);
      },
    });
  } catch (err) {
    if (err instanceof ProcessFailure && isInputError(err)) {
      throw new UnusableMedia(`The recording is damaged and could not be converted (${lastLine(err.detail.stderrTail)}).`);
    }
    if (err instanceof ProcessFailure && err.detail.timedOut) {
      throw new UnusableMedia("Converting the recording took far longer than its length allows; it was stopped.");
    }
    throw err;
  }

  const mp4Size = await sizeOf(out.mp4);
  if (mp4Size === null) throw new UnusableMedia("The recording holds no frames or sound that could be converted.");
  const output = await probeFile(bin.ffprobe, out.mp4, { signal });
  const durationSeconds = output.durationSeconds ?? 0;
  if (durationSeconds <= 0) throw new UnusableMedia("The recording is empty: it holds no playable frames or sound.");

  const stats = collector.result(durationSeconds);
  const flags = flagsFor({ hasVideo: output.video !== null, hasAudio: output.audio !== null, durationSeconds, stats });

  let thumbnail: ProcessedFile["thumbnail"] = null;
  if (output.video) {
    const path = join(workDir, "thumbnail.jpg");
    // The poster is a nicety: an answer without one still plays.
    const made = await runProcess(bin.ffmpeg, thumbnailArgs(out.mp4, path, thumbnailTime(durationSeconds, stats.blacks), output.video.width), {
      timeoutMs: 60_000,
      signal,
    }).then(
      () => true,
      (err: unknown) => {
        if (err instanceof ProcessFailure && err.detail.aborted) throw err;
        return false;
      },
    );
    const size = made ? await sizeOf(path) : null;
    thumbnail = size === null ? null : { path, size };
  }
  const speechSize = plan.audio === "none" ? null : await sizeOf(out.speech);
  const stripSize = await sizeOf(out.strip);
  return {
    plan,
    input: probe,
    output,
    durationSeconds,
    mp4: { path: out.mp4, size: mp4Size },
    speech: speechSize === null ? null : { path: out.speech, size: speechSize },
    thumbnail,
    strip: stripSize === null ? null : { path: out.strip, size: stripSize },
    stats,
    flags,
    elapsedMs: performance.now() - started,
  };
}
