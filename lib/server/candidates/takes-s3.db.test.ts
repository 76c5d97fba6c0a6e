// A take uploaded and finalised with S3 media storage, as on Vercel: the tus chunks go to the
// S3 bucket (@tus/s3-store), finalise hashes the object streamed from S3 and copies it to
// media/responses/..., and the upload's objects are removed. The S3 server (tests/s3-server.ts)
// starts before the app's modules load, so the typed env sees S3 configured.
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll, describe, expect, it } from "vitest";
import { startTestS3 } from "@/tests/s3-server";

const s3 = await startTestS3();
Object.assign(process.env, { S3_ENDPOINT: s3.endpoint, S3_BUCKET: s3.bucket, S3_ACCESS_KEY_ID: s3.accessKeyId, S3_SECRET_ACCESS_KEY: s3.secretAccessKey });
const { NextRequest } = await import("next/server");
const { POST: tusPost, PATCH: tusPatch } = await import("@/app/api/uploads/[[...path]]/route");
const { getStorage } = await import("@/lib/adapters/storage");
const { getDb } = await import("@/lib/db/client");
const { tusServer } = await import("@/lib/server/uploads/handle-upload-request");
const { rejection } = await import("@/tests/app-error");
const { uniqueEmail } = await import("@/tests/fixtures");
const { interviewWithInvited, questionsOf, startPersonal } = await import("./candidates.fixtures");
const { finaliseTake, RESPONSES_BUCKET } = await import("./finalise-take");
const { startTake } = await import("./start-take");

const client = new S3Client({
  endpoint: s3.endpoint,
  region: "us-east-1",
  forcePathStyle: true,
  credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
});
afterAll(async () => {
  client.destroy();
  await s3.close();
});

const ORIGIN = "http://localhost:3000";
const WEBM = new Uint8Array(readFileSync("tests/media/two-seconds.webm"));
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const keys = async (prefix: string) =>
  ((await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key!).sort();

async function takeOf() {
  const email = uniqueEmail("take-s3");
  const { interview, tokens } = await interviewWithInvited([email]);
  const token = tokens[email]!;
  const started = await startPersonal(token);
  const [video] = await questionsOf(interview.currentVersionId!);
  const take = await startTake({ token, secret: started.secret, questionId: video!.id, mimeType: "video/webm;codecs=vp8,opus" });
  return { token, secret: started.secret, take };
}

/** The WebM in two chunks through the tus route handler. */
async function upload(grant: string, takeId: string, bytes: Uint8Array) {
  const headers = { "tus-resumable": "1.0.0", "upload-grant": grant, "upload-writer": randomBytes(16).toString("base64url") };
  const ctx = { params: Promise.resolve({}) };
  const created = await tusPost(new NextRequest(`${ORIGIN}/api/uploads`, { method: "POST", headers: { ...headers, "upload-defer-length": "1" } }), ctx);
  expect(created.status).toBe(201);
  const half = Math.floor(bytes.length / 2);
  for (const [offset, chunk] of [
    [0, bytes.subarray(0, half)],
    [half, bytes.subarray(half)],
  ] as const) {
    const res = await tusPatch(
      new NextRequest(`${ORIGIN}/api/uploads/${takeId}`, {
        method: "PATCH",
        headers: { ...headers, "upload-offset": String(offset), "content-type": "application/offset+octet-stream" },
        body: chunk as BodyInit,
      }),
      ctx,
    );
    expect(res.status).toBe(204);
  }
}

describe("finaliseTake with S3 (tus S3 store and S3 media storage)", () => {
  it("uses S3 for both, stores the recording under media/responses and removes the upload's objects", async () => {
    expect(getStorage().kind).toBe("s3");
    expect(tusServer().uploads.kind).toBe("s3");
    const { token, secret, take } = await takeOf();
    await upload(take.grant, take.takeId, WEBM);
    expect(await keys(take.takeId)).toEqual([`${take.takeId}.info`, `${take.takeId}.part`]);

    const done = await finaliseTake({ token, secret, takeId: take.takeId, bytes: WEBM.length, sha256: sha(WEBM), durationSeconds: 2 });
    expect(done).toMatchObject({ bytes: WEBM.length, sha256: sha(WEBM) });
    const db = await getDb();
    const media = await db.mediaFile.findUniqueOrThrow({ where: { id: done.mediaFileId } });
    expect(media.mimeType).toBe("video/webm");
    const stored = (await getStorage().get(RESPONSES_BUCKET, media.path))!;
    expect(Buffer.compare(Buffer.from(await new Response(stored.body).arrayBuffer()), Buffer.from(WEBM))).toBe(0);
    expect(await keys(`${RESPONSES_BUCKET}/responses/`)).toContain(`${RESPONSES_BUCKET}/${media.path}`);
    expect(await keys(take.takeId)).toEqual([]);
  });

  it("a wrong checksum is a 409 with the server's length, and no MediaFile is made", async () => {
    const { token, secret, take } = await takeOf();
    await upload(take.grant, take.takeId, WEBM);
    const refused = await rejection(finaliseTake({ token, secret, takeId: take.takeId, bytes: WEBM.length, sha256: "0".repeat(64), durationSeconds: 2 }));
    expect(refused.status).toBe(409);
    expect(refused.details).toMatchObject({ bytes: WEBM.length, reason: "checksum_mismatch" });
    const db = await getDb();
    expect((await db.response.findUniqueOrThrow({ where: { id: take.takeId } })).mediaFileId).toBeNull();
    // The upload was completed (closed) to be hashed: it cannot be resent, so nothing of it stays in S3.
    expect(await keys(take.takeId)).toEqual([]);
    expect((await rejection(finaliseTake({ token, secret, takeId: take.takeId, bytes: WEBM.length, sha256: "0".repeat(64), durationSeconds: 2 }))).status).toBe(404);
  });
});
