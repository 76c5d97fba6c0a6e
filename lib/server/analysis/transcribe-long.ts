import "server-only";
// A speech track larger than the provider accepts in one upload (25 MB at OpenAI; less on some
// self-hosted servers) is cut in pauses into pieces under the limit (planAudioChunks, with the
// pauses silencedetect finds), each piece transcribed, and the segments stitched back onto the
// answer's clock. Under the limit (every answer of up to 10 minutes at 16 kHz FLAC) it is one call.
import { stat } from "node:fs/promises";
import path from "node:path";
import type { OpenAiProvider } from "@/lib/adapters/ai/openai";
import type { Transcript } from "@/lib/adapters/ai/types";
import { env } from "@/lib/env";
import { StatsCollector } from "@/lib/server/media/ffmpeg/analysis";
import { ffmpegBinaries, localInput, runProcess } from "@/lib/server/media/ffmpeg/run";
import { planAudioChunks, stitchSegments } from "./audio-chunks";

/** The bytes a piece may have: a margin under the limit, since compressed audio is not uniform. */
const MARGIN = 0.85;

export async function transcribeSpeech(
  provider: Pick<OpenAiProvider, "transcribe">,
  input: { file: string; language: string; durationSec: number | null; maxBytes?: number },
): Promise<Transcript & { calls: number }> {
  const maxBytes = input.maxBytes ?? env.OPENAI_TRANSCRIBE_MAX_BYTES;
  const { size } = await stat(input.file);
  const base = { fileName: "speech.flac", language: input.language, ...(input.durationSec ? { durationSec: input.durationSec } : {}) };
  if (size <= maxBytes || !input.durationSec) return { ...(await provider.transcribe({ ...base, file: input.file })), calls: 1 };

  const bin = ffmpegBinaries(env.FFMPEG_PATH);
  const stats = new StatsCollector();
  await runProcess(bin.ffmpeg, ["-hide_banner", "-nostats", "-i", localInput(input.file), "-af", "silencedetect=noise=-35dB:d=0.3", "-f", "null", "-"], {
    timeoutMs: 10 * 60_000,
    onStderrLine: (l) => stats.line(l),
  });
  const ranges = planAudioChunks({
    durationSec: input.durationSec,
    bytesPerSec: size / input.durationSec,
    maxBytes: maxBytes * MARGIN,
    silences: stats.result(input.durationSec).silences,
  });
  const pieces: { offsetSec: number; segments: Transcript["segments"] }[] = [];
  let model = "";
  let language: string | null = null;
  for (const [i, r] of ranges.entries()) {
    const piece = path.join(path.dirname(input.file), `piece-${i}.flac`);
    await runProcess(bin.ffmpeg, ["-hide_banner", "-loglevel", "error", "-y", "-ss", String(r.start), "-to", String(r.end), "-i", localInput(input.file), "-ac", "1", "-ar", "16000", "-f", "flac", localInput(piece)], {
      timeoutMs: 10 * 60_000,
    });
    const t = await provider.transcribe({ ...base, file: piece, durationSec: r.end - r.start });
    pieces.push({ offsetSec: r.start, segments: t.segments });
    model = t.model;
    language ??= t.language;
  }
  const stitched = stitchSegments(pieces);
  return { ...stitched, language, durationSec: input.durationSec, model, calls: ranges.length };
}
