// process-media on both engines with real ffmpeg and the real storage adapter (local disk):
// a recorded answer becomes a processed MP4 with poster and speech track, the original goes,
// and storage accounting ends exact however often each event is delivered.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getStorage } from "@/lib/adapters/storage";
import { getDb } from "@/lib/db/client";
import type { DomainEvent, EventType } from "@/lib/events/catalog";
import { publish } from "@/lib/events/publish";
import { toDomainEvent } from "@/lib/events/stored";
import { interviewWithInvited, questionsOf, startPersonal } from "@/lib/server/candidates/candidates.fixtures";
import { RESPONSES_BUCKET } from "@/lib/server/candidates/finalise-take";
import { submittedAnswer, webm as webmIn } from "@/lib/server/media/media.fixtures";
import { getThumbnailUrl } from "@/lib/server/media/get-thumbnail";
import { claimProcessing, processedKeys, recordProcessed, runProcessing } from "@/lib/server/media/process-media";
import { getSession } from "@/lib/server/sessions/get-session";
import { engines } from "@/tests/engines";
import { createAccount, uniqueEmail } from "@/tests/fixtures";
import { deleteAccount } from "@/lib/server/users/delete-account";
import { deleteUserMediaFn } from "./delete-user-media";
import { processMediaFn } from "./process-media";
import { responseStatusFn } from "./response-status";
import { storageAccountingFn } from "./storage-accounting";

