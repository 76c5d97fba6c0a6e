// The uploader and the take log against a real HTTP server that answers like the tus endpoint
// (HEAD with Upload-Offset, PATCH refused as scripted). Node has no IndexedDB: the log keeps
// its chunks in memory (its storage-error path), which is what these tests need.
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { TakeLog } from "./take-log";
import { TakeApiError, type StartedTake } from "./take-api";
import { TakeUploader, UploadRefusedError, type UploadStatus } from "./uploader";
import type { TakeMeta } from "./wal";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
let handler: Handler = (_req, res) => res.end();
let server: http.Server;
let origin = "";
const requests: { method: string; takeover: boolean; at: number; grant?: string; bytes: number }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const seen = {
      method: req.method ?? "",
      takeover: req.headers["upload-takeover"] === "1",
      at: Date.now(),
      grant: req.headers["upload-grant"] as string | undefined,
      bytes: 0,
    };
    requests.push(seen);
    // Read the body before answering (a PATCH carries the chunk).
    req.on("data", (d: Buffer) => (seen.bytes += d.length));
    req.on("end", () => handler(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The uploader listens to window's online/offline events.
  vi.stubGlobal("window", Object.assign(new EventTarget(), { location: { origin } }));
  vi.spyOn(console, "warn").mockImplementation(() => {});
});

afterAll(async () => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  await new Promise((resolve) => server.close(resolve));
});

let uploader: TakeUploader | null = null;
afterEach(() => {
  uploader?.stop();
  uploader = null;
  requests.length = 0;
});

function meta(): TakeMeta {
  return {
    takeId: crypto.randomUUID(),
    token: "t",
    questionId: "q",
    grant: "g",
    uploadUrl: "/api/uploads",
    maxBytes: 1e9,
    attempt: 1,
    mimeType: "video/webm",
    state: "recording",
    bytes: 0,
    chunks: 0,
    durationSeconds: 0,
    updatedAt: Date.now(),
    createdAt: Date.now(),
  };
}

function tus(res: http.ServerResponse, status: number, offset?: number, body?: unknown): void {
  res.setHeader("Tus-Resumable", "1.0.0");
  if (offset !== undefined) {
    res.setHeader("Upload-Offset", String(offset));
    res.setHeader("Upload-Defer-Length", "1");
  }
  if (body) res.setHeader("Content-Type", "application/json");
  res.writeHead(status);
  res.end(body ? JSON.stringify(body) : undefined);
}

function until<T>(what: () => T | undefined, ms = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const value = what();
      if (value !== undefined) resolve(value);
      else if (Date.now() - started > ms) reject(new Error("timed out"));
      else setTimeout(tick, 20);
    };
    tick();
  });
}

describe("TakeUploader", () => {
  it("backs off longer after each failed PATCH although every HEAD answers", async () => {
    handler = (req, res) =>
      req.method === "HEAD"
        ? tus(res, 200, 0)
        : tus(res, 500, undefined, { error: { code: "INTERNAL", message: "down" } });
    const log = TakeLog.recording(meta());
    await log.append(new Blob([randomBytes(1000)]), 1);
    uploader = new TakeUploader(log, origin);
    const seen: (UploadStatus & { at: number })[] = [];
    uploader.subscribe((s) => seen.push({ ...s, at: Date.now() }));
    uploader.start();
    // One entry per scheduled retry (a status also changes when a HEAD reports the offset).
    const retries = await until(() => {
      const r = seen.filter(
        (s, i) =>
          s.health === "retrying" &&
          s.retryAt &&
          seen.findIndex((o) => o.retryAt === s.retryAt) === i,
      );
      return r.length >= 3 ? r : undefined;
    });
    const delays = retries.map((s) => s.retryAt! - s.at);
    // Full jitter over 1 s·2ⁿ: the third wait is at least 2 s; a back-off reset by each HEAD
    // would keep every wait under 1 s.
    expect(delays[0]).toBeLessThanOrEqual(1_000);
    expect(delays[2]).toBeGreaterThanOrEqual(1_990);
    // And a HEAD answering never showed the upload as healthy again.
    const firstRetry = seen.findIndex((s) => s.health === "retrying");
    expect(seen.slice(firstRetry).some((s) => s.health === "ok")).toBe(false);
  });

  it("when fenced, settles uploadedOrFenced, tries again after Retry-After without taking over, and finishes once the server has every byte", async () => {
    const data = randomBytes(1500);
    let serverOffset = 0;
    handler = (req, res) => {
      if (req.method === "HEAD") return tus(res, 200, serverOffset);
      tus(res, 409, undefined, {
        error: {
          code: "CONFLICT",
          message: "Another tab or device is uploading this answer.",
          details: { reason: "writer_fenced", retryAfterSeconds: 1 },
        },
      });
    };
    const log = TakeLog.recording(meta());
    await log.append(new Blob([data]), 1);
    uploader = new TakeUploader(log, origin);
    uploader.start();
    await expect(uploader.uploadedOrFenced()).resolves.toBe("fenced");
    expect(uploader.current.health).toBe("fenced");
    const fencedAt = Date.now();
    // By count, not by time: the fencing PATCH can arrive in the same millisecond as fencedAt.
    const beforeRetry = requests.length;

    // Meanwhile the other tab sends everything and the recording ends.
    serverOffset = data.length;
    await log.end(1);
    await uploader.done;
    expect(uploader.current).toMatchObject({ health: "done", acked: data.length });
    const retry = requests.slice(beforeRetry);
    expect(retry.length).toBeGreaterThan(0);
    expect(retry[0]!.at - fencedAt).toBeGreaterThanOrEqual(900);
    expect(requests.some((r) => r.takeover)).toBe(false);
  });
});

