// Takes of video questions against the real database and the real tus route handler: starting
// (wrong question, text question, retakes, mime type, storage quota), uploading a real 2-second
// WebM, finalising (MediaFile, Response, both events once; checksum, non-video, duration),
// a retake superseding the earlier take, storage accounting on media.uploaded, and the
// candidate route handlers under /i/<token>/takes.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { POST as tusPost, PATCH as tusPatch } from "@/app/api/uploads/[[...path]]/route";
import { POST as startRoute } from "@/app/i/[token]/takes/route";
import { POST as finaliseRoute } from "@/app/i/[token]/takes/[takeId]/finalise/route";
import { getStorage } from "@/lib/adapters/storage";
import { getDb } from "@/lib/db/client";
import type { DomainEvent } from "@/lib/events/catalog";
import { toDomainEvent } from "@/lib/events/stored";
import { lockQuota } from "@/lib/server/quotas/enforce-quota";
import { accountStorage } from "@/lib/server/storage/account-storage";
import { tusServer, uploadFilePath } from "@/lib/server/uploads/handle-upload-request";
import { rejection } from "@/tests/app-error";
import { uniqueEmail } from "@/tests/fixtures";
import { interviewWithInvited, questionsOf, startPersonal } from "./candidates.fixtures";
import { finaliseTake, RESPONSES_BUCKET } from "./finalise-take";
import { SESSION_COOKIE } from "./session-access";
import { NO_RETAKES_LEFT, startTake, TAKE_ALREADY_RECORDED, TAKE_KEY_TAKEN, type StartedTake } from "./start-take";
import { sizeLimitBytes } from "./take-limits";

const ORIGIN = "http://localhost:3000";
const WEBM = new Uint8Array(readFileSync("tests/media/two-seconds.webm"));
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

async function candidate(retakes?: number) {
  const email = uniqueEmail("take");
  const { user, interview, tokens } = await interviewWithInvited([email]);
  const token = tokens[email]!;
  const started = await startPersonal(token);
  const [video, text] = await questionsOf(interview.currentVersionId!);
  const db = await getDb();
  if (retakes !== undefined) await db.question.update({ where: { id: video!.id }, data: { retakes } });
  return { user, interview, token, secret: started.secret, sessionId: started.sessionId, video: video!, text: text! };
}
type Candidate = Awaited<ReturnType<typeof candidate>>;

const start = (c: Candidate, mimeType = "video/webm;codecs=vp8,opus") =>
  startTake({ token: c.token, secret: c.secret, questionId: c.video.id, mimeType, requestId: "req-take" });

/** Uploads `bytes` through the tus route handler with the take's grant. */
async function upload(take: StartedTake, bytes: Uint8Array): Promise<void> {
  const headers = { "tus-resumable": "1.0.0", "upload-grant": take.grant, "upload-writer": randomBytes(16).toString("base64url") };
  const ctx = { params: Promise.resolve({}) };
  const created = await tusPost(new NextRequest(`${ORIGIN}/api/uploads`, { method: "POST", headers: { ...headers, "upload-defer-length": "1" } }), ctx);
  expect(created.status).toBe(201);
  const patched = await tusPatch(
    new NextRequest(`${ORIGIN}/api/uploads/${take.takeId}`, {
      method: "PATCH",
      headers: { ...headers, "upload-offset": "0", "content-type": "application/offset+octet-stream" },
      body: bytes as BodyInit,
    }),
    ctx,
  );
  expect(patched.status).toBe(204);
}

const finalise = (c: Candidate, take: StartedTake, bytes: Uint8Array, over: Record<string, unknown> = {}) =>
  finaliseTake({ token: c.token, secret: c.secret, takeId: take.takeId, bytes: bytes.length, sha256: sha(bytes), durationSeconds: 2, requestId: "req-fin", ...over });

async function eventsOf(type: string, key: string): Promise<DomainEvent[]> {
  const db = await getDb();
  const rows = await db.event.findMany({ where: { eventType: type, partitionKey: key }, orderBy: { seq: "asc" } });
  return rows.map(toDomainEvent);
}