const dir = mkdtempSync(join(tmpdir(), "process-media-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const webm = () => webmIn(dir);

async function eventsOfOwner<T extends EventType>(eventType: T, ownerId: string): Promise<DomainEvent<T>[]> {
  const db = await getDb();
  const rows = await db.event.findMany({ where: { eventType, ownerId }, orderBy: { seq: "asc" } });
  return rows.map((r) => toDomainEvent(r) as DomainEvent<T>);
}

async function eventsOf<T extends EventType>(eventType: T, fileId: string): Promise<DomainEvent<T>[]> {
  const db = await getDb();
  const rows = await db.event.findMany({ where: { eventType, data: { path: ["fileId"], equals: fileId } }, orderBy: { seq: "asc" } });
  return rows.map((r) => toDomainEvent(r) as DomainEvent<T>);
}

describe.each(engines)("process-media on $name", ({ execute }) => {
  it("processes a recorded answer once, deletes the original, and leaves storage_used exact", { timeout: 120_000 }, async () => {
    const bytes = webm();
    const { user, event, mediaId, responseId, key } = await submittedAnswer(bytes);
    const first = (await execute(processMediaFn, event)) as { processed: string; processedSize: number; flags: string[] };
    expect(first).toMatchObject({ processed: mediaId, originalSize: bytes.length, flags: [] });
    // A second delivery finds the file done.
    expect(await execute(processMediaFn, event)).toEqual({ skipped: "already ready" });

    const db = await getDb();
    const file = await db.mediaFile.findUniqueOrThrow({ where: { id: mediaId } });
    const keys = processedKeys(mediaId);
    expect(file).toMatchObject({
      status: "ready",
      processedPath: keys.mp4,
      thumbnailPath: keys.thumbnail,
      speechPath: keys.speech,
      width: 640,
      height: 360,
      videoCodec: "h264",
      audioCodec: "aac",
      processingError: null,
      flags: [],
    });
    expect(file.durationSeconds).toBeGreaterThan(1.8);
    const storage = getStorage();
    expect(await storage.stat(RESPONSES_BUCKET, key)).toBeNull(); // original gone
    const mp4 = await storage.stat(RESPONSES_BUCKET, keys.mp4);
    const thumb = await storage.stat(RESPONSES_BUCKET, keys.thumbnail);
    const speech = await storage.stat(RESPONSES_BUCKET, keys.speech);
    const strip = await storage.stat(RESPONSES_BUCKET, keys.strip);
    expect(mp4!.size).toBeGreaterThan(1000);
    const derived = mp4!.size + thumb!.size + speech!.size + strip!.size;
    expect(Number(file.processedSize)).toBe(derived);

    const processed = await eventsOf("media.processed", mediaId);
    const deleted = await eventsOf("media.deleted", mediaId);
    expect(processed).toHaveLength(1);
    expect(deleted).toHaveLength(1);
    expect(processed[0]!.data).toMatchObject({ fileId: mediaId, originalSize: bytes.length, processedSize: derived });
    expect(processed[0]!.data.thumbnailUrl).toMatch(new RegExp(`/api/v1/media/${mediaId}/thumbnail$`));
    expect(processed[0]!.metadata.causationId).toBe(event.eventId);
    expect(deleted[0]!.data).toMatchObject({ fileId: mediaId, fileSize: bytes.length });

    // Storage accounting, each event delivered twice: + derived, − original, once each.
    for (const e of [processed[0]!, deleted[0]!, processed[0]!, deleted[0]!]) await execute(storageAccountingFn, e);
    expect(Number((await db.user.findUniqueOrThrow({ where: { id: user.id } })).storageUsed)).toBe(derived);

    // The API: processed, the MP4 to play, a poster, no flags; the poster's stable URL for its owner only.
    const view = await getSession({ actor: user, sessionId: event.sessionId });
    const media = view.answers.find((a) => a.media)!.media!;
    expect(media).toMatchObject({ status: "processed", size: bytes.length, processedSize: derived, mimeType: "video/mp4", flags: [], flagReasons: [] });
    expect(media.playbackUrl).toContain(`/processed/${mediaId}/answer.mp4?`);
    expect(media.thumbnailUrl).toContain(`/processed/${mediaId}/thumbnail.jpg?`);
    expect(media.thumbnailUrl).toContain("type=image%2Fjpeg");
    expect(await getThumbnailUrl({ actor: user, fileId: mediaId })).toContain("thumbnail.jpg");
    const stranger = await createAccount();
    await expect(getThumbnailUrl({ actor: stranger, fileId: mediaId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getThumbnailUrl({ actor: user, fileId: "not-a-uuid" })).rejects.toMatchObject({ code: "NOT_FOUND" });

    // response-status: the answer is ready, once.
    expect(await execute(responseStatusFn, processed[0]!)).toEqual({ changed: 1 });
    expect(await execute(responseStatusFn, processed[0]!)).toEqual({ changed: 0 });
    expect((await db.response.findUniqueOrThrow({ where: { id: responseId } })).status).toBe("ready");
  });

  it("ends an upload that is not media as a failed answer with a reason, once, keeping the original", async () => {
    const { event, mediaId, responseId, key } = await submittedAnswer(randomBytes(32 * 1024));
    const result = (await execute(processMediaFn, event)) as { failed: string };
    expect(result.failed).toMatch(/could not be read as a recording/);
    expect(await execute(processMediaFn, event)).toEqual({ skipped: "already failed" });
    const db = await getDb();
    expect(await db.mediaFile.findUniqueOrThrow({ where: { id: mediaId } })).toMatchObject({ status: "failed", processingError: result.failed });
    expect((await db.response.findUniqueOrThrow({ where: { id: responseId } })).status).toBe("failed");
    expect(await eventsOf("media.processed", mediaId)).toHaveLength(0);
    expect(await getStorage().stat(RESPONSES_BUCKET, key)).not.toBeNull();
    const db2 = await getDb();
    const owner = await db2.mediaFile.findUniqueOrThrow({ where: { id: mediaId }, select: { user: true } });
    const media = (await getSession({ actor: owner.user, sessionId: event.sessionId })).answers.find((a) => a.media)!.media!;
    expect(media).toMatchObject({ status: "failed", error: result.failed, thumbnailUrl: null });
    expect(media.playbackUrl).not.toBeNull(); // the original can still be watched
  });
});

describe("process-media steps redone after a crash", () => {
  it("a redone transcode overwrites its outputs and a redone record publishes nothing more", { timeout: 120_000 }, async () => {
    const bytes = webm();
    const { event, mediaId } = await submittedAnswer(bytes);
    const job = await claimProcessing(event);
    if (job.state !== "process") throw new Error("expected a job");
    // Claimed twice (the worker died after the claim): the same job.
    expect(await claimProcessing(event)).toEqual(job);
    const a = await runProcessing(job);
    const b = await runProcessing(job);
    if (a.outcome !== "processed" || b.outcome !== "processed") throw new Error("expected processed");
    expect(b.mp4).toBe(a.mp4);
    expect(await recordProcessed(event, job, b)).toMatchObject({ recorded: true });
    expect(await recordProcessed(event, job, b)).toMatchObject({ recorded: false });
    expect(await eventsOf("media.processed", mediaId)).toHaveLength(1);
    const db = await getDb();
    expect(Number((await db.mediaFile.findUniqueOrThrow({ where: { id: mediaId } })).processedSize)).toBe(b.processedSize);
  });

  it("deleting the account removes the original and every derived file, and storage_used ends at 0", { timeout: 120_000 }, async () => {
    const bytes = webm();
    const { user, event, mediaId, key } = await submittedAnswer(bytes);
    const engine = engines[1] ?? engines[0]!;
    await engine.execute(processMediaFn, event);
    for (const e of [...(await eventsOf("media.processed", mediaId)), ...(await eventsOf("media.deleted", mediaId))]) await engine.execute(storageAccountingFn, e);
    const db = await getDb();
    const file = await db.mediaFile.findUniqueOrThrow({ where: { id: mediaId } });
    expect(Number((await db.user.findUniqueOrThrow({ where: { id: user.id } })).storageUsed)).toBe(Number(file.processedSize));

    await deleteAccount({ actor: user, input: { confirmEmail: user.email } });
    const [deleted] = await eventsOfOwner("user.deleted", user.id);
    await engine.execute(deleteUserMediaFn, deleted!);
    const purged = (await eventsOf("media.deleted", mediaId)).filter((e) => e.metadata.causationId === deleted!.eventId);
    expect(purged.map((e) => e.data.fileSize)).toEqual([Number(file.processedSize)]); // the derived files, not the original again
    for (const e of purged) await engine.execute(storageAccountingFn, e);
    expect(Number((await db.user.findUniqueOrThrow({ where: { id: user.id } })).storageUsed)).toBe(0);
    const storage = getStorage();
    for (const k of [key, ...Object.values(processedKeys(mediaId))]) expect(await storage.stat(RESPONSES_BUCKET, k), k).toBeNull();
  });

  it("an account deleted while its answer is processed: the outputs go, nothing is recorded or counted twice", { timeout: 120_000 }, async () => {
    const { event, mediaId } = await submittedAnswer(webm());
    const job = await claimProcessing(event);
    if (job.state !== "process") throw new Error("expected a job");
    const outcome = await runProcessing(job);
    if (outcome.outcome !== "processed") throw new Error("expected processed");
    // Meanwhile the account was deleted and its purge took the file (as takeMediaBatch and markMediaDeleted leave it).
    const db = await getDb();
    await db.mediaFile.update({ where: { id: mediaId }, data: { deletedAt: new Date(), status: "deleted" } });
    expect(await recordProcessed(event, job, outcome)).toMatchObject({ recorded: false, abandoned: true });
    expect(await eventsOf("media.processed", mediaId)).toHaveLength(0);
    for (const k of Object.values(processedKeys(mediaId))) expect(await getStorage().stat(RESPONSES_BUCKET, k), k).toBeNull();
    // A later delivery does not start again.
    expect(await claimProcessing(event)).toEqual({ state: "skip", reason: "deleted" });
  });

  it("skips text answers", async () => {
    const email = uniqueEmail("cand");
    const { interview, tokens } = await interviewWithInvited([email]);
    const { sessionId } = await startPersonal(tokens[email]!);
    const [, textQ] = await questionsOf(interview.currentVersionId!);
    const db = await getDb();
    const event = await db.$transaction((tx) =>
      publish(tx, { eventType: "candidate.response_submitted", sessionId, data: { responseId: randomUUID(), questionId: textQ!.id, mediaFileId: null, duration: 0 } }),
    );
    expect(await claimProcessing(event)).toEqual({ state: "skip", reason: "text answer" });
  });
});
