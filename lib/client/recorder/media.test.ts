import { describe, expect, it } from "vitest";
import { clock, fill, size } from "./format";
import { cameraProblemOf, chooseQuality, HIGH, isInAppBrowser, LOW, negotiateMimeType } from "./media";
import { backoffDelay } from "./uploader";

describe("negotiateMimeType", () => {
  it("prefers WebM VP9/Opus, then VP8/Opus, then MP4 H.264/AAC (Safari), then what is left", () => {
    const chromium = new Set(["video/webm;codecs=vp9,opus", "video/webm;codecs=vp8,opus", "video/webm", "video/mp4"]);
    expect(negotiateMimeType((t) => chromium.has(t))).toBe("video/webm;codecs=vp9,opus");
    expect(negotiateMimeType((t) => t === "video/webm;codecs=vp8,opus" || t === "video/webm")).toBe("video/webm;codecs=vp8,opus");
    const safari = new Set(["video/mp4", "video/mp4;codecs=avc1,mp4a.40.2"]);
    expect(negotiateMimeType((t) => safari.has(t))).toBe("video/mp4;codecs=avc1,mp4a.40.2");
    expect(negotiateMimeType((t) => t === "video/mp4")).toBe("video/mp4");
    expect(negotiateMimeType(() => false)).toBe("");
  });
});

describe("chooseQuality", () => {
  it("aims at 720p unless the device or the network looks weak", () => {
    expect(chooseQuality({})).toBe(HIGH);
    expect(chooseQuality({ hardwareConcurrency: 8, deviceMemory: 8, connection: { effectiveType: "4g", downlink: 10 } })).toBe(HIGH);
    expect(chooseQuality({ connection: { effectiveType: "3g" } })).toBe(LOW);
    expect(chooseQuality({ connection: { saveData: true } })).toBe(LOW);
    expect(chooseQuality({ connection: { downlink: 1.2 } })).toBe(LOW);
    expect(chooseQuality({ hardwareConcurrency: 1 })).toBe(LOW);
    expect(chooseQuality({ deviceMemory: 1 })).toBe(LOW);
    expect(HIGH).toMatchObject({ width: 1280, height: 720 });
  });
});

describe("cameraProblemOf", () => {
  it("tells denied, missing and busy cameras apart", () => {
    expect(cameraProblemOf(new DOMException("no", "NotAllowedError"))).toBe("denied");
    expect(cameraProblemOf(new DOMException("none", "NotFoundError"))).toBe("missing");
    expect(cameraProblemOf(new DOMException("busy", "NotReadableError"))).toBe("busy");
    expect(cameraProblemOf(new Error("?"))).toBe("unsupported");
  });

  it("recognises in-app browsers", () => {
    expect(isInAppBrowser("Mozilla/5.0 (iPhone) AppleWebKit/605.1.15 Mobile/15E148 [LinkedInApp]")).toBe(true);
    expect(isInAppBrowser("Mozilla/5.0 (iPhone) Instagram 300.0")).toBe(true);
    expect(isInAppBrowser("Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36")).toBe(false);
  });
});

describe("backoffDelay", () => {
  it("grows exponentially with full jitter in [cap/2, cap], capped at 30 s", () => {
    expect(backoffDelay(0, () => 0)).toBe(500);
    expect(backoffDelay(0, () => 1)).toBe(1000);
    expect(backoffDelay(3, () => 0)).toBe(4000);
    expect(backoffDelay(3, () => 1)).toBe(8000);
    expect(backoffDelay(20, () => 1)).toBe(30_000);
    expect(backoffDelay(20, () => 0)).toBe(15_000);
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(4)));
    expect(spread.size).toBeGreaterThan(10);
  });
});

describe("format", () => {
  it("formats clocks, sizes and placeholders", () => {
    expect(clock(0)).toBe("0:00");
    expect(clock(75.9)).toBe("1:15");
    expect(size(999)).toBe("999 B");
    expect(size(1_234_567)).toBe("1.2 MB");
    expect(size(45_000_000)).toBe("45 MB");
    expect(fill("{a} of {b} {c}", { a: 1, b: "two" })).toBe("1 of two {c}");
  });
});
