import "server-only";
import { type ChildProcess, spawn } from "node:child_process";
import { getPriority, setPriority } from "node:os";
import { basename, dirname, join } from "node:path";

// ffmpeg and ffprobe are spawned directly with an argument array: no shell, so nothing in a file
// name or a probe result can become a command. The wrapper keeps only the tail of stderr (a
// 10-minute transcode logs megabytes) and kills the process on timeout, abort or this process's exit.

/** Last bytes of stderr kept for the error message and the log. */
const STDERR_TAIL_BYTES = 16 * 1024;

// Children still running when this process exits (a worker stopped after its grace period)
// would go on encoding for nobody: they are killed with it.
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export type FfmpegBinaries = { ffmpeg: string; ffprobe: string };

/**
 * The binaries from FFMPEG_PATH (default `ffmpeg` on PATH). ffprobe is the sibling of a path
 * (`/opt/ff/bin/ffmpeg` → `/opt/ff/bin/ffprobe`), or `ffprobe` on PATH for a bare name.
 */
export function ffmpegBinaries(ffmpegPath: string, ffprobePath?: string): FfmpegBinaries {
  if (ffprobePath) return { ffmpeg: ffmpegPath, ffprobe: ffprobePath };
  const name = basename(ffmpegPath);
  const probeName = name.replace(/ffmpeg/i, "ffprobe");
  const probe = probeName === name ? "ffprobe" : probeName;
  const dir = dirname(ffmpegPath);
  return { ffmpeg: ffmpegPath, ffprobe: ffmpegPath.includes("/") ? join(dir, probe) : probe };
}

/**
 * ffmpeg and ffprobe run at a lower CPU priority (nice 10): where a worker shares the machine
 * with the web server (or runs in it, the default), page requests are served first and the
 * encode takes the idle CPU. On a dedicated worker host it changes nothing.
 */
export const MEDIA_NICENESS = 10;

function lowerPriority(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    // Never raise it: under a process already nicer than 10, ffmpeg keeps that.
    setPriority(child.pid, Math.max(getPriority(child.pid), MEDIA_NICENESS));
  } catch {
    // Not allowed here (some containers): ffmpeg runs at normal priority.
  }
}

export type RunResult = { stdout: string; stderrTail: string; elapsedMs: number };

export class ProcessFailure extends Error {
  constructor(
    message: string,
    readonly detail: {
      command: string;
      exitCode: number | null;
      signal: NodeJS.Signals | null;
      timedOut: boolean;
      aborted: boolean;
      /** Its stdout went past maxStdoutBytes and it was stopped. */
      overflow: boolean;
      stderrTail: string;
      spawnError?: NodeJS.ErrnoException;
    },
  ) {
    super(message);
    this.name = "ProcessFailure";
  }
}

export type RunOptions = {
  /** Killed (SIGKILL) after this long. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Largest stdout kept (ffprobe's JSON); more fails the run rather than growing memory. */
  maxStdoutBytes?: number;
  /** Each complete stdout line, as it comes (ffmpeg's `-progress pipe:1`). */
  onStdoutLine?: (line: string) => void;
  /** Each complete stderr line (filters such as silencedetect report there, too many to keep). */
  onStderrLine?: (line: string) => void;
};

/** Runs a binary to completion; rejects with ProcessFailure on a non-zero exit, a timeout or an abort. */
export function runProcess(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const maxStdout = options.maxStdoutBytes ?? 4 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(failure(command, "aborted before it started", { aborted: true }));
      return;
    }
    // Not detached: a signal to this process's group (Ctrl-C, systemd's stop) reaches ffmpeg too.
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    running.add(child);
    lowerPriority(child);
    let stdout = "";
    let stdoutBytes = 0;
    let lineBuffer = "";
    let stderr = "";
    let timedOut = false;
    let aborted = false;
    let overflow = false;
    let settled = false;

    const kill = () => {
      if (child.pid !== undefined && child.exitCode === null) child.kill("SIGKILL");
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs);
    const onAbort = () => {
      aborted = true;
      kill();
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });

    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (text: string) => {
      stdoutBytes += Buffer.byteLength(text);
      if (stdoutBytes > maxStdout) {
        overflow = true;
        kill();
        return;
      }
      if (options.onStdoutLine) {
        lineBuffer += text;
        let nl: number;
        while ((nl = lineBuffer.indexOf("\n")) >= 0) {
          options.onStdoutLine(lineBuffer.slice(0, nl));
          lineBuffer = lineBuffer.slice(nl + 1);
        }
      } else {
        stdout += text;
      }
    });
    child.stderr.setEncoding("utf8");
    let errBuffer = "";
    child.stderr.on("data", (text: string) => {
      if (options.onStderrLine) {
        errBuffer += text;
        let nl: number;
        while ((nl = errBuffer.search(/[\r\n]/)) >= 0) {
          options.onStderrLine(errBuffer.slice(0, nl));
          errBuffer = errBuffer.slice(nl + 1);
        }
      }
      stderr += text;
      if (stderr.length > STDERR_TAIL_BYTES * 2) stderr = stderr.slice(-STDERR_TAIL_BYTES);
    });

    const finish = (err: ProcessFailure | null) => {
      if (settled) return;
      settled = true;
      running.delete(child);
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      if (err) reject(err);
      else resolve({ stdout, stderrTail: stderr.slice(-STDERR_TAIL_BYTES), elapsedMs: performance.now() - started });
    };

    child.on("error", (error: NodeJS.ErrnoException) => {
      const message =
        error.code === "ENOENT" ? `${command} was not found (install ffmpeg or set FFMPEG_PATH)` : `${command} could not start: ${error.message}`;
      finish(failure(command, message, { spawnError: error }));
    });
    child.on("close", (exitCode, signal) => {
      if (errBuffer && options.onStderrLine) options.onStderrLine(errBuffer);
      const tail = stderr.slice(-STDERR_TAIL_BYTES);
      if (timedOut) finish(failure(command, `${basename(command)} ran past its ${Math.round(options.timeoutMs / 1000)} s limit and was stopped`, { timedOut, exitCode, signal, stderrTail: tail }));
      else if (aborted) finish(failure(command, `${basename(command)} was stopped`, { aborted, exitCode, signal, stderrTail: tail }));
      else if (overflow) finish(failure(command, `${basename(command)} wrote more output than expected`, { overflow, exitCode, signal, stderrTail: tail }));
      else if (exitCode !== 0) finish(failure(command, `${basename(command)} exited with ${exitCode ?? signal}: ${lastLine(tail)}`, { exitCode, signal, stderrTail: tail }));
      else finish(null);
    });
  });
}

function failure(command: string, message: string, detail: Partial<ProcessFailure["detail"]>): ProcessFailure {
  return new ProcessFailure(message, {
    command,
    exitCode: null,
    signal: null,
    timedOut: false,
    aborted: false,
    overflow: false,
    stderrTail: "",
    ...detail,
  });
}

/**
 * A local file as an ffmpeg input or output: an absolute path behind the `file:` protocol, so
 * that no name is read as an option or as another protocol (`-`, `pipe:`, `http:`).
 */
export function localInput(path: string): string {
  if (!path.startsWith("/")) throw new Error(`ffmpeg paths must be absolute: ${path}`);
  return `file:${path}`;
}

/** The last non-empty line of a log: usually ffmpeg's reason. */
export function lastLine(text: string): string {
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  return lines.at(-1) ?? "no output";
}
