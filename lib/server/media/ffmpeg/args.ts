import "server-only";
import type { MediaProbe } from "./probe";
import { localInput } from "./run";

// What to do with an uploaded answer, decided from its probe, and the ffmpeg arguments that do
// it. Pure functions: the plan and every argument list are unit-tested without running ffmpeg.
//
// Settings, and why (speech-and-face video watched in a browser, often on a phone):
// - H.264 High, yuv420p, in MP4 with `+faststart`: plays everywhere, and the index (moov) comes
//   first so playback and seeking start before the whole file arrives.
// - At most 1280×720 (720 on the short side for portrait phone recordings) and 30 fps: a face
//   gains nothing from more, and it bounds the encode time on a 2-core worker.
// - CRF 28 capped at 1.5 Mbit/s (VBV): a mostly static face needs far less than the recorder's
//   2.5 Mbit/s; the cap keeps a noisy webcam from bloating the file. `ultrafast` preset: the
//   speed goal (≥ 5× real time for the whole pass on 2 cores; `veryfast` made 2.6×, `superfast`
//   ~4.5× for the MP4 alone) at the price of a larger file for the same CRF, which the cap
//   bounds (bench/media-pipeline.ts reports the speed and SSIM).
// - A keyframe every 2 s: seeking in the review player lands close to where HR clicks.
// - AAC-LC mono 64 kbit/s at 48 kHz: clear speech; one voice needs no stereo.
// - Metadata stripped (`-map_metadata -1`): phones write location and device tags.
// - Already H.264 (+ AAC or no audio) within these limits: copied, not re-encoded (remux only).

export const VIDEO_LIMITS = { longSide: 1280, shortSide: 720, fps: 30 } as const;
export const ENCODE = { preset: "ultrafast", crf: 28, maxrateKbps: 1500, audioKbps: 64, keyframeSeconds: 2 } as const;
/** Thumbnail width (the review page's poster); strip tiles are smaller. */
export const THUMB_WIDTH = 480;
export const STRIP = { tiles: 10, tileWidth: 160 } as const;

export type StreamAction = "copy" | "encode" | "none";

export type ProcessingPlan =
  | { kind: "unusable"; reason: string }
  | {
      kind: "process";
      video: StreamAction;
      audio: StreamAction;
      /** Output frame size (display orientation), when the video is encoded. */
      size: { width: number; height: number } | null;
      /** The input's declared duration, used for the strip's frame rate; null when the container gives none. */
      declaredSeconds: number | null;
    };

/** Even, ≥ 2, scaled down (never up) to fit the limits, keeping the aspect ratio. */
export function targetSize(width: number, height: number): { width: number; height: number } {
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  const factor = Math.min(1, VIDEO_LIMITS.longSide / long, VIDEO_LIMITS.shortSide / short);
  const even = (n: number) => Math.max(2, Math.round((n * factor) / 2) * 2);
  return { width: even(width), height: even(height) };
}

function fitsLimits(video: NonNullable<MediaProbe["video"]>): boolean {
  const long = Math.max(video.width, video.height);
  const short = Math.min(video.width, video.height);
  return (
    long <= VIDEO_LIMITS.longSide &&
    short <= VIDEO_LIMITS.shortSide &&
    video.width % 2 === 0 &&
    video.height % 2 === 0 &&
    (video.fps === null || video.fps <= VIDEO_LIMITS.fps + 0.5)
  );
}

export function planProcessing(probe: MediaProbe): ProcessingPlan {
  const { video, audio } = probe;
  if (!video && !audio) {
    return { kind: "unusable", reason: "The file holds no video or audio that could be read: it is not a recording, or it is damaged." };
  }
  const copyVideo = video !== null && video.codec === "h264" && video.pixFmt === "yuv420p" && fitsLimits(video);
  const copyAudio = audio !== null && audio.codec === "aac";
  return {
    kind: "process",
    video: video === null ? "none" : copyVideo ? "copy" : "encode",
    audio: audio === null ? "none" : copyAudio ? "copy" : "encode",
    size: video && !copyVideo ? targetSize(video.width, video.height) : null,
    declaredSeconds: probe.durationSeconds,
  };
}

export type ProcessOutputs = {
  /** The MP4 HR plays. */
  mp4: string;
  /** 16 kHz mono FLAC for transcription; written when the input has audio. */
  speech: string;
  /** A strip of STRIP.tiles frames for scrubbing; written when the input has video and a duration. */
  strip: string;
};

/**
 * One ffmpeg run reads the upload once and writes everything: the MP4, the speech track (with
 * silence and volume measured on it) and the strip, and measures black frames. Progress goes to
 * stdout (`-progress pipe:1`), filter reports to stderr.
 */
