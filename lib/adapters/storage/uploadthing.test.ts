// The UploadThing adapter through the real SDK (UTApi, uploadthing 7.7.4) against a local
// server speaking its protocol (tests/uploadthing-server.ts): signed ingest PUTs, the /v6 API,
// a file host with signed URLs and byte ranges.
import { createHash, createHmac, randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import os from "node:os";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { startTestUploadThing, type TestUploadThing } from "@/tests/uploadthing-server";
import { createStorage } from "./index";
import { mediaOrigin } from "./kind";
import { RangeNotSatisfiableError, StorageLimitError } from "./types";
import { UploadThingStorage } from "./uploadthing";

const MB = 1024 * 1024;
let ut: TestUploadThing;
let storage: UploadThingStorage;
const env = () =>
  parseEnv({
    UPLOADTHING_TOKEN: ut.token,
    UPLOADTHING_API_URL: ut.apiUrl,
    UPLOADTHING_INGEST_URL: ut.ingestUrl,
    UPLOADTHING_UFS_HOST: ut.ufsHost,
    UPLOADTHING_UFS_APP_ID_LOCATION: "path",
  });

beforeAll(async () => {
  ut = await startTestUploadThing();
  // Built through the selector, from the variables a deployment sets.
  storage = createStorage(env()) as UploadThingStorage;
});
afterAll(() => ut?.close());

const text = (body: ReadableStream<Uint8Array>) => new Response(body).text();
const webStream = (s: string) => new Response(s).body!;
const spools = () => readdirSync(os.tmpdir()).filter((f) => f.startsWith("ut-put-"));

describe("UploadThing storage (UTApi against a local UploadThing server)", () => {
  it("is what the env selects, and media is played from its file host", () => {
    expect(storage).toBeInstanceOf(UploadThingStorage);
    expect(storage.kind).toBe("uploadthing");
    expect(mediaOrigin(env())).toBe(`http://${ut.ufsHost}`);
  });

  it("uploads a web stream privately under a customId, reads it whole and in ranges, stats and deletes", async () => {
    const stored = await storage.put("media", "u1/clip.txt", webStream("0123456789"), { contentType: "text/plain" });
    expect(stored).toEqual({ bucket: "media", key: "u1/clip.txt", size: 10 });
    const file = [...ut.files.values()].find((f) => f.customId === storage.customId("media", "u1/clip.txt"))!;
    expect(file).toMatchObject({ size: 10, type: "text/plain", acl: "private", name: "clip.txt" });
    expect(await storage.stat("media", "u1/clip.txt")).toEqual({ size: 10, contentType: "text/plain" });

    const whole = (await storage.get("media", "u1/clip.txt"))!;
    expect(whole.size).toBe(10);
    expect(whole.range).toBeUndefined();
    expect(await text(whole.body)).toBe("0123456789");
    const part = (await storage.get("media", "u1/clip.txt", { start: 2, end: 4 }))!;
    expect(part).toMatchObject({ size: 10, range: { start: 2, end: 4 } });
    expect(await text(part.body)).toBe("234");
    const tail = (await storage.get("media", "u1/clip.txt", { start: 7, end: 100 }))!;
    expect(tail.range).toEqual({ start: 7, end: 9 });
    expect(await text(tail.body)).toBe("789");
    await expect(storage.get("media", "u1/clip.txt", { start: 10, end: 12 })).rejects.toBeInstanceOf(RangeNotSatisfiableError);

    await storage.delete("media", "u1/clip.txt");
    expect(ut.files.size).toBe(0);
    expect(await storage.stat("media", "u1/clip.txt")).toBeNull();
    expect(await storage.get("media", "u1/clip.txt")).toBeNull();
    await storage.delete("media", "u1/clip.txt"); // again: not an error
  });

  it("replaces an object under the same key (one file per customId), from a Node stream", async () => {
    await storage.put("media", "a/b/c.bin", webStream("old"));
    await storage.put("media", "a/b/c.bin", Readable.from([Buffer.from("new "), Buffer.from("bytes")]));
    expect(await text((await storage.get("media", "a/b/c.bin"))!.body)).toBe("new bytes");
    expect(ut.files.size).toBe(1);
    await storage.delete("media", "a/b/c.bin");
  });

  it("a first put of a key deletes nothing (only a replacing put deletes, after its upload was refused for the taken customId)", async () => {
    const deletes = ut.calls.deleteFiles ?? 0;
    await storage.put("media", "a/first.bin", webStream("first"));
    expect(ut.calls.deleteFiles ?? 0).toBe(deletes);
    await storage.put("media", "a/first.bin", webStream("second"));
    expect(ut.calls.deleteFiles).toBe(deletes + 1);
    expect(await text((await storage.get("media", "a/first.bin"))!.body)).toBe("second");
    await storage.delete("media", "a/first.bin");
  });

  it("hands out signed, expiring file URLs that serve byte ranges; unsigned or tampered ones are refused", async () => {
    await storage.put("media", "signed/clip.txt", webStream("0123456789"), { contentType: "text/plain" });
    const url = await storage.presignGet("media", "signed/clip.txt", { expiresInSeconds: 60 });
    expect(url).toMatch(new RegExp(`^http://${ut.ufsHost}/a/${ut.appId}/[0-9a-f]{64}\\?expires=\\d+&signature=`));
    const ranged = await fetch(url, { headers: { range: "bytes=2-4" } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("content-range")).toBe("bytes 2-4/10");
    expect(await ranged.text()).toBe("234");
    const expires = Number(new URL(url).searchParams.get("expires"));
    expect(expires - Date.now()).toBeGreaterThan(50_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(60_000);
    expect((await fetch(url.split("?")[0]!)).status).toBe(403);
    expect((await fetch(url.replace(/expires=\d+/, `expires=${expires + 1000}`))).status).toBe(403);
    expect(await storage.presignPut()).toBeNull();
    await storage.delete("media", "signed/clip.txt");
  });

  it("the local ingest checks what the SDK signs: a wrong key, an altered size or an expired URL is refused", async () => {
    const put = (url: string) => {
      const form = new FormData();
      form.append("file", new Blob(["abc"]));
      return fetch(url, { method: "PUT", body: form });
    };
    const signed = (apiKey: string, expires: number, size = "3") => {
      const url = `${ut.ingestUrl}/forgedkey?expires=${expires}&x-ut-identifier=${ut.appId}&x-ut-file-name=f.bin&x-ut-file-size=${size}`;
      return `${url}&signature=hmac-sha256=${createHmac("sha256", apiKey).update(url).digest("hex")}`;
    };
    const soon = Date.now() + 60_000;
    expect((await put(signed("sk_wrong", soon))).status).toBe(403);
    expect((await put(signed(ut.apiKey, soon).replace("x-ut-file-size=3", "x-ut-file-size=4"))).status).toBe(403);
    expect((await put(signed(ut.apiKey, Date.now() - 1000))).status).toBe(403);
    expect(ut.files.size).toBe(0);
    // The same request signed properly is stored: the refusals above are the signature's.
    expect((await put(signed(ut.apiKey, soon))).status).toBe(200);
    expect(ut.files.get("forgedkey")?.size).toBe(3);
    ut.files.delete("forgedkey");
  });

  it("knows a file's size when the file host sends no Content-Length (chunked answers), never reporting 0", async () => {
    await storage.put("media", "u1/chunked.txt", webStream("0123456789"), { contentType: "text/plain" });
    ut.fileHost.contentLength = false;
    try {
      expect(await storage.stat("media", "u1/chunked.txt")).toEqual({ size: 10, contentType: "text/plain" });
      const whole = (await storage.get("media", "u1/chunked.txt"))!;
      expect(whole.size).toBe(10);
      expect(await text(whole.body)).toBe("0123456789");
      const part = (await storage.get("media", "u1/chunked.txt", { start: 3, end: 5 }))!;
      expect(part).toMatchObject({ size: 10, range: { start: 3, end: 5 } });
      expect(await text(part.body)).toBe("345");
      expect(await storage.stat("media", "u1/none.txt")).toBeNull();
    } finally {
      ut.fileHost.contentLength = true;
      await storage.delete("media", "u1/chunked.txt");
    }
  });

  it("an UploadThing error (a wrong API key) is an error, not a silent success", async () => {
    const other = new UploadThingStorage({
      token: Buffer.from(JSON.stringify({ apiKey: "sk_wrong", appId: ut.appId, regions: ["local"] })).toString("base64"),
      apiUrl: ut.apiUrl,
      ingestUrl: ut.ingestUrl,
      ufsHost: ut.ufsHost,
      ufsAppIdLocation: "path",
    });
    await expect(other.put("media", "x/forged.bin", webStream("forged"))).rejects.toThrow();
    expect(ut.files.size).toBe(0);
  });

  it("stops a body over the byte limit before anything is uploaded, and leaves no spool file", async () => {
    await storage.put("media", "limit/kept.bin", webStream("the earlier object"));
    const ingests = ut.calls.ingest ?? 0;
    const err = await storage.put("media", "limit/kept.bin", Readable.from([randomBytes(MB), randomBytes(MB)]), { maxBytes: MB }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageLimitError);
    expect(ut.calls.ingest ?? 0).toBe(ingests);
    expect(await text((await storage.get("media", "limit/kept.bin"))!.body)).toBe("the earlier object");
    expect(spools()).toEqual([]);
    await storage.delete("media", "limit/kept.bin");
  });

  it("streams a 24 MB recording through a disk spool (the SDK signs the size first) and reads it back as a stream", async () => {
    const size = 24 * MB;
    const hash = createHash("sha256");
    async function* chunks() {
      for (let produced = 0; produced < size; produced += 256 * 1024) {
        const c = randomBytes(256 * 1024);
        hash.update(c);
        yield c;
      }
    }
    const stored = await storage.put("media", "big/recording.webm", Readable.from(chunks()), { contentType: "video/webm", maxBytes: 100 * MB });
    const digest = hash.digest("hex");
    expect(stored.size).toBe(size);
    const file = [...ut.files.values()][0]!;
    expect(file).toMatchObject({ size, sha256: digest, type: "video/webm" });
    expect(spools()).toEqual([]);
    const object = (await storage.get("media", "big/recording.webm"))!;
    expect(object.size).toBe(size);
    const back = createHash("sha256");
    for await (const c of object.body as unknown as AsyncIterable<Uint8Array>) back.update(c);
    expect(back.digest("hex")).toBe(digest);
    await storage.delete("media", "big/recording.webm");
  });
});
