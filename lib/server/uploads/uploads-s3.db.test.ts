// tus on S3, as a serverless deployment runs it: the S3Store (@tus/s3-store) on a local
// S3-compatible server (tests/s3-server.ts: s3rver plus ListParts and AbortMultipartUpload),
// and the PostgreSQL locker. Two tus servers with their own store and locker stand for two
// instances; the chunks of one upload alternate between them.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { MemoryLocker } from "@tus/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { startTestS3, type TestS3 } from "@/tests/s3-server";
import { rejection } from "@/tests/app-error";
import { finaliseUpload } from "./finalise-upload";
import { createTus, handleUploadRequest, readUpload, type Tus } from "./handle-upload-request";
import { PgLocker } from "./pg-locker";
import { createUploadGrant, verifyUploadGrant, type UploadGrant } from "./upload-grant";
import { createUploadStore, uploadLockerKind } from "./upload-store";

const MB = 1024 * 1024;
const ORIGIN = "http://localhost:3000";
let s3: TestS3;
let a: Tus;
let b: Tus;
let client: S3Client;

function s3Env() {
  return parseEnv({
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: s3.bucket,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    DATA_DIR: process.env.DATA_DIR,
  });
}

beforeAll(async () => {
  s3 = await startTestS3();
  a = createTus(createUploadStore(s3Env()));
  b = createTus(createUploadStore(s3Env()));
  client = new S3Client({
    endpoint: s3.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });
});
afterAll(async () => {
  client?.destroy();
  await s3?.close();
});

type Take = { takeId: string; token: string; grant: UploadGrant; writer: string };
function newTake(maxBytes = 64 * MB): Take {
  const takeId = randomUUID();
  const token = createUploadGrant({ takeId, sessionId: randomUUID(), userId: randomUUID(), maxBytes, ttlSeconds: 600 });
  return { takeId, token, grant: verifyUploadGrant(token)!, writer: randomBytes(16).toString("base64url") };
}

function call(tus: Tus, method: string, path: string, headers: Record<string, string>, body?: BodyInit | ReadableStream<Uint8Array>) {
  const init: RequestInit & { duplex?: "half" } = { method, headers: { "tus-resumable": "1.0.0", ...headers } };
  if (body !== undefined) {
    init.body = body as BodyInit;
    init.duplex = "half";
  }
  return handleUploadRequest(new Request(`${ORIGIN}/api/uploads${path}`, init), tus);
}
const auth = (t: Take) => ({ "upload-grant": t.token, "upload-writer": t.writer });
const create = (tus: Tus, t: Take) => call(tus, "POST", "", { ...auth(t), "upload-defer-length": "1" });
const patch = (tus: Tus, t: Take, offset: number, body: BodyInit | ReadableStream<Uint8Array>, extra: Record<string, string> = {}) =>
  call(tus, "PATCH", `/${t.takeId}`, { ...auth(t), "upload-offset": String(offset), "content-type": "application/offset+octet-stream", ...extra }, body);
const head = (tus: Tus, t: Take) => call(tus, "HEAD", `/${t.takeId}`, { "upload-grant": t.token });
const offsetOf = async (tus: Tus, t: Take) => Number((await head(tus, t)).headers.get("upload-offset"));
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** A body that sends `bytes` and then fails, as a dropped connection does. */
function failingBody(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream({
    pull(controller) {
      if (sent) return controller.error(new Error("connection reset"));
      sent = true;
      controller.enqueue(bytes);
    },
  });
}

async function keysOf(takeId: string): Promise<string[]> {
  const list = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: takeId }));
  return (list.Contents ?? []).map((o) => o.Key!).sort();
}