export function processArgs(input: string, out: ProcessOutputs, plan: Extract<ProcessingPlan, { kind: "process" }>): string[] {
  const args = ["-hide_banner", "-nostdin", "-y", "-nostats", "-progress", "pipe:1", "-i", localInput(input)];

  // 1. The MP4.
  if (plan.video !== "none") args.push("-map", "0:v:0");
  if (plan.audio !== "none") args.push("-map", "0:a:0");
  if (plan.video === "copy") args.push("-c:v", "copy");
  if (plan.video === "encode") {
    const { width, height } = plan.size!;
    args.push(
      "-c:v", "libx264",
      "-preset", ENCODE.preset,
      "-crf", String(ENCODE.crf),
      "-maxrate", `${ENCODE.maxrateKbps}k`,
      "-bufsize", `${ENCODE.maxrateKbps * 2}k`,
      "-profile:v", "high",
      "-pix_fmt", "yuv420p",
      "-vf", `scale=${width}:${height}:flags=bicubic,setsar=1`,
      "-fpsmax", String(VIDEO_LIMITS.fps),
      "-force_key_frames", `expr:gte(t,n_forced*${ENCODE.keyframeSeconds})`,
    );
  }
  if (plan.audio === "copy") args.push("-c:a", "copy");
  if (plan.audio === "encode") args.push("-c:a", "aac", "-b:a", `${ENCODE.audioKbps}k`, "-ac", "1", "-ar", "48000");
  args.push("-map_metadata", "-1", "-movflags", "+faststart", "-f", "mp4", localInput(out.mp4));

  // 2. Speech for transcription; silencedetect and volumedetect report on stderr.
  if (plan.audio !== "none") {
    args.push(
      "-map", "0:a:0",
      "-af", "aformat=sample_rates=16000:channel_layouts=mono,silencedetect=noise=-50dB:d=2,volumedetect",
      "-c:a", "flac",
      "-map_metadata", "-1",
      "-f", "flac", localInput(out.speech),
    );
  }

  if (plan.video !== "none") {
    // 3. Black frames (a covered camera), on 2 small frames a second: cheap next to the encode.
    args.push("-map", "0:v:0", "-vf", "fps=2,scale=64:36,blackdetect=d=1:pix_th=0.10:pic_th=0.98", "-an", "-f", "null", "-");
    // 4. The strip: only when the duration is known (its frame rate spreads the tiles over it).
    if (plan.declaredSeconds !== null && plan.declaredSeconds >= 1) {
      const rate = (STRIP.tiles / plan.declaredSeconds).toFixed(6);
      const tileHeight = Math.round((STRIP.tileWidth * 9) / 16 / 2) * 2;
      args.push(
        "-map", "0:v:0",
        "-vf",
        `fps=${rate},scale=${STRIP.tileWidth}:${tileHeight}:force_original_aspect_ratio=decrease,` +
          `pad=${STRIP.tileWidth}:${tileHeight}:(ow-iw)/2:(oh-ih)/2,tile=${STRIP.tiles}x1`,
        "-frames:v", "1",
        "-q:v", "5",
        "-an",
        "-f", "image2", localInput(out.strip),
      );
    }
  }
  return args;
}

/** A JPEG poster from the processed MP4: the most representative of ~1 s of frames from `atSeconds`. */
export function thumbnailArgs(mp4: string, output: string, atSeconds: number, videoWidth: number): string[] {
  const scale = videoWidth > THUMB_WIDTH ? `,scale=${THUMB_WIDTH}:-2` : "";
  return [
    "-hide_banner", "-nostdin", "-y", "-loglevel", "error",
    "-ss", atSeconds.toFixed(3),
    "-i", localInput(mp4),
    "-vf", `thumbnail=30${scale}`,
    "-frames:v", "1",
    "-q:v", "3",
    "-f", "image2", localInput(output),
  ];
}

/**
 * Where to take the poster: a third of the way in (past the moment a candidate settles), capped
 * at 5 s, and moved out of any black stretch so that a covered start does not become the poster.
 */
export function thumbnailTime(durationSeconds: number, black: readonly { start: number; end: number }[]): number {
  let t = Math.min(5, durationSeconds / 3);
  for (const stretch of [...black].sort((a, b) => a.start - b.start)) {
    if (t >= stretch.start && t < stretch.end) t = stretch.end + 0.2;
  }
  // Everything black: the first frame is as good as any.
  return t < durationSeconds - 0.1 ? t : 0;
}

/** How long one answer's ffmpeg run may take: far past what a healthy encode needs, then killed. */
export function processingTimeoutMs(durationSeconds: number | null, answerLimitSeconds: number): number {
  const seconds = Math.max(durationSeconds ?? 0, answerLimitSeconds);
  return Math.round(60_000 + seconds * 3_000);
}
