// A speech track over the provider's upload limit is cut in its pauses and the pieces' segments
// stitched onto the answer's clock: through the real adapter and SDK against the local server,
// with real ffmpeg cutting real audio.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenAiProvider } from "@/lib/adapters/ai/openai";
import { startOpenAiServer, TRANSCRIPTIONS, type OpenAiServer } from "@/tests/openai-server";
import { transcribeSpeech } from "./transcribe-long";

let ai: OpenAiServer;
const dir = mkdtempSync(path.join(tmpdir(), "long-speech-"));
beforeAll(async () => {
  ai = await startOpenAiServer();
});
afterAll(async () => {
  await ai.close();
  rmSync(dir, { recursive: true, force: true });
});

/** 4 s of noise, 1 s of silence, three times over: 15 s of 16 kHz mono FLAC with two clear pauses. */
function speechWithPauses(): string {
  const file = path.join(dir, "speech.flac");
  const part = "anoisesrc=d=4:c=pink:r=16000:a=0.3[n{i}];anullsrc=r=16000:cl=mono,atrim=0:1[s{i}]";
  const graph = [0, 1, 2].map((i) => part.replaceAll("{i}", String(i))).join(";") + ";[n0][s0][n1][s1][n2][s2]concat=n=6:v=0:a=1[out]";
  execFileSync(process.env.FFMPEG_PATH ?? "ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-filter_complex", graph, "-map", "[out]", "-ac", "1", "-ar", "16000", "-f", "flac", file]);
  return file;
}

describe("transcribeSpeech", () => {
  it("sends a track under the limit in one request", async () => {
    const provider = createOpenAiProvider({ transcription: { baseURL: ai.url, apiKey: ai.apiKey, model: "whisper-1" }, scoring: { baseURL: ai.url, apiKey: ai.apiKey, model: "m" }, timeoutMs: 30_000 });
    const file = speechWithPauses();
    ai.reset();
    const t = await transcribeSpeech(provider, { file, language: "en", durationSec: 15, maxBytes: statSync(file).size + 1 });
    expect(t.calls).toBe(1);
    expect(ai.requests.filter((r) => r.path === TRANSCRIPTIONS)).toHaveLength(1);
  });

  it("cuts a longer one in its pauses, each piece under the limit, and puts the segments back on the answer's clock", { timeout: 60_000 }, async () => {
    const provider = createOpenAiProvider({ transcription: { baseURL: ai.url, apiKey: ai.apiKey, model: "whisper-1" }, scoring: { baseURL: ai.url, apiKey: ai.apiKey, model: "m" }, timeoutMs: 30_000 });
    const file = speechWithPauses();
    const size = statSync(file).size;
    ai.reset();
    let n = 0;
    ai.setTranscript(() => {
      n += 1;
      return { text: `Piece number ${n} of the answer.`, duration: 3, segments: [{ start: 0.5, end: 3, text: ` Piece number ${n} of the answer.` }] };
    });
    const maxBytes = Math.ceil(size / 2.2);
    const t = await transcribeSpeech(provider, { file, language: "en", durationSec: 15, maxBytes });
    const requests = ai.requests.filter((r) => r.path === TRANSCRIPTIONS);
    expect(t.calls).toBe(requests.length);
    expect(requests.length).toBeGreaterThanOrEqual(3);
    for (const r of requests) expect(r.transcription!.fileSize).toBeLessThanOrEqual(maxBytes);
    expect(t.text).toBe(requests.map((_, i) => `Piece number ${i + 1} of the answer.`).join(" "));
    // Each piece's segment is shifted by where the piece starts: times only go forward, the
    // first at 0.5 s, the later ones inside the answer (the cuts fall in the pauses at 4–5 s and 9–10 s).
    const starts = t.segments.map((s) => s.start);
    expect(starts[0]).toBeCloseTo(0.5, 1);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(starts.at(-1)!).toBeGreaterThan(5);
    expect(starts.at(-1)!).toBeLessThan(15);
    expect(t.durationSec).toBe(15);
  });
});
