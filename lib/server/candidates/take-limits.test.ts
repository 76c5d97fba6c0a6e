import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allowedSeconds, containerOf, MAX_BITS_PER_SECOND, sizeLimitBytes, sniffContainer } from "./take-limits";

describe("take limits", () => {
  it("allows 10 % more time, at least 2 s, and the bytes that time needs at the bitrate plus 1 MiB", () => {
    expect(allowedSeconds(10)).toBe(12);
    expect(allowedSeconds(120)).toBe(132);
    expect(allowedSeconds(125)).toBe(138);
    expect(sizeLimitBytes(120)).toBe((132 * MAX_BITS_PER_SECOND) / 8 + 1024 * 1024);
  });

  it("accepts the recorders' WebM and MP4 types with codecs, nothing else", () => {
    for (const t of ["video/webm", "video/webm;codecs=vp9,opus", "VIDEO/WEBM; codecs=\"vp8, opus\"", "video/mp4;codecs=\"avc1.42E01E,mp4a.40.2\""]) {
      expect(containerOf(t), t).not.toBeNull();
    }
    expect(containerOf("video/mp4;codecs=avc1")).toBe("mp4");
    for (const t of ["audio/webm", "video/quicktime", "video/webm2", "video/webm;codecs=\u0000", "text/html", "", 1, null, "video/webm;" + "a=b;".repeat(100)]) {
      expect(containerOf(t), String(t)).toBeNull();
    }
  });

  it("tells WebM and MP4 from their first bytes", () => {
    expect(sniffContainer(new Uint8Array(readFileSync("tests/media/two-seconds.webm")).subarray(0, 12))).toBe("webm");
    expect(sniffContainer(new Uint8Array([0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]))).toBe("mp4");
    expect(sniffContainer(new TextEncoder().encode("RIFF....WEBP"))).toBeNull();
    expect(sniffContainer(new Uint8Array([0x1a, 0x45]))).toBeNull();
    expect(sniffContainer(new Uint8Array())).toBeNull();
  });
});