describe("startTake", () => {
  it("records a take (a Response in status recording, attempt 1) and grants an upload limited by the time limit", async () => {
    const c = await candidate();
    const take = await start(c);
    expect(take).toMatchObject({ uploadUrl: "/api/uploads", attempt: 1, maxBytes: sizeLimitBytes(c.video.maxSeconds!) });
    const db = await getDb();
    const row = await db.response.findUniqueOrThrow({ where: { id: take.takeId } });
    expect(row).toMatchObject({ sessionId: c.sessionId, questionId: c.video.id, attempt: 1, status: "recording", submittedAt: null });
  });

  it("refuses another interview's question (404), a text question (400), a bad mime type (415), no session (404)", async () => {
    const c = await candidate();
    const other = await candidate();
    expect((await rejection(startTake({ token: c.token, secret: c.secret, questionId: other.video.id, mimeType: "video/webm" }))).code).toBe("NOT_FOUND");
    expect((await rejection(startTake({ token: c.token, secret: c.secret, questionId: "junk", mimeType: "video/webm" }))).code).toBe("NOT_FOUND");
    expect((await rejection(startTake({ token: c.token, secret: c.secret, questionId: c.text.id, mimeType: "video/webm" }))).code).toBe("BAD_REQUEST");
    for (const mimeType of ["audio/webm", "text/plain", "video/quicktime", 42, "video/webm; codecs=\u0000"]) {
      expect((await rejection(start(c, mimeType as string))).code).toBe("UNSUPPORTED_MEDIA_TYPE");
    }
    expect((await rejection(startTake({ token: c.token, secret: other.secret, questionId: c.video.id, mimeType: "video/webm" }))).code).toBe("NOT_FOUND");
    const db = await getDb();
    expect(await db.response.count({ where: { sessionId: c.sessionId } })).toBe(0);
  });

  it("allows 1 + retakes attempts, then 409 no retakes left", async () => {
    const c = await candidate(1);
    expect((await start(c)).attempt).toBe(1);
    expect((await start(c, "video/mp4;codecs=\"avc1.42E01E,mp4a.40.2\"")).attempt).toBe(2);
    const refused = await rejection(start(c));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toBe(NO_RETAKES_LEFT);
  });

  it("two tabs starting at once get attempts 1 and 2", async () => {
    const c = await candidate(3);
    const takes = await Promise.all([start(c), start(c)]);
    expect(takes.map((t) => t.attempt).sort()).toEqual([1, 2]);
  });

  it("a retried start with the browser's takeId gets the same take and attempt (no attempt burnt); not once it holds bytes", async () => {
    const c = await candidate(0);
    const key = crypto.randomUUID();
    const keyed = (takeId: unknown) => startTake({ token: c.token, secret: c.secret, questionId: c.video.id, mimeType: "video/webm", takeId });
    const first = await keyed(key);
    const again = await keyed(key.toUpperCase());
    expect(first).toMatchObject({ takeId: key, attempt: 1 });
    expect(again).toMatchObject({ takeId: key, attempt: 1, maxBytes: first.maxBytes });
    const db = await getDb();
    expect(await db.response.count({ where: { sessionId: c.sessionId, questionId: c.video.id } })).toBe(1);
    // With retakes 0, a new take is refused; the retried one still works after an upload, with its fresh grant.
    expect((await rejection(keyed(crypto.randomUUID()))).message).toBe(NO_RETAKES_LEFT);
    await upload(again, WEBM);
    const recorded = await rejection(keyed(key));
    expect(recorded.code).toBe("CONFLICT");
    expect(recorded.message).toBe(TAKE_ALREADY_RECORDED);
    expect((await finalise(c, again, WEBM)).responseId).toBe(key);

    // Another session's id is refused without saying whose it is; junk is 400.
    const other = await candidate(2);
    const stolen = await rejection(startTake({ token: other.token, secret: other.secret, questionId: other.video.id, mimeType: "video/webm", takeId: key }));
    expect(stolen.message).toBe(TAKE_KEY_TAKEN);
    expect((await rejection(startTake({ token: other.token, secret: other.secret, questionId: other.video.id, mimeType: "video/webm", takeId: "nope" }))).code).toBe("VALIDATION");
    expect(await db.response.count({ where: { sessionId: other.sessionId } })).toBe(0);
  });

  it("limits maxBytes to the storage left and refuses with the usage when none is left (403 QUOTA_EXCEEDED)", async () => {
    const c = await candidate();
    const db = await getDb();
    await db.$transaction((tx) => lockQuota(tx, c.user.id));
    await db.quota.update({ where: { userId: c.user.id }, data: { maxStorageBytes: 1000n } });
    await db.user.update({ where: { id: c.user.id }, data: { storageUsed: 400n } });
    expect((await start(c)).maxBytes).toBe(600);
    await db.user.update({ where: { id: c.user.id }, data: { storageUsed: 1000n } });
    const refused = await rejection(start(c));
    expect(refused.code).toBe("QUOTA_EXCEEDED");
    expect(refused.details).toMatchObject({ limit: "storage", used: 1000, max: 1000 });
  });
});