/** A tus endpoint that takes every PATCH whole, for requests carrying `grant` (401 otherwise). */
function acceptingServer(grant: string): () => number {
  let offset = 0;
  handler = (req, res) => {
    if (req.headers["upload-grant"] !== grant) {
      return tus(res, 401, undefined, {
        error: { code: "UNAUTHORIZED", message: "This upload link has expired.", details: { reason: "grant_expired" } },
      });
    }
    if (req.method === "PATCH") offset += requests.at(-1)!.bytes;
    tus(res, req.method === "PATCH" ? 204 : 200, offset);
  };
  return () => offset;
}

const renewed = (grant: string, maxChunkBytes?: number): StartedTake => ({
  takeId: "t",
  uploadUrl: "/api/uploads",
  grant,
  maxBytes: 1e9,
  maxChunkBytes: maxChunkBytes ?? 2 * 1024 * 1024,
  attempt: 1,
});

describe("TakeUploader: PATCH size and grant renewal", () => {
  it("sends a backlog in PATCHes of the server's maxChunkBytes", async () => {
    const data = randomBytes(1024 * 1024);
    const offset = acceptingServer("g");
    const log = TakeLog.recording({ ...meta(), maxChunkBytes: 256 * 1024 });
    for (let i = 0; i < 8; i++) await log.append(new Blob([data.subarray(i * 131072, (i + 1) * 131072)]), i + 1);
    await log.end(8);
    uploader = new TakeUploader(log, origin);
    uploader.start();
    await uploader.done;
    expect(offset()).toBe(data.length);
    const patches = requests.filter((r) => r.method === "PATCH").map((r) => r.bytes);
    expect(patches).toEqual([262144, 262144, 262144, 262144]);
  });

  it("on 401 asks for a fresh grant once, keeps it in the log and resumes at the server's offset", async () => {
    const data = randomBytes(3000);
    const offset = acceptingServer("fresh");
    const log = TakeLog.recording({ ...meta(), grant: "old" });
    await log.append(new Blob([data]), 1);
    await log.end(1);
    const asked: string[] = [];
    uploader = new TakeUploader(log, origin, async (token, takeId) => {
      asked.push(`${token}/${takeId}`);
      return renewed("fresh");
    });
    uploader.start();
    await uploader.done;
    expect(asked).toEqual([`t/${log.meta.takeId}`]);
    expect(log.meta.grant).toBe("fresh");
    expect(offset()).toBe(data.length);
    expect(requests.filter((r) => r.method === "PATCH").every((r) => r.grant === "fresh")).toBe(true);
  });

  it("renews a grant whose payload says it expired before sending anything with it", async () => {
    const payload = Buffer.from(JSON.stringify({ takeId: "t", expiresAt: Date.now() - 1000 })).toString("base64url");
    acceptingServer("fresh");
    const log = TakeLog.recording({ ...meta(), grant: `${payload}.${"s".repeat(43)}` });
    await log.append(new Blob([randomBytes(100)]), 1);
    await log.end(1);
    let asked = 0;
    uploader = new TakeUploader(log, origin, async () => {
      asked++;
      return renewed("fresh");
    });
    uploader.start();
    await uploader.done;
    expect(asked).toBe(1);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((r) => r.grant === "fresh")).toBe(true);
  });

  it("a 401 with the renewed grant is final (no renewal loop); so is a renewal refused with 404", async () => {
    acceptingServer("never");
    const log = TakeLog.recording({ ...meta(), grant: "old" });
    await log.append(new Blob([randomBytes(100)]), 1);
    let asked = 0;
    uploader = new TakeUploader(log, origin, async () => {
      asked++;
      return renewed("fresh");
    });
    uploader.start();
    const err = await uploader.done.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadRefusedError);
    expect((err as UploadRefusedError).status).toBe(401);
    expect(asked).toBe(1);
    uploader.stop();

    const gone = TakeLog.recording({ ...meta(), grant: "old" });
    await gone.append(new Blob([randomBytes(100)]), 1);
    uploader = new TakeUploader(gone, origin, async () => {
      throw new TakeApiError(404, "NOT_FOUND", "This recording does not exist.");
    });
    uploader.start();
    const refused = await uploader.done.catch((e: unknown) => e);
    expect((refused as UploadRefusedError).status).toBe(404);
    expect(uploader.current).toMatchObject({ health: "failed", message: "This recording does not exist." });
  });
});

describe("TakeLog", () => {
  const node = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

  it("hashes the take as chunks are appended, and still has the digest after memory was freed", async () => {
    const log = TakeLog.recording(meta());
    const parts = [randomBytes(20 << 20), randomBytes(20 << 20), randomBytes(20 << 20), randomBytes(20 << 20), randomBytes(12_345)];
    for (const [i, p] of parts.entries()) await log.append(new Blob([p]), i + 1);
    await log.end(parts.length);
    // No IndexedDB here: every chunk stayed in memory, the log is marked incomplete.
    expect(log.storageError).toBeTruthy();
    expect(log.incomplete).toBe(true);
    const all = Buffer.concat(parts);
    expect(log.bytes).toBe(all.length);
    expect(await log.read(5, 25)).toBeInstanceOf(Blob);
    expect(Buffer.from(await (await log.read(5, 25)).arrayBuffer())).toEqual(all.subarray(5, 25));

    // The server acknowledged everything: memory beyond 64 MB is freed, oldest first.
    log.acknowledged(all.length);
    await expect(log.read(0, 10)).rejects.toThrow(/missing|IndexedDB is not available/);
    const tail = await log.read(all.length - 10, all.length);
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(all.subarray(all.length - 10));
    // The digest came from the running hash (the first chunks cannot be read any more).
    expect(await log.sha256()).toBe(node(all));
  });
});
