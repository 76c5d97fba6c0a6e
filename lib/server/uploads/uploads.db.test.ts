// The tus endpoint driven through the real route handler (app/api/uploads/[[...path]]):
// NextRequests built here, and the real tus-js-client in Node against a loopback HTTP server
// that wraps the same handler. The writer lease lives in this file's PostgreSQL database.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";
import * as tus from "tus-js-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE, GET, HEAD, OPTIONS, PATCH, POST } from "@/app/api/uploads/[[...path]]/route";
import { rejection } from "@/tests/app-error";
import { finaliseUpload } from "./finalise-upload";
import { uploadFilePath } from "./handle-upload-request";
import { claimWriterLease } from "./writer-lease";
import { createUploadGrant, verifyUploadGrant, type UploadGrant } from "./upload-grant";

const ORIGIN = "http://localhost:3000";
const handlers = { GET, HEAD, POST, PATCH, DELETE, OPTIONS } as const;
type Method = keyof typeof handlers;
const ctx = { params: Promise.resolve({}) };

type Take = { takeId: string; token: string; grant: UploadGrant; writer: string };
function newTake(maxBytes = 10 * 1024 * 1024): Take {
  const takeId = randomUUID();
  const token = createUploadGrant({ takeId, sessionId: randomUUID(), userId: randomUUID(), maxBytes, ttlSeconds: 600 });
  return { takeId, token, grant: verifyUploadGrant(token)!, writer: randomBytes(16).toString("base64url") };
}

async function call(
  method: Method,
  path: string,
  headers: Record<string, string> = {},
  body?: BodyInit | ReadableStream<Uint8Array>,
): Promise<Response> {
  const init: RequestInit & { duplex?: "half" } = { method, headers: { "tus-resumable": "1.0.0", ...headers } };
  if (body !== undefined) {
    init.body = body as BodyInit;
    init.duplex = "half";
  }
  return handlers[method](new NextRequest(`${ORIGIN}/api/uploads${path}`, init as ConstructorParameters<typeof NextRequest>[1]), ctx);
}

const auth = (t: Take) => ({ "upload-grant": t.token, "upload-writer": t.writer });
const create = (t: Take, extra: Record<string, string> = {}) => call("POST", "", { ...auth(t), "upload-defer-length": "1", ...extra });
const patch = (t: Take, offset: number, body: BodyInit | ReadableStream<Uint8Array>, extra: Record<string, string> = {}) =>
  call("PATCH", `/${t.takeId}`, { ...auth(t), "upload-offset": String(offset), "content-type": "application/offset+octet-stream", ...extra }, body);
const head = (t: Take) => call("HEAD", `/${t.takeId}`, { "upload-grant": t.token });
const offsetOf = async (t: Take) => Number((await head(t)).headers.get("upload-offset"));
const stored = (t: Take) => readFileSync(uploadFilePath(t.takeId));
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

async function errorOf(res: Response): Promise<{ code: string; message: string; details?: Record<string, unknown> }> {
  const body = (await res.json()) as { error: { code: string; message: string; details?: Record<string, unknown> } };
  expect(body.error.message.length).toBeGreaterThan(10);
  return body.error;
}

/** A body that sends `bytes` and then fails, as a dropped connection does. */
function failingBody(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream({
    pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(bytes);
        return;
      }
      controller.error(new Error("connection reset"));
    },
  });
}

