import "server-only";
import { z } from "zod";
import { localInput, runProcess } from "./run";

// What ffprobe says about a file, reduced to what processing decides on. ffprobe's JSON is
// untrusted input shaped by the uploaded file: every field is optional and checked.

export type VideoStream = {
  codec: string;
  /** As displayed: width and height swapped for a 90°/270° rotation (phones record portrait that way). */
  width: number;
  height: number;
  rotation: number;
  fps: number | null;
  pixFmt: string | null;
};
export type AudioStream = { codec: string; sampleRate: number | null; channels: number | null };

export type MediaProbe = {
  formatName: string;
  /** From the container; can lie (a truncated upload keeps the header's duration). */
  durationSeconds: number | null;
  bitRate: number | null;
  video: VideoStream | null;
  audio: AudioStream | null;
};

const num = z.union([z.number(), z.string()]).optional().transform((v) => {
  if (v === undefined) return null;
  const n = typeof v === "number" ? v : Number(v);
  return Number.isFinite(n) ? n : null;
});

const sideData = z.object({ rotation: num }).passthrough();
const stream = z
  .object({
    codec_type: z.string().optional(),
    codec_name: z.string().optional(),
    width: num,
    height: num,
    avg_frame_rate: z.string().optional(),
    r_frame_rate: z.string().optional(),
    pix_fmt: z.string().optional(),
    sample_rate: num,
    channels: num,
    tags: z.record(z.string(), z.unknown()).optional(),
    side_data_list: z.array(sideData).optional(),
    disposition: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();
const probeJson = z.object({
  streams: z.array(stream).default([]),
  format: z
    .object({ format_name: z.string().optional(), duration: num, bit_rate: num })
    .passthrough()
    .optional(),
});

/** "30000/1001" → 29.97; "0/0" and junk → null. */
export function parseRate(rate: string | undefined): number | null {
  if (!rate) return null;
  const [a, b] = rate.split("/").map(Number);
  if (a === undefined || !Number.isFinite(a)) return null;
  const value = b === undefined ? a : b === 0 ? NaN : a / b;
  return Number.isFinite(value) && value > 0 && value < 1000 ? Math.round(value * 1000) / 1000 : null;
}

export function parseProbe(raw: unknown): MediaProbe {
  const parsed = probeJson.safeParse(raw);
  if (!parsed.success) return { formatName: "unknown", durationSeconds: null, bitRate: null, video: null, audio: null };
  const { streams, format } = parsed.data;
  // Cover art in an audio file is a one-frame "video" stream: not a video.
  const v = streams.find((s) => s.codec_type === "video" && s.disposition?.attached_pic !== 1 && s.width && s.height);
  const a = streams.find((s) => s.codec_type === "audio");
  let video: VideoStream | null = null;
  if (v) {
    const tagRotate = v.tags?.rotate === undefined ? null : Number(v.tags.rotate);
    const sideRotate = v.side_data_list?.find((d) => d.rotation !== null)?.rotation ?? null;
    const rotation = normaliseRotation(sideRotate ?? (Number.isFinite(tagRotate) ? tagRotate : 0) ?? 0);
    const quarter = rotation === 90 || rotation === 270;
    video = {
      codec: v.codec_name ?? "unknown",
      width: quarter ? v.height! : v.width!,
      height: quarter ? v.width! : v.height!,
      rotation,
      fps: parseRate(v.avg_frame_rate) ?? parseRate(v.r_frame_rate),
      pixFmt: v.pix_fmt ?? null,
    };
  }
  const duration = format?.duration ?? null;
  return {
    formatName: format?.format_name ?? "unknown",
    durationSeconds: duration !== null && duration > 0 ? duration : null,
    bitRate: format?.bit_rate ?? null,
    video,
    audio: a ? { codec: a.codec_name ?? "unknown", sampleRate: a.sample_rate, channels: a.channels } : null,
  };
}

function normaliseRotation(deg: number): number {
  const r = Math.round(deg / 90) * 90;
  return ((r % 360) + 360) % 360;
}

/** Runs ffprobe on a local file. A file ffprobe cannot read rejects with its reason. */
export async function probeFile(ffprobe: string, file: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<MediaProbe> {
  const { stdout } = await runProcess(
    ffprobe,
    ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", localInput(file)],
    { timeoutMs: options.timeoutMs ?? 30_000, signal: options.signal, maxStdoutBytes: 2 * 1024 * 1024 },
  );
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    json = null;
  }
  return parseProbe(json);
}
