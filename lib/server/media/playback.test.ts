// Signed playback URLs against real bytes (the 2-second test WebM) on a real local disk
// storage: the signature and expiry (tampering with any part of the URL is a 404, like a
// missing file), range requests (first bytes, middle, suffix, open end, past the end, malformed),
// S3 storage getting S3's own presigned GET instead, and the page CSP allowing its origin.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mediaOrigin } from "@/lib/adapters/storage/kind";
import { LocalDiskStorage } from "@/lib/adapters/storage/local-disk";
import { S3Storage } from "@/lib/adapters/storage/s3";
import { AppError } from "@/lib/errors";
import { pageCsp } from "@/lib/security-headers";
import { rejection } from "@/tests/app-error";
import { PLAYBACK_ROUTE, PLAYBACK_TTL_SECONDS, signedPlaybackPath, verifyPlayback } from "./playback-signature";
import { playbackUrl } from "./playback-url";
import { MEDIA_NOT_FOUND, signedMediaResponse } from "./signed-media-response";

const WEBM = readFileSync("tests/media/two-seconds.webm");
const root = mkdtempSync(path.join(os.tmpdir(), "playback-"));
const storage = new LocalDiskStorage(root);
const file = { bucket: "media", path: "responses/u1/s1/t1.webm", mimeType: "video/webm;codecs=vp8,opus" };
const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);

beforeAll(() => storage.put(file.bucket, file.path, new Response(WEBM).body!));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** What the route answers for a URL (path and query), at `now`. */
async function get(url: string, { range = null, now = NOW }: { range?: string | null; now?: number } = {}) {
  const u = new URL(url, "http://app.test");
  expect(u.pathname.startsWith(`${PLAYBACK_ROUTE}/`)).toBe(true);
  const segments = u.pathname.slice(PLAYBACK_ROUTE.length + 1).split("/").map(decodeURIComponent);
  return signedMediaResponse({ segments, searchParams: u.searchParams, rangeHeader: range, storage, now });
}