describe("finaliseTake", () => {
  it("stores a real WebM: MediaFile, submitted Response, media.uploaded and candidate.response_submitted once; storage accounting counts it", async () => {
    const c = await candidate();
    const take = await start(c);
    await upload(take, WEBM);
    const done = await finalise(c, take, WEBM, { mimeType: "video/webm;codecs=vp8,opus" });
    expect(done).toMatchObject({ responseId: take.takeId, bytes: WEBM.length, sha256: sha(WEBM), durationSeconds: 2 });

    const db = await getDb();
    const media = await db.mediaFile.findUniqueOrThrow({ where: { id: done.mediaFileId } });
    expect(media).toMatchObject({ userId: c.user.id, kind: "response", status: "uploaded", mimeType: "video/webm;codecs=vp8,opus", checksum: sha(WEBM), bucket: RESPONSES_BUCKET });
    expect(media.path).toBe(`responses/${c.user.id}/${c.sessionId}/${take.takeId}.webm`);
    expect(Number(media.originalSize)).toBe(WEBM.length);
    const stored = await getStorage().get(RESPONSES_BUCKET, media.path);
    const back = new Uint8Array(await new Response(stored!.body).arrayBuffer());
    expect(sha(back)).toBe(sha(WEBM));
    expect(existsSync(uploadFilePath(take.takeId))).toBe(false);

    const response = await db.response.findUniqueOrThrow({ where: { id: take.takeId } });
    expect(response).toMatchObject({ status: "uploaded", mediaFileId: media.id, durationSeconds: 2 });
    expect(response.submittedAt).not.toBeNull();

    const again = await finalise(c, take, WEBM);
    expect(again).toEqual(done);
    const uploaded = await eventsOf("media.uploaded", c.user.id);
    expect(uploaded.map((e) => e.data)).toEqual([
      { fileId: media.id, fileName: `${take.takeId}.webm`, fileSize: WEBM.length, mimeType: media.mimeType, bucket: RESPONSES_BUCKET, path: media.path },
    ]);
    const submitted = await eventsOf("candidate.response_submitted", c.sessionId);
    expect(submitted.map((e) => e.data)).toEqual([{ responseId: take.takeId, questionId: c.video.id, mediaFileId: media.id, duration: 2 }]);

    const before = (await db.user.findUniqueOrThrow({ where: { id: c.user.id } })).storageUsed;
    await accountStorage(uploaded[0] as DomainEvent<"media.uploaded">);
    const after = (await db.user.findUniqueOrThrow({ where: { id: c.user.id } })).storageUsed;
    expect(after - before).toBe(BigInt(WEBM.length));
    // The question is answered: no new take.
    expect((await rejection(start(c))).code).toBe("CONFLICT");
  });

  it("stores the declared type normalised (spaces around ';' dropped), and video/<container> for one with a control character", async () => {
    const db = await getDb();
    for (const [declared, stored] of [
      ["video/webm ;codecs=vp8", "video/webm;codecs=vp8"],
      ["video/webm;\tcodecs=vp8", "video/webm"],
    ] as const) {
      const c = await candidate();
      const take = await start(c);
      await upload(take, WEBM);
      const done = await finalise(c, take, WEBM, { mimeType: declared });
      expect((await db.mediaFile.findUniqueOrThrow({ where: { id: done.mediaFileId } })).mimeType, declared).toBe(stored);
    }
  });

  it("a checksum or byte-count mismatch is 409 with the server's length, and nothing is marked", async () => {
    const c = await candidate();
    const take = await start(c);
    await upload(take, WEBM);
    const wrongSha = await rejection(finalise(c, take, WEBM, { sha256: "0".repeat(64) }));
    expect(wrongSha.code).toBe("CONFLICT");
    expect(wrongSha.details).toMatchObject({ bytes: WEBM.length });
    const wrongBytes = await rejection(finalise(c, take, WEBM, { bytes: WEBM.length + 5 }));
    expect(wrongBytes.code).toBe("CONFLICT");
    expect(wrongBytes.details).toMatchObject({ bytes: WEBM.length });
    const db = await getDb();
    expect((await db.response.findUniqueOrThrow({ where: { id: take.takeId } })).status).toBe("recording");
    expect(await eventsOf("media.uploaded", c.user.id)).toEqual([]);
    // The right values still finalise.
    expect((await finalise(c, take, WEBM)).bytes).toBe(WEBM.length);
  });

  it("a text file named .webm is 415 and a recording over the time limit is 422; nothing submitted", async () => {
    const c = await candidate();
    const take = await start(c);
    const text = new TextEncoder().encode("this is not a video, only text renamed to answer.webm\n".repeat(20));
    await upload(take, text);
    expect((await rejection(finalise(c, take, text))).code).toBe("UNSUPPORTED_MEDIA_TYPE");

    const c2 = await candidate();
    const long = await start(c2);
    await upload(long, WEBM);
    const refused = await rejection(finalise(c2, long, WEBM, { durationSeconds: c2.video.maxSeconds! + 60 }));
    expect(refused.code).toBe("VALIDATION");
    const db = await getDb();
    for (const id of [take.takeId, long.takeId]) expect((await db.response.findUniqueOrThrow({ where: { id } })).submittedAt).toBeNull();
    expect(await db.mediaFile.count({ where: { userId: { in: [c.user.id, c2.user.id] } } })).toBe(0);
    expect(await eventsOf("candidate.response_submitted", c.sessionId)).toEqual([]);
  });

  it("a retake supersedes the earlier take: its row and upload go when the retake is submitted", async () => {
    const c = await candidate(2);
    const first = await start(c);
    await upload(first, WEBM);
    const second = await start(c);
    expect(second.attempt).toBe(2);
    await upload(second, WEBM);
    expect(existsSync(uploadFilePath(first.takeId))).toBe(true);
    await finalise(c, second, WEBM);
    const db = await getDb();
    expect(await db.response.findUnique({ where: { id: first.takeId } })).toBeNull();
    expect(existsSync(uploadFilePath(first.takeId))).toBe(false);
    const rows = await db.response.findMany({ where: { sessionId: c.sessionId } });
    expect(rows.map((r) => [r.attempt, r.status])).toEqual([[2, "uploaded"]]);
    // The superseded take can no longer be finalised.
    expect((await rejection(finalise(c, first, WEBM))).code).toBe("NOT_FOUND");
  });

  it("two tabs finalising the same take at once: one MediaFile, the same answer to both, each event once", async () => {
    const c = await candidate();
    const take = await start(c);
    await upload(take, WEBM);
    const [a, b] = await Promise.all([finalise(c, take, WEBM), finalise(c, take, WEBM)]);
    expect(a).toEqual(b);
    const db = await getDb();
    expect(await db.mediaFile.count({ where: { userId: c.user.id } })).toBe(1);
    expect(await eventsOf("media.uploaded", c.user.id)).toHaveLength(1);
    expect(await eventsOf("candidate.response_submitted", c.sessionId)).toHaveLength(1);
  });

  it("one finalise of a take at a time: a finalise waits while another holds the take's finalise lock, then answers its result; the stored file is intact", async () => {
    const c = await candidate();
    const take = await start(c);
    await upload(take, WEBM);
    // Another finalise of this take holds the lock through its copy and commit (the app's own
    // locker: PostgreSQL across instances, or in-process for the disk store).
    const other = tusServer().locker.newLock(`finalise:${take.takeId}`);
    await other.lock(new AbortController().signal, () => {});
    let settled = false;
    const waiting = finalise(c, take, WEBM).finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 1_500));
    expect(settled).toBe(false);
    const db = await getDb();
    expect(await db.mediaFile.count({ where: { userId: c.user.id } })).toBe(0);
    await other.unlock();
    const done = await waiting;
    const [again, concurrent] = await Promise.all([finalise(c, take, WEBM), finalise(c, take, WEBM)]);
    expect(again).toEqual(done);
    expect(concurrent).toEqual(done);
    const media = await db.mediaFile.findUniqueOrThrow({ where: { id: done.mediaFileId } });
    const stored = (await getStorage().get(media.bucket, media.path))!;
    expect(sha(new Uint8Array(await new Response(stored.body).arrayBuffer()))).toBe(sha(WEBM));
    expect(await db.mediaFile.count({ where: { userId: c.user.id } })).toBe(1);
    expect(await eventsOf("media.uploaded", c.user.id)).toHaveLength(1);
  });

  it("refuses a take of another session (404) and junk arguments (4xx)", async () => {
    const c = await candidate();
    const other = await candidate();
    const take = await start(c);
    await upload(take, WEBM);
    expect((await rejection(finaliseTake({ token: other.token, secret: other.secret, takeId: take.takeId, bytes: WEBM.length, sha256: sha(WEBM), durationSeconds: 2 }))).code).toBe("NOT_FOUND");
    for (const junk of [{ takeId: "x" }, { bytes: -1 }, { sha256: "zz" }, { durationSeconds: "long" }, { durationSeconds: Number.NaN }]) {
      const err = await rejection(finalise(c, take, WEBM, junk));
      expect(["NOT_FOUND", "VALIDATION"]).toContain(err.code);
    }
  });
});