async function bytesOf(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe("tus on S3 across two instances", () => {
  it("selects the S3 store when media storage is S3 (the disk store otherwise); the PostgreSQL locker only for S3 on PostgreSQL", () => {
    expect(a.uploads.kind).toBe("s3");
    const disk = createUploadStore(parseEnv({ DATA_DIR: process.env.DATA_DIR }));
    expect(disk.kind).toBe("file");
    expect(process.env.DATABASE_URL).toBeTruthy();
    expect(a.locker).toBeInstanceOf(PgLocker);
    expect(a.locker).not.toBe(b.locker);
    // One machine's disk, one process: tus's in-process lock, no commits per request.
    const onDisk = createTus(disk);
    expect(onDisk.locker).toBeInstanceOf(MemoryLocker);
    // /api/health reports the same choice.
    expect(uploadLockerKind("s3", process.env.DATABASE_URL)).toBe("postgresql");
    expect(uploadLockerKind("file", process.env.DATABASE_URL)).toBe("memory");
    expect(uploadLockerKind("s3", undefined)).toBe("memory");
  });

  it("creates a deferred-length upload, takes chunks on alternate instances, resumes after a cut, finalises from S3", async () => {
    const t = newTake();
    const whole = randomBytes(8 * MB + 123_457);
    const created = await create(a, t);
    expect(created.status).toBe(201);
    expect(await keysOf(t.takeId)).toEqual([`${t.takeId}.info`]);

    // 3 MB: under S3's 5 MB minimum part, kept as the trailing `.part` object.
    expect((await patch(b, t, 0, whole.subarray(0, 3 * MB))).status).toBe(204);
    expect(await offsetOf(a, t)).toBe(3 * MB);
    expect(await keysOf(t.takeId)).toEqual([`${t.takeId}.info`, `${t.takeId}.part`]);

    // 4 MB more on the other instance: with the trailing part, a 7 MB multipart part.
    expect((await patch(a, t, 3 * MB, whole.subarray(3 * MB, 7 * MB))).status).toBe(204);
    expect(await offsetOf(b, t)).toBe(7 * MB);
    expect(await keysOf(t.takeId)).toEqual([`${t.takeId}.info`]);
    expect(s3.calls.ListParts).toBeGreaterThan(0);

    // A chunk at the wrong offset is refused with the server's offset.
    const wrong = await patch(b, t, 5 * MB, whole.subarray(5 * MB, 6 * MB));
    expect(wrong.status).toBe(409);
    expect(wrong.headers.get("upload-offset")).toBe(String(7 * MB));

    // A connection cut half-way through a chunk: the client asks (HEAD) and resumes from there.
    const cut = await patch(a, t, 7 * MB, failingBody(whole.subarray(7 * MB, 7 * MB + 300_000)));
    expect(cut.status).toBeGreaterThanOrEqual(400);
    const resumeAt = await offsetOf(b, t);
    expect(resumeAt).toBeGreaterThanOrEqual(7 * MB);
    expect(resumeAt).toBeLessThanOrEqual(7 * MB + 300_000);
    expect((await patch(b, t, resumeAt, whole.subarray(resumeAt))).status).toBe(204);
    expect(await offsetOf(a, t)).toBe(whole.length);
    expect((await head(a, t)).headers.get("upload-length")).toBeNull();

    // Finalise on instance B: declares the length, completes the multipart upload, hashes it from S3.
    const done = await finaliseUpload({ grant: t.grant, uploadId: t.takeId, expectedBytes: whole.length, sha256: sha(whole), tus: b });
    expect(done).toEqual({ bytes: whole.length, sha256: sha(whole) });
    expect(await keysOf(t.takeId)).toEqual([t.takeId, `${t.takeId}.info`]);
    // Instance A sees the declared length (no per-instance metadata cache) and takes no more bytes.
    expect((await head(a, t)).headers.get("upload-length")).toBe(String(whole.length));
    expect((await patch(a, t, whole.length, randomBytes(10))).status).toBeGreaterThanOrEqual(400);
    // Reads, whole and ranged, come from S3.
    expect(Buffer.compare(await bytesOf(await readUpload(t.takeId, undefined, a)), whole)).toBe(0);
    expect(Buffer.compare(await bytesOf(await readUpload(t.takeId, { start: 0, end: 11 }, a)), whole.subarray(0, 12))).toBe(0);
    // Finalising again gives the same answer.
    expect(await finaliseUpload({ grant: t.grant, uploadId: t.takeId, expectedBytes: whole.length, sha256: sha(whole), tus: a })).toEqual(done);

    // Removing it (finalise-take does, once the bytes are in media storage) leaves nothing behind.
    await a.store.remove(t.takeId);
    expect(await keysOf(t.takeId)).toEqual([]);
  }, 60_000);

  it("a client that declares the length in its last chunk completes the upload; a wrong count is a 409, a wrong checksum a 409 that removes the closed upload", async () => {
    const t = newTake();
    const whole = randomBytes(1_000_001);
    await create(b, t);
    expect((await patch(a, t, 0, whole.subarray(0, 600_000))).status).toBe(204);
    const last = await patch(b, t, 600_000, whole.subarray(600_000), { "upload-length": String(whole.length) });
    expect(last.status).toBe(204);
    expect(await keysOf(t.takeId)).toEqual([t.takeId, `${t.takeId}.info`]);
    const count = await rejection(finaliseUpload({ grant: t.grant, uploadId: t.takeId, expectedBytes: 999, sha256: sha(whole), tus: a }));
    expect(count.status).toBe(409);
    expect(count.details).toMatchObject({ bytes: whole.length });
    const sum = await rejection(finaliseUpload({ grant: t.grant, uploadId: t.takeId, expectedBytes: whole.length, sha256: "0".repeat(64), tus: a }));
    expect(sum.status).toBe(409);
    expect(sum.details).toMatchObject({ bytes: whole.length, reason: "checksum_mismatch" });
    // Completed to be hashed, it could never take another byte: it is gone, and so is a retry.
    expect(await keysOf(t.takeId)).toEqual([]);
    expect((await head(a, t)).status).toBe(404);
    const retry = await rejection(finaliseUpload({ grant: t.grant, uploadId: t.takeId, expectedBytes: whole.length, sha256: sha(whole), tus: a }));
    expect(retry.status).toBe(404);
  });

  it("an empty or too short upload is a 422 before S3 is asked to complete it; the upload stays open", async () => {
    const t = newTake();
    await create(a, t);
    const none = await rejection(finaliseUpload({ grant: t.grant, uploadId: t.takeId, expectedBytes: 0, sha256: sha(Buffer.alloc(0)), tus: a }));
    expect(none.status).toBe(422);
    const tiny = randomBytes(5);
    expect((await patch(a, t, 0, tiny)).status).toBe(204);
    const short = await rejection(finaliseUpload({ grant: t.grant, uploadId: t.takeId, expectedBytes: 5, sha256: sha(tiny), tus: b, minBytes: 12 }));
    expect(short.status).toBe(422);
    expect((await head(a, t)).headers.get("upload-defer-length")).toBe("1");
    const rest = randomBytes(20);
    expect((await patch(b, t, 5, rest)).status).toBe(204);
    expect((await finaliseUpload({ grant: t.grant, uploadId: t.takeId, expectedBytes: 25, sha256: sha(Buffer.concat([tiny, rest])), tus: a, minBytes: 12 })).bytes).toBe(25);
  });

  it("an unfinished upload is removed with its parts (AbortMultipartUpload) and its trailing part", async () => {
    const t = newTake();
    await create(a, t);
    await patch(a, t, 0, randomBytes(6 * MB));
    await patch(a, t, 6 * MB, randomBytes(1000));
    expect(await keysOf(t.takeId)).toEqual([`${t.takeId}.info`, `${t.takeId}.part`]);
    const aborts = s3.calls.AbortMultipartUpload ?? 0;
    const deleted = await call(b, "DELETE", `/${t.takeId}`, auth(t));
    expect(deleted.status).toBe(204);
    expect(s3.calls.AbortMultipartUpload).toBe(aborts + 1);
    expect(await keysOf(t.takeId)).toEqual([]);
    expect((await head(a, t)).status).toBe(404);
  });
});
