// The storage contract, run against every implementation: local disk, and S3 through an
// in-process s3rver behind a byte-counting TCP proxy (to see what crosses the wire, and when).
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { createStorage } from "./index";
import { LocalDiskStorage } from "./local-disk";
import { S3Storage } from "./s3";
import { RangeNotSatisfiableError, StorageLimitError, type Storage } from "./types";

const MB = 1024 * 1024;

type Backend = {
  storage: Storage;
  /** Bytes the backend has received so far (on disk, or over the wire). */
  received: () => Promise<number>;
  /** Bytes the backend has sent so far, where it can be observed. */
  sent?: () => number;
  /** Every object the backend holds, as `bucket/key`. */
  objects: () => Promise<string[]>;
  close: () => Promise<void>;
};

async function filesUnder(dir: string): Promise<{ rel: string; size: number }[]> {
  const out: { rel: string; size: number }[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out.push({ rel: path.relative(dir, full).split(path.sep).join("/"), size: (await stat(full)).size });
  }
  return out;
}

async function localBackend(): Promise<Backend> {
  const root = mkdtempSync(path.join(os.tmpdir(), "storage-local-"));
  return {
    storage: new LocalDiskStorage(root),
    received: async () => (await filesUnder(root)).reduce((n, f) => n + f.size, 0),
    objects: async () => (await filesUnder(root)).map((f) => f.rel),
    close: async () => rmSync(root, { recursive: true, force: true }),
  };
}

