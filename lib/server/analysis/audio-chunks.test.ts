import { describe, expect, it } from "vitest";
import { planAudioChunks, stitchSegments } from "./audio-chunks";

// 1000 bytes a second and a 40 000-byte limit: at most 40 s per chunk.
const plan = (durationSec: number, silences: { start: number; end: number }[] = []) =>
  planAudioChunks({ durationSec, bytesPerSec: 1000, maxBytes: 40_000, silences });

describe("planAudioChunks", () => {
  it("gives no chunk for zero duration, and one for audio that fits (exactly at the limit too)", () => {
    expect(plan(0)).toEqual([]);
    expect(plan(12.5)).toEqual([{ start: 0, end: 12.5 }]);
    expect(plan(40)).toEqual([{ start: 0, end: 40 }]);
    // Float noise at the limit (0.1 × 3 bytes a second) does not add a sliver of a chunk.
    expect(planAudioChunks({ durationSec: 10, bytesPerSec: 0.30000000000000004, maxBytes: 3, silences: [] })).toHaveLength(1);
  });

  it("cuts hard at the limit when there are no silences", () => {
    expect(plan(100)).toEqual([
      { start: 0, end: 40 },
      { start: 40, end: 80 },
      { start: 80, end: 100 },
    ]);
    expect(plan(40.5)).toEqual([
      { start: 0, end: 40 },
      { start: 40, end: 40.5 },
    ]);
  });

  it("cuts in the middle of the latest silence in the window's second half", () => {
    const chunks = plan(100, [
      { start: 10, end: 12 }, // first half of the first window: too early
      { start: 24, end: 26 },
      { start: 33, end: 35 },
      { start: 60, end: 61 },
    ]);
    expect(chunks).toEqual([
      { start: 0, end: 34 },
      { start: 34, end: 60.5 },
      { start: 60.5, end: 100 },
    ]);
    for (const c of chunks) expect((c.end - c.start) * 1000).toBeLessThanOrEqual(40_000);
  });

  it("keeps the cut inside the window when a silence runs past the limit", () => {
    // Silence 38–50: its middle (44) is past the limit (40), so the cut is at 40, still silent.
    expect(plan(70, [{ start: 38, end: 50 }])).toEqual([
      { start: 0, end: 40 },
      { start: 40, end: 70 },
    ]);
  });

  it("cuts through one long silence as near its middle as each window allows", () => {
    const chunks = plan(100, [{ start: 5, end: 95 }]);
    expect(chunks).toEqual([
      { start: 0, end: 40 },
      { start: 40, end: 60 },
      { start: 60, end: 100 },
    ]);
    expect(chunks.at(-1)!.end).toBe(100);
  });

  it("ignores silences outside the audio and accepts them unsorted", () => {
    expect(plan(60, [{ start: 70, end: 80 }, { start: 30, end: 32 }, { start: -5, end: -1 }])).toEqual([
      { start: 0, end: 31 },
      { start: 31, end: 60 },
    ]);
  });

  it("covers the whole duration without gaps, every chunk under the limit", () => {
    const silences = Array.from({ length: 40 }, (_, i) => ({ start: i * 17.3, end: i * 17.3 + 0.8 }));
    const chunks = planAudioChunks({ durationSec: 600, bytesPerSec: 32_000, maxBytes: 25 * 1024 * 1024 / 20, silences });
    expect(chunks[0]!.start).toBe(0);
    expect(chunks.at(-1)!.end).toBe(600);
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.start).toBe(chunks[i - 1]!.end);
    for (const c of chunks) expect((c.end - c.start) * 32_000).toBeLessThanOrEqual(25 * 1024 * 1024 / 20 + 1e-3);
  });

  it("refuses impossible sizes", () => {
    expect(() => planAudioChunks({ durationSec: 10, bytesPerSec: 0, maxBytes: 10, silences: [] })).toThrow(/bytesPerSec/);
    expect(() => planAudioChunks({ durationSec: 10, bytesPerSec: 10, maxBytes: 0, silences: [] })).toThrow(/maxBytes/);
    expect(() => planAudioChunks({ durationSec: -1, bytesPerSec: 10, maxBytes: 10, silences: [] })).toThrow(/durationSec/);
  });
});

describe("stitchSegments", () => {
  it("shifts each chunk's segments by its offset and joins the texts", () => {
    const stitched = stitchSegments([
      { offsetSec: 0, segments: [{ start: 0, end: 3.2, text: " Hello, I am Ann." }, { start: 3.5, end: 30, text: " I built the billing system." }] },
      { offsetSec: 34, segments: [{ start: 0.4, end: 5, text: " It handles refunds." }] },
    ]);
    expect(stitched).toEqual({
      text: "Hello, I am Ann. I built the billing system. It handles refunds.",
      segments: [
        { start: 0, end: 3.2, text: "Hello, I am Ann." },
        { start: 3.5, end: 30, text: "I built the billing system." },
        { start: 34.4, end: 39, text: "It handles refunds." },
      ],
    });
  });

  it("keeps a segment that runs past its piece within it, so times never run backwards", () => {
    const stitched = stitchSegments([
      { offsetSec: 0, segments: [{ start: 28, end: 31.5, text: "the last words" }] },
      { offsetSec: 30, segments: [{ start: 0.2, end: 2, text: "next piece" }] },
    ]);
    expect(stitched.segments).toEqual([
      { start: 28, end: 30, text: "the last words" },
      { start: 30.2, end: 32, text: "next piece" },
    ]);
  });

  it("drops empty segments and gives an empty transcript for no chunks", () => {
    expect(stitchSegments([])).toEqual({ text: "", segments: [] });
    expect(stitchSegments([{ offsetSec: 10, segments: [{ start: 0, end: 2, text: "  " }] }, { offsetSec: 40, segments: [] }])).toEqual({
      text: "",
      segments: [],
    });
  });
});