describe("tus endpoint (route handler)", () => {
  it("creates a deferred-length upload, appends chunks in order and reports the offset", async () => {
    const t = newTake();
    const created = await create(t);
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/uploads/${t.takeId}`);
    let h = await head(t);
    expect(h.status).toBe(200);
    expect(h.headers.get("upload-offset")).toBe("0");
    expect(h.headers.get("upload-defer-length")).toBe("1");

    const a = randomBytes(1000);
    const b = randomBytes(500);
    const r1 = await patch(t, 0, a);
    expect(r1.status).toBe(204);
    expect(r1.headers.get("upload-offset")).toBe("1000");
    const r2 = await patch(t, 1000, b);
    expect(r2.headers.get("upload-offset")).toBe("1500");
    h = await head(t);
    expect(h.headers.get("upload-offset")).toBe("1500");
    expect(Buffer.compare(stored(t), Buffer.concat([a, b]))).toBe(0);

    // A second create for the same take does not truncate it: 409 with where it stands.
    const again = await create(t);
    expect(again.status).toBe(409);
    expect(again.headers.get("upload-offset")).toBe("1500");
    expect((await errorOf(again)).details).toMatchObject({ offset: 1500 });
    expect(stored(t).length).toBe(1500);
  });

  it("refuses a write at any offset but the current one with 409 and the current offset", async () => {
    const t = newTake();
    await create(t);
    const first = randomBytes(800);
    await patch(t, 0, first);
    for (const wrong of [0, 400, 801, 5000]) {
      const res = await patch(t, wrong, randomBytes(100));
      expect(res.status, `offset ${wrong}`).toBe(409);
      expect(res.headers.get("upload-offset")).toBe("800");
      const error = await errorOf(res);
      expect(error.code).toBe("CONFLICT");
      expect(error.details).toMatchObject({ offset: 800 });
    }
    expect(Buffer.compare(stored(t), first)).toBe(0);
  });

  it("after a body cut off mid-way, HEAD tells where to resume and the retry completes the take", async () => {
    const t = newTake();
    await create(t);
    const whole = randomBytes(4000);
    await patch(t, 0, whole.subarray(0, 1000));
    const cut = await patch(t, 1000, failingBody(whole.subarray(1000, 2500)));
    expect(cut.status).toBeGreaterThanOrEqual(400);
    expect(cut.status).toBeLessThan(500);
    const offset = await offsetOf(t);
    expect(offset).toBeGreaterThanOrEqual(1000);
    expect(offset).toBeLessThanOrEqual(2500);
    // What was kept is exactly the prefix that was sent: a resume never duplicates bytes.
    expect(Buffer.compare(stored(t), whole.subarray(0, offset))).toBe(0);
    const resumed = await patch(t, offset, whole.subarray(offset));
    expect(resumed.headers.get("upload-offset")).toBe("4000");
    expect(Buffer.compare(stored(t), whole)).toBe(0);
  });

  it("a grant for one take cannot read or write another take's upload (404), nor can no grant or a forged one", async () => {
    const a = newTake();
    const b = newTake();
    await create(b);
    const bytes = randomBytes(300);
    await patch(b, 0, bytes);
    const asA = { "upload-grant": a.token, "upload-writer": a.writer };
    const forged = `${b.token.split(".")[0]}.${"A".repeat(43)}`;
    for (const headers of [asA, {}, { "upload-grant": forged, "upload-writer": b.writer }, { "upload-grant": "junk", "upload-writer": b.writer }]) {
      const write = await call("PATCH", `/${b.takeId}`, { ...headers, "upload-offset": "300", "content-type": "application/offset+octet-stream" }, randomBytes(10));
      expect(write.status).toBe(404);
      expect((await errorOf(write)).code).toBe("NOT_FOUND");
      expect((await call("HEAD", `/${b.takeId}`, headers)).status).toBe(404);
      expect((await call("DELETE", `/${b.takeId}`, headers)).status).toBe(404);
    }
    expect(Buffer.compare(stored(b), bytes)).toBe(0);
    // The take's own grant, expired, is a 401 grant_expired (the page renews it and resumes);
    // nothing is written with it. Another take's expired grant is still a 404.
    const expired = createUploadGrant({ ...b.grant, expiresAt: Date.now() - 1 });
    expect((await call("HEAD", `/${b.takeId}`, { "upload-grant": expired })).status).toBe(401);
    const late = await call("PATCH", `/${b.takeId}`, { "upload-grant": expired, "upload-writer": b.writer, "upload-offset": "300", "content-type": "application/offset+octet-stream" }, randomBytes(10));
    expect(late.status).toBe(401);
    expect(((await late.json()) as { error: { details?: { reason?: string } } }).error.details?.reason).toBe("grant_expired");
    expect(Buffer.compare(stored(b), bytes)).toBe(0);
    const expiredA = createUploadGrant({ ...a.grant, expiresAt: Date.now() - 1 });
    expect((await call("HEAD", `/${b.takeId}`, { "upload-grant": expiredA })).status).toBe(404);
    // Creating needs a grant (401); GET never serves the file; junk paths are 404s with a message.
    expect((await call("POST", "", { "upload-defer-length": "1" })).status).toBe(401);
    expect((await call("GET", `/${b.takeId}`, { "upload-grant": b.token })).status).toBe(404);
    for (const junk of ["/x", `/${b.takeId}/x`, "/..%2f..%2fetc%2fpasswd", "/%00"]) {
      const res = await call("PATCH", junk, { ...auth(b), "upload-offset": "0", "content-type": "application/offset+octet-stream" }, "x");
      expect(res.status, junk).toBe(404);
      await errorOf(res);
    }
  });

  it("regroups a PATCH body into 1 MiB pieces, every byte in order; bytes before a failure come first, then the failure", async () => {
    const { coalesced } = await import("./handle-upload-request");
    const data = randomBytes(3 * 1024 * 1024 + 5000);
    // The socket's 64 KiB reads, one per pull; then the end, or the client going away.
    const source = (fail: boolean) => {
      let at = 0;
      return new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            if (at < data.length) {
              controller.enqueue(data.subarray(at, Math.min(at + 65536, data.length)));
              at += 65536;
            } else if (fail) controller.error(new Error("client went away"));
            else controller.close();
          },
        },
        { highWaterMark: 0 },
      );
    };
    const pieces: Uint8Array[] = [];
    for await (const piece of coalesced(source(false))) pieces.push(piece);
    expect(pieces.map((p) => p.byteLength)).toEqual([1048576, 1048576, 1048576, 5000]);
    expect(Buffer.compare(Buffer.concat(pieces), data)).toBe(0);

    const before: Uint8Array[] = [];
    const reading = (async () => {
      for await (const piece of coalesced(source(true))) before.push(piece);
    })();
    await expect(reading).rejects.toThrow("client went away");
    expect(Buffer.compare(Buffer.concat(before), data)).toBe(0);
  });

  it("enforces maxBytes while receiving: 413 before writing past it", async () => {
    const t = newTake(1000);
    // A declared length over the limit is refused at creation.
    const big = await call("POST", "", { ...auth(t), "upload-length": "1001" });
    expect(big.status).toBe(413);
    expect((await errorOf(big)).details).toMatchObject({ maxBytes: 1000 });
    await create(t);
    await patch(t, 0, randomBytes(600));
    // Content-Length says it would pass the limit: nothing is written.
    const declared = await patch(t, 600, randomBytes(500));
    expect(declared.status).toBe(413);
    expect(await offsetOf(t)).toBe(600);
    // A streamed body without a length is cut at the limit.
    const chunks = [randomBytes(300), randomBytes(300)];
    const streamed = await patch(t, 600, Readable.toWeb(Readable.from(chunks)) as ReadableStream<Uint8Array>);
    expect(streamed.status).toBe(413);
    expect(await offsetOf(t)).toBeLessThanOrEqual(1000);
    expect(statSync(uploadFilePath(t.takeId)).size).toBeLessThanOrEqual(1000);
  });

  it("one writer per take: a second page is refused until it takes over, then the first is fenced off", async () => {
    const t = newTake();
    await create(t);
    await patch(t, 0, randomBytes(100));
    const second = { ...t, writer: randomBytes(16).toString("base64url") };
    const refused = await patch(second, 100, randomBytes(50));
    expect(refused.status).toBe(409);
    const error = await errorOf(refused);
    expect(error.details).toMatchObject({ reason: "writer_fenced" });
    expect(await offsetOf(t)).toBe(100);
    // Creating again or deleting as the second page is refused the same way.
    expect((await call("DELETE", `/${t.takeId}`, auth(second))).status).toBe(409);
    // Explicit takeover: the second page writes, the first is refused from now on.
    const takeover = await patch(second, 100, randomBytes(50), { "upload-takeover": "1" });
    expect(takeover.status).toBe(204);
    const stale = await patch(t, 150, randomBytes(10));
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).details).toMatchObject({ reason: "writer_fenced" });
    expect((await patch(second, 150, randomBytes(10))).status).toBe(204);
    expect(await offsetOf(t)).toBe(160);
    // A missing or malformed writer token is a 400.
    const anonymous = await call("PATCH", `/${t.takeId}`, { "upload-grant": t.token, "upload-offset": "160", "content-type": "application/offset+octet-stream" }, "x");
    expect(anonymous.status).toBe(400);
    await errorOf(anonymous);
  });

  it("answers bad tus requests with a 4xx and a JSON message, never a 5xx", async () => {
    const t = newTake();
    await create(t);
    const cases: [Method, Record<string, string>, string | undefined][] = [
      ["PATCH", { ...auth(t), "content-type": "application/offset+octet-stream" }, "x"], // no Upload-Offset
      ["PATCH", { ...auth(t), "upload-offset": "-1", "content-type": "application/offset+octet-stream" }, "x"],
      ["PATCH", { ...auth(t), "upload-offset": "0", "content-type": "application/json" }, "{}"],
      ["PATCH", { ...auth(t), "upload-offset": "0" }, "x"],
    ];
    for (const [method, headers, body] of cases) {
      const res = await call(method, `/${t.takeId}`, headers, body);
      expect(res.status, JSON.stringify(headers)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      await errorOf(res);
    }
    const noTus = await handlers.PATCH(new NextRequest(`${ORIGIN}/api/uploads/${t.takeId}`, { method: "PATCH", headers: { ...auth(t), "upload-offset": "0", "content-type": "application/offset+octet-stream" }, body: "x" }), ctx);
    expect(noTus.status).toBe(412);
    await errorOf(noTus);
    const noLength = await call("POST", "", auth(newTake()));
    expect(noLength.status).toBe(400);
    await errorOf(noLength);
    const concat = await call("POST", "", { ...auth(newTake()), "upload-concat": "partial", "upload-length": "5" });
    expect(concat.status).toBe(400);
    const options = await call("OPTIONS", "");
    expect(options.status).toBe(204);
    expect(options.headers.get("tus-extension")).toContain("creation-defer-length");
    expect(options.headers.get("access-control-allow-origin")).toBeNull();
    expect(options.headers.get("tus-max-size")).toBeNull();
  });

  it("DELETE (termination) removes the upload and frees the take for a new one", async () => {
    const t = newTake();
    await create(t);
    await patch(t, 0, randomBytes(100));
    expect((await call("DELETE", `/${t.takeId}`, auth(t))).status).toBe(204);
    expect((await head(t)).status).toBe(404);
    const other = { ...t, writer: randomBytes(16).toString("base64url") };
    expect((await create(other)).status).toBe(201);
  });
});

describe("writer lease", () => {
  it("of many pages claiming a new upload at once, exactly one wins; a lapsed lease can be taken", async () => {
    const uploadId = randomUUID();
    const writers = Array.from({ length: 12 }, () => randomBytes(16).toString("base64url"));
    const claims = await Promise.all(writers.map((writerToken) => claimWriterLease({ uploadId, writerToken })));
    expect(claims.filter((c) => c.ok)).toHaveLength(1);
    const winner = writers[claims.findIndex((c) => c.ok)]!;
    const loser = writers.find((w) => w !== winner)!;
    expect(await claimWriterLease({ uploadId, writerToken: winner })).toEqual({ ok: true });
    const refused = await claimWriterLease({ uploadId, writerToken: loser });
    expect(refused.ok).toBe(false);
    // A lease that has lapsed (the page went away) goes to the next writer without a takeover.
    const other = randomUUID();
    expect((await claimWriterLease({ uploadId: other, writerToken: winner, ttlMs: 1 })).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect((await claimWriterLease({ uploadId: other, writerToken: loser })).ok).toBe(true);
    expect((await claimWriterLease({ uploadId: other, writerToken: winner })).ok).toBe(false);
  });
});

describe("the route under the standing fuzz test's corpus", () => {
  it("every method with junk bodies and junk paths, without a grant: no 5xx, a JSON message on every 4xx", async () => {
    const bodies: [string | undefined, Buffer | string | undefined][] = [
      [undefined, undefined],
      ["application/json", "{"],
      ["application/json", JSON.stringify({ fullName: "a\u0000b" })],
      ["text/plain", "hello"],
      ["application/offset+octet-stream", Buffer.from([0, 255, 254, 0])],
      ["multipart/form-data; boundary=x", "--x\r\n\r\nnot a png\r\n--x--\r\n"],
    ];
    const paths = ["", "/x", `/${randomUUID()}`, `/${randomUUID()}/${randomUUID()}`, "/%2e%2e", "/%00", "/" + "a".repeat(3000), "/🙂"];
    for (const path of paths) {
      for (const method of Object.keys(handlers) as Method[]) {
        for (const [type, body] of method === "GET" || method === "HEAD" || method === "OPTIONS" ? [bodies[0]!] : bodies) {
          const headers: Record<string, string> = type ? { "content-type": type } : {};
          const init: RequestInit & { duplex?: "half" } = { method, headers };
          if (body !== undefined) Object.assign(init, { body, duplex: "half" });
          const res = await handlers[method](new NextRequest(`${ORIGIN}/api/uploads${path}`, init as ConstructorParameters<typeof NextRequest>[1]), ctx);
          const label = `${method} ${path.slice(0, 40)} ${type ?? ""}`;
          expect(res.status, label).toBeLessThan(500);
          if (res.status >= 400 && method !== "HEAD") {
            const json = (await res.json()) as { error?: { message?: string } };
            expect(json.error?.message?.length ?? 0, label).toBeGreaterThan(3);
          }
        }
      }
    }
  });
});

describe("finaliseUpload", () => {
  it("returns the stored size, checksum and path when both match, and closes the upload", async () => {
    const t = newTake();
    await create(t);
    const whole = randomBytes(3000);
    await patch(t, 0, whole.subarray(0, 2000));
    await patch(t, 2000, whole.subarray(2000));
    const done = await finaliseUpload({ grant: t.grant, uploadId: t.takeId, expectedBytes: 3000, sha256: sha(whole).toUpperCase() });
    expect(done).toEqual({ bytes: 3000, sha256: sha(whole), path: uploadFilePath(t.takeId) });
    expect(Buffer.compare(readFileSync(done.path!), whole)).toBe(0);
    // The length is now declared: nothing more can be appended.
    expect((await head(t)).headers.get("upload-length")).toBe("3000");
    const more = await patch(t, 3000, randomBytes(10));
    expect(more.status).toBe(413);
    expect(statSync(done.path!).size).toBe(3000);
    // Nor can it be deleted through the endpoint any more.
    const deleted = await call("DELETE", `/${t.takeId}`, auth(t));
    expect(deleted.status).toBe(400);
    await errorOf(deleted);
    expect(statSync(done.path!).size).toBe(3000);
    // Finalising again with the same facts gives the same answer.
    expect(await finaliseUpload({ grant: t.grant, uploadId: t.takeId, expectedBytes: 3000, sha256: sha(whole) })).toEqual(done);
  });

  it("a wrong byte count or checksum is a 409 with the server's length, and nothing is closed", async () => {
    const t = newTake();
    await create(t);
    const part = randomBytes(1500);
    await patch(t, 0, part);
    const short = await rejection(finaliseUpload({ grant: t.grant, uploadId: t.takeId, expectedBytes: 2000, sha256: sha(part) }));
    expect(short.status).toBe(409);
    expect(short.details).toMatchObject({ bytes: 1500 });
    const corrupt = await rejection(finaliseUpload({ grant: t.grant, uploadId: t.takeId, expectedBytes: 1500, sha256: sha(randomBytes(1500)) }));
    expect(corrupt.status).toBe(409);
    expect(corrupt.details).toMatchObject({ bytes: 1500, reason: "checksum_mismatch" });
    // Still open: the client can send the rest and finalise.
    expect((await head(t)).headers.get("upload-defer-length")).toBe("1");
    const rest = randomBytes(500);
    expect((await patch(t, 1500, rest)).status).toBe(204);
    const whole = Buffer.concat([part, rest]);
    expect((await finaliseUpload({ grant: t.grant, uploadId: t.takeId, expectedBytes: 2000, sha256: sha(whole) })).bytes).toBe(2000);
  });

  it("an empty or too short upload is a 422 before its length is declared: the upload stays open", async () => {
    const empty = newTake();
    await create(empty);
    const none = await rejection(finaliseUpload({ grant: empty.grant, uploadId: empty.takeId, expectedBytes: 0, sha256: sha(Buffer.alloc(0)) }));
    expect(none.status).toBe(422);
    expect(none.details).toMatchObject({ bytes: 0, minBytes: 1 });
    const t = newTake();
    await create(t);
    const tiny = randomBytes(5);
    await patch(t, 0, tiny);
    const short = await rejection(finaliseUpload({ grant: t.grant, uploadId: t.takeId, expectedBytes: 5, sha256: sha(tiny), minBytes: 12 }));
    expect(short.status).toBe(422);
    expect(short.message).toMatch(/too short/);
    expect((await head(t)).headers.get("upload-defer-length")).toBe("1");
    // The rest arrives: the same upload finalises.
    const rest = randomBytes(20);
    expect((await patch(t, 5, rest)).status).toBe(204);
    expect((await finaliseUpload({ grant: t.grant, uploadId: t.takeId, expectedBytes: 25, sha256: sha(Buffer.concat([tiny, rest])), minBytes: 12 })).bytes).toBe(25);
  });

  it("another take's grant, an unknown upload or a malformed checksum are refused", async () => {
    const t = newTake();
    await create(t);
    const other = newTake();
    expect((await rejection(finaliseUpload({ grant: other.grant, uploadId: t.takeId, expectedBytes: 0, sha256: sha(Buffer.alloc(0)) }))).status).toBe(404);
    expect((await rejection(finaliseUpload({ grant: other.grant, uploadId: other.takeId, expectedBytes: 0, sha256: sha(Buffer.alloc(0)) }))).status).toBe(404);
    expect((await rejection(finaliseUpload({ grant: t.grant, uploadId: t.takeId, expectedBytes: 0, sha256: "abc" }))).status).toBe(422);
  });
});

describe("tus-js-client against the route handler over loopback", () => {
  let server: http.Server;
  let endpoint: string;
  const patches: number[] = [];

  beforeAll(async () => {
    server = http.createServer(async (req, res) => {
      const method = (req.method ?? "GET") as Method;
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const init: RequestInit & { duplex?: "half" } = { method, headers };
      if (method !== "GET" && method !== "HEAD") {
        init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
        init.duplex = "half";
      }
      if (method === "PATCH") patches.push(Number(req.headers["content-length"] ?? -1));
      try {
        const out = await handlers[method](new NextRequest(`${endpoint}${req.url!.slice("/api/uploads".length)}`, init as ConstructorParameters<typeof NextRequest>[1]), ctx);
        res.writeHead(out.status, Object.fromEntries(out.headers.entries()));
        res.end(method === "HEAD" ? undefined : Buffer.from(await out.arrayBuffer()));
      } catch (err) {
        res.writeHead(599);
        res.end(String(err));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/uploads`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  /** A growing recording: `total` deterministic bytes handed out as a stream, hashed on the way. */
  function recording(total: number, seed: number) {
    const hash = createHash("sha256");
    let sent = 0;
    const stream = new Readable({
      read() {
        if (sent >= total) return this.push(null);
        const n = Math.min(64 * 1024, total - sent);
        const chunk = Buffer.alloc(n, (seed + sent / 65536) & 0xff);
        hash.update(chunk);
        sent += n;
        this.push(chunk);
      },
    });
    return { stream, digest: () => hash.digest("hex") };
  }

  function upload(t: Take, input: Readable | Buffer, options: Partial<tus.UploadOptions> = {}) {
    let instance!: tus.Upload;
    const done = new Promise<string>((resolve, reject) => {
      instance = new tus.Upload(input, {
        endpoint,
        chunkSize: 512 * 1024,
        uploadLengthDeferred: true,
        retryDelays: [0, 50, 100],
        storeFingerprintForResuming: false,
        headers: { "Upload-Grant": t.token, "Upload-Writer": t.writer },
        onSuccess: () => resolve(instance.url!),
        onError: reject,
        ...options,
      });
    });
    return { instance, done };
  }

  it("streams a 5 MB recording in chunks with a deferred length, and it finalises", async () => {
    const t = newTake(6 * 1024 * 1024);
    // Not a whole number of chunks: the last PATCH is short and declares the length.
    const total = 5 * 1024 * 1024 + 12_345;
    const rec = recording(total, 7);
    patches.length = 0;
    const heapBefore = process.memoryUsage().heapUsed;
    const { instance, done } = upload(t, rec.stream);
    instance.start();
    const url = await done;
    expect(url).toBe(`${endpoint}/${t.takeId}`);
    expect(patches.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...patches)).toBeLessThanOrEqual(512 * 1024);
    // Loose: the 5 MB were never all held at once by this process on top of what it had.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
    const result = await finaliseUpload({ grant: t.grant, uploadId: t.takeId, expectedBytes: total, sha256: rec.digest() });
    expect(result.bytes).toBe(total);
  });

  it("resumes from the server's offset after an abort (HEAD, then PATCH from there)", async () => {
    const t = newTake();
    const data = randomBytes(2 * 1024 * 1024);
    const first = upload(t, data, { chunkSize: 256 * 1024, uploadLengthDeferred: false });
    let chunks = 0;
    const aborted = new Promise<void>((resolve) => {
      first.instance.options.onChunkComplete = () => {
        if (++chunks === 3) {
          void first.instance.abort().then(resolve);
        }
      };
    });
    first.instance.start();
    await aborted;
    const offset = await offsetOf(t);
    expect(offset).toBeGreaterThanOrEqual(3 * 256 * 1024);
    expect(offset).toBeLessThan(data.length);
    patches.length = 0;
    const second = upload(t, data, { chunkSize: 256 * 1024, uploadLengthDeferred: false, uploadUrl: `${endpoint}/${t.takeId}` });
    second.instance.start();
    await second.done;
    // Only the missing part was sent again.
    expect(patches.length).toBe(Math.ceil((data.length - offset) / (256 * 1024)));
    const result = await finaliseUpload({ grant: t.grant, uploadId: t.takeId, expectedBytes: data.length, sha256: sha(data) });
    expect(result.sha256).toBe(sha(data));
  });

  it("a second writer with the client is refused while the first holds the take", async () => {
    const t = newTake();
    const data = randomBytes(300 * 1024);
    await create(t);
    await patch(t, 0, data.subarray(0, 100 * 1024));
    const intruder = { ...t, writer: randomBytes(16).toString("base64url") };
    const second = upload(intruder, data, { uploadUrl: `${endpoint}/${t.takeId}`, retryDelays: [] });
    second.instance.start();
    const error = (await second.done.catch((e: unknown) => e)) as tus.DetailedError;
    expect(error.originalResponse?.getStatus()).toBe(409);
    expect(error.originalResponse?.getBody()).toContain("writer_fenced");
  });
});
