import { describe, expect, it } from "vitest";
import { flagsFor, StatsCollector, coveredSeconds } from "./analysis";
import { planProcessing, processArgs, processingTimeoutMs, targetSize, thumbnailArgs, thumbnailTime } from "./args";
import { parseProbe, parseRate, type MediaProbe } from "./probe";
import { ffmpegBinaries, localInput } from "./run";

const probe = (over: Partial<MediaProbe> = {}): MediaProbe => ({
  formatName: "matroska,webm",
  durationSeconds: 60,
  bitRate: 2_000_000,
  video: { codec: "vp9", width: 1280, height: 720, rotation: 0, fps: 30, pixFmt: "yuv420p" },
  audio: { codec: "opus", sampleRate: 48000, channels: 1 },
  ...over,
});

describe("targetSize", () => {
  it("keeps what fits, scales down what does not, never up, always even", () => {
    expect(targetSize(1280, 720)).toEqual({ width: 1280, height: 720 });
    expect(targetSize(1920, 1080)).toEqual({ width: 1280, height: 720 });
    expect(targetSize(1080, 1920)).toEqual({ width: 720, height: 1280 });
    expect(targetSize(640, 480)).toEqual({ width: 640, height: 480 });
    expect(targetSize(3840, 1080)).toEqual({ width: 1280, height: 360 });
    expect(targetSize(1, 1)).toEqual({ width: 2, height: 2 });
    expect(targetSize(641, 359)).toEqual({ width: 642, height: 360 });
  });
});

describe("planProcessing", () => {
  it("encodes VP9/Opus WebM", () => {
    const plan = planProcessing(probe());
    expect(plan).toMatchObject({ kind: "process", video: "encode", audio: "encode", size: { width: 1280, height: 720 } });
  });
  it("only remuxes H.264 + AAC within the limits", () => {
    const plan = planProcessing(probe({ video: { codec: "h264", width: 1280, height: 720, rotation: 0, fps: 30, pixFmt: "yuv420p" }, audio: { codec: "aac", sampleRate: 48000, channels: 2 } }));
    expect(plan).toMatchObject({ kind: "process", video: "copy", audio: "copy", size: null });
  });
  it("re-encodes H.264 that is too large, too fast or not 4:2:0", () => {
    for (const video of [
      { codec: "h264", width: 1920, height: 1080, rotation: 0, fps: 30, pixFmt: "yuv420p" },
      { codec: "h264", width: 1280, height: 720, rotation: 0, fps: 60, pixFmt: "yuv420p" },
      { codec: "h264", width: 1280, height: 720, rotation: 0, fps: 30, pixFmt: "yuv444p" },
    ]) {
      expect(planProcessing(probe({ video })).kind === "process" && (planProcessing(probe({ video })) as { video: string }).video).toBe("encode");
    }
  });
  it("keeps an audio-only or video-only upload, refuses one with neither", () => {
    expect(planProcessing(probe({ video: null }))).toMatchObject({ kind: "process", video: "none", audio: "encode" });
    expect(planProcessing(probe({ audio: null }))).toMatchObject({ kind: "process", video: "encode", audio: "none" });
    expect(planProcessing(probe({ video: null, audio: null }))).toMatchObject({ kind: "unusable" });
  });
});

describe("processArgs", () => {
  const out = { mp4: "/w/answer.mp4", speech: "/w/speech.flac", strip: "/w/strip.jpg" };
  it("writes one MP4 with faststart, the speech track, black detection and the strip in one run", () => {
    const plan = planProcessing(probe());
    if (plan.kind !== "process") throw new Error("plan");
    const args = processArgs("/in/take.webm", out, plan);
    expect(args.filter((a) => a === "-i")).toHaveLength(1);
    expect(args).toContain("file:/in/take.webm");
    const mp4At = args.indexOf("file:/w/answer.mp4");
    expect(args.slice(0, mp4At)).toEqual(expect.arrayContaining(["libx264", "+faststart", "yuv420p", "scale=1280:720:flags=bicubic,setsar=1", "-map_metadata"]));
    expect(args[args.indexOf("-c:a") + 1]).toBe("aac");
    expect(args).toContain("file:/w/speech.flac");
    expect(args.join(" ")).toContain("aformat=sample_rates=16000:channel_layouts=mono,silencedetect");
    expect(args.join(" ")).toContain("blackdetect");
    expect(args.join(" ")).toContain("fps=0.166667,"); // 10 tiles over 60 s
    expect(args).toContain("file:/w/strip.jpg");
  });
  it("copies streams for a remux and leaves out what the input lacks", () => {
    const plan = planProcessing(probe({ durationSeconds: null, video: { codec: "h264", width: 640, height: 480, rotation: 0, fps: 30, pixFmt: "yuv420p" }, audio: null }));
    if (plan.kind !== "process") throw new Error("plan");
    const args = processArgs("/in/a.mp4", out, plan);
    expect(args[args.indexOf("-c:v") + 1]).toBe("copy");
    expect(args).not.toContain("libx264");
    expect(args).not.toContain("0:a:0");
    expect(args).not.toContain("file:/w/speech.flac");
    expect(args).not.toContain("file:/w/strip.jpg"); // no duration, no strip
  });
  it("refuses relative paths (a name starting with '-' would be an option)", () => {
    expect(() => localInput("-i")).toThrow(/absolute/);
    expect(() => thumbnailArgs("answer.mp4", "/w/t.jpg", 1, 1280)).toThrow(/absolute/);
  });
});

