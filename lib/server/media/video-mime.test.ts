// The one mime-type grammar: what a recorder may declare is what finaliseTake stores, and what
// it stores a playback URL signs (a type accepted by one and refused by the other made every
// view of the session answer 500).
import { describe, expect, it } from "vitest";
import { containerOf } from "@/lib/server/candidates/take-limits";
import { signedPlaybackPath, verifyPlayback } from "./playback-signature";
import { isNormalVideoMime, parseVideoMime, playableVideoType } from "./video-mime";

const ACCEPTED: [string, string][] = [
  ["video/webm", "video/webm"],
  ["video/webm;codecs=vp9,opus", "video/webm;codecs=vp9,opus"],
  ["video/webm ;codecs=vp8", "video/webm;codecs=vp8"],
  ["  video/webm ; codecs=vp8 ", "video/webm;codecs=vp8"],
  ['VIDEO/WEBM; Codecs="vp8, opus"', 'video/webm;codecs="vp8, opus"'],
  ['video/mp4;codecs="avc1.42E01E,mp4a.40.2"', 'video/mp4;codecs="avc1.42E01E,mp4a.40.2"'],
  ["video/mp4; codecs=avc1; profiles=isom", "video/mp4;codecs=avc1;profiles=isom"],
];
const REFUSED: unknown[] = [
  "video/webm;\tcodecs=vp8",
  "video/webm\t;codecs=vp8",
  "video/webm;codecs=vp8\n",
  "video/webm;codecs=\u0000",
  "video/webm;codecs=vp8\u007f",
  "video/webm;codecs=vp8\u00a0",
  "video/webm;",
  "video/webm x",
  "video/webm2",
  "video/webm;codecs = vp8",
  "audio/webm",
  "text/html",
  "",
  1,
  null,
  "video/webm;" + "a=b;".repeat(100),
];

describe("parseVideoMime", () => {
  it("normalises recorders' WebM and MP4 types: lower-case type and parameter names, no spaces outside quotes", () => {
    for (const [given, normal] of ACCEPTED) {
      expect(parseVideoMime(given), given).toEqual({ container: normal.slice(6, 10) === "webm" ? "webm" : "mp4", type: normal });
      expect(isNormalVideoMime(normal), normal).toBe(true);
    }
    expect(isNormalVideoMime("video/webm ;codecs=vp8")).toBe(false);
  });

  it("refuses control characters (a tab too), other types and malformed parameters", () => {
    for (const t of REFUSED) {
      expect(parseVideoMime(t), JSON.stringify(t)).toBeNull();
      expect(containerOf(t), JSON.stringify(t)).toBeNull();
    }
  });

  it("every type a take may declare, once normalised, is signed and verified by a playback URL", () => {
    for (const [given] of ACCEPTED) {
      const contentType = parseVideoMime(given)!.type;
      const url = new URL(signedPlaybackPath({ bucket: "media", key: "responses/u/s/t.webm", contentType }, Date.now() / 1000 + 60), "http://x");
      const q = url.searchParams;
      expect(verifyPlayback({ bucket: "media", key: "responses/u/s/t.webm", exp: q.get("exp"), type: q.get("type"), sig: q.get("sig") }), given).toMatchObject({ contentType });
    }
  });

  it("a type stored before normalisation plays as video/<container>, from its start or the file's extension", () => {
    expect(playableVideoType({ mimeType: "video/webm ;codecs=vp8", path: "r/t.webm" })).toBe("video/webm;codecs=vp8");
    expect(playableVideoType({ mimeType: "video/webm;\tcodecs=vp8", path: "r/t.webm" })).toBe("video/webm");
    expect(playableVideoType({ mimeType: "junk\u0000", path: "r/t.mp4" })).toBe("video/mp4");
    expect(playableVideoType({ mimeType: "junk", path: "r/t.bin" })).toBeNull();
  });
});