async function s3Backend(): Promise<Backend> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "storage-s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: "intervue-test", configs: [] }],
  });
  const { port } = await server.run();
  let up = 0;
  let down = 0;
  const sockets = new Set<net.Socket>();
  const proxy = net.createServer((client) => {
    const upstream = net.connect(port, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    }
    client.on("data", (c: Buffer) => (up += c.length));
    upstream.on("data", (c: Buffer) => (down += c.length));
    client.pipe(upstream).on("error", () => client.destroy());
    upstream.pipe(client).on("error", () => upstream.destroy());
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const proxyPort = (proxy.address() as net.AddressInfo).port;
  // Built through the selector, from the same variables a deployment sets.
  const storage = createStorage(
    parseEnv({
      S3_ENDPOINT: `http://127.0.0.1:${proxyPort}`,
      S3_BUCKET: "intervue-test",
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
    }),
  );
  expect(storage).toBeInstanceOf(S3Storage);
  return {
    storage,
    received: async () => up,
    sent: () => down,
    objects: async () => {
      const list = await (storage as S3Storage).client.send(new ListObjectsV2Command({ Bucket: "intervue-test" }));
      return (list.Contents ?? []).map((o) => o.Key!);
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => proxy.close(resolve));
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const text = (body: ReadableStream<Uint8Array>) => new Response(body).text();
const webStream = (s: string) => new Response(s).body!;

/** `size` bytes of random data in 64 KB chunks, produced only as fast as they are read. */
function generated(size: number, onChunk?: (produced: number) => Promise<void>) {
  const hash = createHash("sha256");
  async function* chunks() {
    let produced = 0;
    while (produced < size) {
      const chunk = randomBytes(Math.min(64 * 1024, size - produced));
      hash.update(chunk);
      produced += chunk.length;
      yield chunk;
      await onChunk?.(produced);
    }
  }
  return { stream: Readable.from(chunks()), digest: () => hash.digest("hex") };
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

describe.each([
  ["local disk", localBackend],
  ["S3 (s3rver)", s3Backend],
])("storage contract: %s", (name, make) => {
  let backend: Backend;
  let storage: Storage;
  beforeAll(async () => {
    backend = await make();
    storage = backend.storage;
  });
  afterAll(() => backend?.close());

  it("stores from a web stream, reads whole and in ranges, stats and deletes", async () => {
    const stored = await storage.put("avatars", "u1/file.txt", webStream("0123456789"), { contentType: "text/plain" });
    expect(stored).toEqual({ bucket: "avatars", key: "u1/file.txt", size: 10 });
    expect((await storage.stat("avatars", "u1/file.txt"))?.size).toBe(10);
    if (storage.kind === "s3") expect(await storage.stat("avatars", "u1/file.txt")).toEqual({ size: 10, contentType: "text/plain" });

    const whole = (await storage.get("avatars", "u1/file.txt"))!;
    expect(whole.size).toBe(10);
    expect(whole.range).toBeUndefined();
    expect(await text(whole.body)).toBe("0123456789");

    const part = (await storage.get("avatars", "u1/file.txt", { start: 2, end: 4 }))!;
    expect(part).toMatchObject({ size: 10, range: { start: 2, end: 4 } });
    expect(await text(part.body)).toBe("234");

    const tail = (await storage.get("avatars", "u1/file.txt", { start: 7, end: 100 }))!;
    expect(tail.range).toEqual({ start: 7, end: 9 });
    expect(await text(tail.body)).toBe("789");

    await expect(storage.get("avatars", "u1/file.txt", { start: 10, end: 12 })).rejects.toBeInstanceOf(RangeNotSatisfiableError);

    await storage.delete("avatars", "u1/file.txt");
    expect(await storage.stat("avatars", "u1/file.txt")).toBeNull();
    expect(await storage.get("avatars", "u1/file.txt")).toBeNull();
    await storage.delete("avatars", "u1/file.txt"); // again: not an error
  });

  it("stores from a Node stream and replaces an object under the same key", async () => {
    await storage.put("media", "a/b/c.bin", webStream("old"));
    await storage.put("media", "a/b/c.bin", Readable.from([Buffer.from("new "), Buffer.from("bytes")]));
    expect(await text((await storage.get("media", "a/b/c.bin"))!.body)).toBe("new bytes");
    await storage.delete("media", "a/b/c.bin");
  });

  it("answers null for a missing object", async () => {
    expect(await storage.stat("media", "nobody/here.bin")).toBeNull();
    expect(await storage.get("media", "nobody/here.bin")).toBeNull();
    expect(await storage.get("media", "nobody/here.bin", { start: 0, end: 1 })).toBeNull();
  });

  it.each(["../etc/passwd", "u1/../../x", "/abs", "u1//x", ".hidden"])("refuses the key %s", async (key) => {
    await expect(storage.put("avatars", key, webStream("x"))).rejects.toThrow(/unsafe storage key/);
  });

  it.each([
    ["in a single request", 3 * MB, 1 * MB],
    ["in a multipart upload", 20 * MB, 12 * MB],
  ])("stops a body over the byte limit (%s) and leaves nothing behind", async (_how, size, maxBytes) => {
    await storage.put("media", "limit/kept.bin", webStream("the earlier object"));
    const before = await backend.objects();
    const err = await storage.put("media", "limit/kept.bin", generated(size).stream, { maxBytes }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageLimitError);
    expect((err as StorageLimitError).maxBytes).toBe(maxBytes);
    expect(await text((await storage.get("media", "limit/kept.bin"))!.body)).toBe("the earlier object");
    const fresh = await storage.put("media", "limit/new.bin", generated(2 * MB).stream, { maxBytes: 1 * MB }).catch((e: unknown) => e);
    expect(fresh).toBeInstanceOf(StorageLimitError);
    expect(await storage.stat("media", "limit/new.bin")).toBeNull();
    expect(await backend.objects()).toEqual(before);
    await storage.delete("media", "limit/kept.bin");
  });

  it("accepts a body of exactly the limit", async () => {
    const stored = await storage.put("media", "limit/exact.bin", generated(100_000).stream, { maxBytes: 100_000 });
    expect(stored.size).toBe(100_000);
    await storage.delete("media", "limit/exact.bin");
  });

  it("hands out presigned URLs where the backend has them", async () => {
    await storage.put("media", "signed/clip.txt", webStream("0123456789"), { contentType: "text/plain" });
    const getUrl = await storage.presignGet("media", "signed/clip.txt", { expiresInSeconds: 60 });
    const putUrl = await storage.presignPut("media", "signed/upload.txt", { contentType: "text/plain" });
    if (name === "local disk") {
      expect(getUrl).toBeNull();
      expect(putUrl).toBeNull();
      await storage.delete("media", "signed/clip.txt");
      return;
    }
    const ranged = await fetch(getUrl!, { headers: { range: "bytes=2-4" } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("content-range")).toBe("bytes 2-4/10");
    expect(await ranged.text()).toBe("234");

    const put = await fetch(putUrl!, { method: "PUT", body: "from the browser", headers: { "content-type": "text/plain" } });
    expect(put.status).toBe(200);
    expect(await text((await storage.get("media", "signed/upload.txt"))!.body)).toBe("from the browser");
    await storage.delete("media", "signed/upload.txt");
    await storage.delete("media", "signed/clip.txt");
  });

  it("streams a 24 MB object in and out without holding it whole", async () => {
    const size = 24 * MB;
    const startedWith = await backend.received();
    let dataArrivedMidway: boolean | undefined;
    const source = generated(size, async (produced) => {
      // Halfway through producing the body, part of it must already have reached the backend:
      // an implementation that collects the whole body first never gets there.
      if (dataArrivedMidway === undefined && produced >= size / 2) {
        dataArrivedMidway = await waitFor(async () => (await backend.received()) - startedWith > 2 * MB, 10_000);
      }
    });
    const stored = await storage.put("media", "big/recording.webm", source.stream, { maxBytes: 100 * MB });
    expect(dataArrivedMidway).toBe(true);
    expect(stored.size).toBe(size);
    expect((await storage.stat("media", "big/recording.webm"))?.size).toBe(size);

    const sentBefore = backend.sent?.() ?? 0;
    const object = (await storage.get("media", "big/recording.webm"))!;
    expect(object.size).toBe(size);
    const reader = object.body.getReader();
    const hash = createHash("sha256");
    let read = 0;
    const first = await reader.read();
    hash.update(first.value!);
    read += first.value!.length;
    if (backend.sent) {
      // The reader holds one chunk: the backend must not have pushed the whole object yet. A
      // negative check, so no condition to wait on: a buffering implementation gets 300 ms to
      // show itself (it pushes ~50 MB/s here), not a guess at when something is done.
      await new Promise((r) => setTimeout(r, 300));
      expect(backend.sent() - sentBefore).toBeLessThan(size / 2);
    }
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      hash.update(value);
      read += value.length;
    }
    expect(read).toBe(size);
    expect(hash.digest("hex")).toBe(source.digest());
    await storage.delete("media", "big/recording.webm");
  });
});