describe("thumbnail and timeout", () => {
  it("takes the poster a third in, at most 5 s, outside black stretches", () => {
    expect(thumbnailTime(6, [])).toBe(2);
    expect(thumbnailTime(60, [])).toBe(5);
    expect(thumbnailTime(60, [{ start: 0, end: 8 }])).toBeCloseTo(8.2);
    expect(thumbnailTime(10, [{ start: 0, end: 10 }])).toBe(0);
  });
  it("gives ffmpeg a minute plus three times the answer's length", () => {
    expect(processingTimeoutMs(10, 120)).toBe(60_000 + 360_000);
    expect(processingTimeoutMs(700, 600)).toBe(60_000 + 2_100_000);
  });
  it("derives ffprobe from FFMPEG_PATH", () => {
    expect(ffmpegBinaries("ffmpeg")).toEqual({ ffmpeg: "ffmpeg", ffprobe: "ffprobe" });
    expect(ffmpegBinaries("/opt/ff/bin/ffmpeg")).toEqual({ ffmpeg: "/opt/ff/bin/ffmpeg", ffprobe: "/opt/ff/bin/ffprobe" });
  });
});

describe("parseProbe", () => {
  it("reads streams, swaps a portrait rotation, ignores cover art", () => {
    const p = parseProbe({
      streams: [
        { codec_type: "video", codec_name: "mjpeg", width: 300, height: 300, disposition: { attached_pic: 1 } },
        { codec_type: "video", codec_name: "h264", width: 1280, height: 720, avg_frame_rate: "30000/1001", pix_fmt: "yuv420p", side_data_list: [{ rotation: -90 }] },
        { codec_type: "audio", codec_name: "aac", sample_rate: "48000", channels: 2 },
      ],
      format: { format_name: "mov,mp4", duration: "12.5", bit_rate: "1000" },
    });
    expect(p.video).toEqual({ codec: "h264", width: 720, height: 1280, rotation: 270, fps: 29.97, pixFmt: "yuv420p" });
    expect(p.audio).toEqual({ codec: "aac", sampleRate: 48000, channels: 2 });
    expect(p.durationSeconds).toBe(12.5);
  });
  it("survives junk", () => {
    expect(parseProbe(null)).toMatchObject({ video: null, audio: null, durationSeconds: null });
    expect(parseProbe({ streams: [{ codec_type: "video" }], format: { duration: "N/A" } })).toMatchObject({ video: null, durationSeconds: null });
    expect(parseRate("0/0")).toBeNull();
    expect(parseRate("25/1")).toBe(25);
  });
});

describe("analysis", () => {
  it("collects silence, black and volume reports, closing a silent ending", () => {
    const c = new StatsCollector();
    for (const line of [
      "[silencedetect @ 0x1] silence_start: 0",
      "[silencedetect @ 0x1] silence_end: 4.5 | silence_duration: 4.5",
      "[blackdetect @ 0x2] black_start:0 black_end:2 black_duration:2",
      "[Parsed_volumedetect_2 @ 0x3] mean_volume: -31.2 dB",
      "[Parsed_volumedetect_2 @ 0x3] max_volume: -7.0 dB",
      "[silencedetect @ 0x1] silence_start: 8",
    ]) c.line(line);
    const stats = c.result(10);
    expect(stats).toEqual({ meanVolumeDb: -31.2, maxVolumeDb: -7, silences: [{ start: 0, end: 4.5 }, { start: 8, end: 10 }], blacks: [{ start: 0, end: 2 }] });
    expect(coveredSeconds(stats.silences, 10)).toBe(6.5);
    expect(flagsFor({ hasVideo: true, hasAudio: true, durationSeconds: 10, stats })).toEqual([]);
  });
  it("flags silent, blank, no audio and no video with reasons", () => {
    const silent = { meanVolumeDb: -91, maxVolumeDb: -91, silences: [{ start: 0, end: 10 }], blacks: [{ start: 0, end: 9.5 }] };
    const flags = flagsFor({ hasVideo: true, hasAudio: true, durationSeconds: 10, stats: silent });
    expect(flags.map((f) => f.flag)).toEqual(["silent", "blank_video"]);
    expect(flags[0]!.reason).toMatch(/10 s of 10 s are silent/);
    const none = { meanVolumeDb: null, maxVolumeDb: null, silences: [], blacks: [] };
    expect(flagsFor({ hasVideo: false, hasAudio: true, durationSeconds: 5, stats: none }).map((f) => f.flag)).toEqual(["no_video"]);
    expect(flagsFor({ hasVideo: true, hasAudio: false, durationSeconds: 5, stats: none }).map((f) => f.flag)).toEqual(["no_audio"]);
  });
});