describe("route handlers under /i/<token>/takes", () => {
  const post = (url: string, body: unknown, cookie?: string) =>
    new NextRequest(`${ORIGIN}${url}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN, ...(cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {}) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  it("start and finalise with the session cookie; without it a generic 404; junk bodies 4xx", async () => {
    const c = await candidate();
    const params = (extra: { takeId?: string } = {}) => ({ params: Promise.resolve({ token: c.token, takeId: "", ...extra }) });
    expect((await startRoute(post(`/i/${c.token}/takes`, { questionId: c.video.id, mimeType: "video/webm" }), params())).status).toBe(404);
    for (const junk of ["[", "null", "[1,2]", { questionId: 1 }]) {
      const res = await startRoute(post(`/i/${c.token}/takes`, junk, c.secret), params());
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    const started = await startRoute(post(`/i/${c.token}/takes`, { questionId: c.video.id, mimeType: "video/webm" }, c.secret), params());
    expect(started.status).toBe(201);
    const take = (await started.json()) as StartedTake;
    await upload(take, WEBM);
    const url = `/i/${c.token}/takes/${take.takeId}/finalise`;
    const body = { bytes: WEBM.length, sha256: sha(WEBM), durationSeconds: 2.4 };
    expect((await finaliseRoute(post(url, body), params({ takeId: take.takeId }))).status).toBe(404);
    const done = await finaliseRoute(post(url, body, c.secret), params({ takeId: take.takeId }));
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ responseId: take.takeId, bytes: WEBM.length, durationSeconds: 2 });
    const junk = await finaliseRoute(post(`/i/${c.token}/takes/nope/finalise`, { bytes: "x" }, c.secret), params({ takeId: "nope" }));
    expect(junk.status).toBe(404);
  });
});