const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe("signed playback URLs", () => {
  it("serve the whole recording while valid, privately", async () => {
    const url = await playbackUrl(file, { storage, now: NOW });
    expect(url).toMatch(/^\/api\/media\/media\/responses\/u1\/s1\/t1\.webm\?exp=\d+&type=video%2Fwebm%3Bcodecs%3Dvp8%2Copus&sig=[\w-]{43}$/);
    expect(Number(new URL(url, "http://x").searchParams.get("exp"))).toBe(NOW / 1000 + PLAYBACK_TTL_SECONDS);
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(file.mimeType);
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    expect(res.headers.get("content-length")).toBe(String(WEBM.length));
    expect(res.headers.get("cache-control")).toBe(`private, max-age=${PLAYBACK_TTL_SECONDS}`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await bytesOf(res)).equals(WEBM)).toBe(true);
  });

  it("answers range requests with the exact bytes (206), and 416 past the end", async () => {
    const url = await playbackUrl(file, { storage, now: NOW });
    const size = WEBM.length;
    const cases: [string, number, number][] = [
      ["bytes=0-1", 0, 1], // the first bytes, as a player probing asks
      ["bytes=1000-1999", 1000, 1999], // the middle, as after a seek
      ["bytes=-500", size - 500, size - 1], // the suffix (WebM cues sit at the end)
      [`bytes=${size - 10}-`, size - 10, size - 1], // an open end
      [`bytes=${size - 5}-${size + 1000}`, size - 5, size - 1], // an end past the file is clamped
    ];
    for (const [range, start, end] of cases) {
      const res = await get(url, { range });
      expect(res.status, range).toBe(206);
      expect(res.headers.get("content-range"), range).toBe(`bytes ${start}-${end}/${size}`);
      expect(res.headers.get("content-length"), range).toBe(String(end - start + 1));
      expect((await bytesOf(res)).equals(WEBM.subarray(start, end + 1)), range).toBe(true);
    }
    for (const range of [`bytes=${size}-`, `bytes=${size + 100}-${size + 200}`, "bytes=-0"]) {
      const res = await get(url, { range });
      expect(res.status, range).toBe(416);
      expect(res.headers.get("content-range"), range).toBe(`bytes */${size}`);
    }
    // A malformed header or several ranges: the whole file (a server may ignore them).
    for (const range of ["bytes=abc", "items=0-1", "bytes=0-1,5-6"]) {
      const res = await get(url, { range });
      expect(res.status, range).toBe(200);
      expect((await bytesOf(res)).length, range).toBe(size);
    }
  });

  it("refuse, with the same 404 as a missing file, any tampered part, an expired URL and a URL for a missing file", async () => {
    const url = await playbackUrl(file, { storage, now: NOW });
    const u = new URL(url, "http://x");
    const sig = u.searchParams.get("sig")!;
    const exp = u.searchParams.get("exp")!;
    const flipped = `${sig.slice(0, 10)}${sig[10] === "A" ? "B" : "A"}${sig.slice(11)}`;
    const bad = [
      url.replace(sig, flipped), // another signature
      url.replace(`sig=${sig}`, "sig="), // none
      url.replace(`&sig=${sig}`, ""),
      url.replace(`sig=${sig}`, `sig=${sig}A`), // too long
      url.replace(`exp=${exp}`, `exp=${Number(exp) + 3600}`), // a later expiry
      url.replace(`exp=${exp}`, "exp=-1"),
      url.replace(`exp=${exp}`, "exp=1e12"),
      url.replace("type=video%2Fwebm%3Bcodecs%3Dvp8%2Copus", "type=text%2Fhtml"), // another type
      url.replace("/t1.webm", "/t2.webm"), // another object with this signature
      url.replace("/api/media/media/", "/api/media/avatars/"), // another bucket
      url.replace("/u1/", "/../"),
      url.replace("/api/media/media/responses/", "/api/media/media%2Fresponses/"), // another split of the same path (bucket "media/responses")
      url.replace("/api/media/media/responses/u1/", "/api/media/media/responses%2Fu1/"), // a key segment holding '/'
      url.replace("/u1/", "/%2E%2E/"),
      `${PLAYBACK_ROUTE}/media?${u.searchParams.toString()}`, // no key
    ];
    for (const b of bad) {
      const err = await rejection(get(b));
      expect(err, b).toBeInstanceOf(AppError);
      expect(err.code, b).toBe("NOT_FOUND");
      expect(err.message, b).toBe(MEDIA_NOT_FOUND);
    }
    // Valid until the second it expires, not after.
    expect((await get(url, { now: NOW + (PLAYBACK_TTL_SECONDS - 1) * 1000 })).status).toBe(200);
    expect((await rejection(get(url, { now: NOW + PLAYBACK_TTL_SECONDS * 1000 }))).message).toBe(MEDIA_NOT_FOUND);
    // A correctly signed URL whose file is gone.
    const missing = signedPlaybackPath({ bucket: "media", key: "responses/u1/s1/gone.webm", contentType: "video/webm" }, NOW / 1000 + 60);
    expect((await rejection(get(missing))).message).toBe(MEDIA_NOT_FOUND);
  });

  it("verifyPlayback refuses junk without throwing", () => {
    const junk = ["", "x".repeat(10_000), "\u0000", "é".repeat(43)];
    for (const j of junk) {
      expect(verifyPlayback({ bucket: "media", key: "a/b", exp: j, type: "video/webm", sig: j })).toBeNull();
      expect(verifyPlayback({ bucket: "media", key: "a/b", exp: "99999999999", type: j, sig: "A".repeat(43) })).toBeNull();
    }
  });

  it("on S3 storage are S3's presigned GETs, expiring with the same lifetime", async () => {
    const s3 = new S3Storage({
      bucket: "recordings",
      region: "us-east-1",
      accessKeyId: "AKIDEXAMPLE",
      secretAccessKey: "secret",
      endpoint: "http://127.0.0.1:9",
      forcePathStyle: true,
    });
    const url = new URL(await playbackUrl(file, { storage: s3, absolute: true }));
    expect(url.origin).toBe("http://127.0.0.1:9");
    expect(url.pathname).toBe("/recordings/media/responses/u1/s1/t1.webm");
    expect(url.searchParams.get("X-Amz-Expires")).toBe(String(PLAYBACK_TTL_SECONDS));
    expect(url.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("the page CSP's media origin", () => {
  const base = { DATA_DIR: ".data", S3_REGION: "eu-central-1", S3_ACCESS_KEY_ID: "AKIDEXAMPLE", S3_SECRET_ACCESS_KEY: "secret" } as const;
  it("is the origin of S3's presigned URLs (path-style, virtual-hosted, AWS), none for local disk", async () => {
    const cases = [
      { S3_BUCKET: "rec", S3_ENDPOINT: "http://127.0.0.1:9000" },
      { S3_BUCKET: "rec", S3_ENDPOINT: "https://r2.example.com", S3_FORCE_PATH_STYLE: false },
      { S3_BUCKET: "rec" },
    ];
    for (const c of cases) {
      const e = { ...base, S3_ENDPOINT: undefined, S3_FORCE_PATH_STYLE: undefined, UPLOADTHING_TOKEN: undefined, ...c };
      const s3 = new S3Storage({
        bucket: e.S3_BUCKET,
        region: e.S3_REGION,
        accessKeyId: e.S3_ACCESS_KEY_ID,
        secretAccessKey: e.S3_SECRET_ACCESS_KEY,
        endpoint: e.S3_ENDPOINT,
        forcePathStyle: e.S3_FORCE_PATH_STYLE,
      });
      const url = new URL(await playbackUrl(file, { storage: s3 }));
      expect(mediaOrigin(e), JSON.stringify(c)).toBe(url.origin);
      expect(pageCsp({ nonce: "n", dev: false, mediaOrigin: mediaOrigin(e) })).toContain(`media-src 'self' blob: ${url.origin};`);
    }
    const local = { ...base, S3_BUCKET: undefined, S3_ACCESS_KEY_ID: undefined, S3_SECRET_ACCESS_KEY: undefined, S3_ENDPOINT: undefined, S3_FORCE_PATH_STYLE: undefined, UPLOADTHING_TOKEN: undefined };
    expect(mediaOrigin(local)).toBeUndefined();
    expect(pageCsp({ nonce: "n", dev: false })).toContain("media-src 'self' blob:;");
  });
});
