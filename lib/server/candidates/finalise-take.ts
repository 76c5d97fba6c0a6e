import "server-only";
import { z } from "zod";
import { getStorage, type Storage } from "@/lib/adapters/storage";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { publish } from "@/lib/events/publish";
import { finaliseUpload, type FinalisedUpload } from "@/lib/server/uploads/finalise-upload";
import { readUpload, tusServer } from "@/lib/server/uploads/handle-upload-request";
import { ERRORS } from "@tus/utils";
import { assertAcceptsAnswers, lockSessionBySecret, SESSION_COMPLETED, type LockedSession } from "./session-access";
import { ALREADY_ANSWERED } from "./submit-text-answer";
import { parseVideoMime } from "@/lib/server/media/video-mime";
import { allowedSeconds, SNIFF_BYTES, sniffContainer } from "./take-limits";
import { UNSUPPORTED_RECORDING } from "./start-take";
import type { Tx } from "@/lib/db/client";
import type { FinalisedTake } from "@/lib/schemas/takes";

export const TAKE_NOT_FOUND = "This recording does not exist, or it belongs to another answer.";
export const TAKE_BEING_FINALISED = "This recording is still being saved by another request. Try again in a moment.";
/** Where answers' recordings are kept in the storage adapter. */
export const RESPONSES_BUCKET = "media";

export type { FinalisedTake };

const inputSchema = z.object({
  takeId: z.uuid(),
  bytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  sha256: z.string().regex(/^[0-9a-fA-F]{64}$/),
  durationSeconds: z.number().finite().min(0).max(24 * 60 * 60),
});

type Checked = { session: LockedSession; maxSeconds: number; done: FinalisedTake | null };

// The take in the session of this secret, and whether it was finalised already.
async function checkTake(tx: Tx, token: unknown, secret: unknown, takeId: string): Promise<Checked> {
  const session = await lockSessionBySecret(tx, token, secret);
  const take = await tx.response.findFirst({
    where: { id: takeId, sessionId: session.id },
    include: { question: true, mediaFile: true },
  });
  if (!take || take.question.type !== "video" || take.question.maxSeconds === null) throw new AppError("NOT_FOUND", TAKE_NOT_FOUND);
  if (take.submittedAt && take.mediaFile) {
    return {
      session,
      maxSeconds: take.question.maxSeconds,
      done: {
        responseId: take.id,
        mediaFileId: take.mediaFile.id,
        bytes: Number(take.mediaFile.originalSize),
        sha256: take.mediaFile.checksum ?? "",
        durationSeconds: take.durationSeconds ?? 0,
      },
    };
  }
  await assertQuestionOpen(tx, session, take.questionId);
  return { session, maxSeconds: take.question.maxSeconds, done: null };
}

/** A take may still be uploaded to or finalised: the session is not completed, the interview takes answers, the question has no answer yet. */
export async function assertQuestionOpen(tx: Tx, session: LockedSession, questionId: string): Promise<void> {
  if (session.status === "completed") throw new AppError("CONFLICT", SESSION_COMPLETED);
  assertAcceptsAnswers(session.interview);
  const answered = await tx.response.findFirst({
    where: { sessionId: session.id, questionId, submittedAt: { not: null } },
    select: { id: true },
  });
  if (answered) throw new AppError("CONFLICT", ALREADY_ANSWERED);
}

// The first bytes of the stored upload (on disk or in S3), enough to tell WebM from MP4.
async function headOf(takeId: string, bytes: number): Promise<Uint8Array> {
  if (bytes === 0) return new Uint8Array(0);
  const chunks: Buffer[] = [];
  for await (const chunk of await readUpload(takeId, { start: 0, end: Math.min(bytes, SNIFF_BYTES) - 1 })) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks)).subarray(0, SNIFF_BYTES);
}

type Input = z.infer<typeof inputSchema>;

// finaliseUpload's byte count and checksum, the container sniffed from the first bytes, then
// the file streamed into storage under the take's key.
async function verifyAndCopy(storage: Storage, input: Input, sessionId: string, userId: string, mimeType: unknown) {
  const upload = await finaliseUpload({
    grant: { takeId: input.takeId, sessionId, userId, maxBytes: Number.MAX_SAFE_INTEGER, expiresAt: Date.now() + 60_000 },
    uploadId: input.takeId,
    expectedBytes: input.bytes,
    sha256: input.sha256,
    // An empty or tiny upload is refused (422) before S3 would be asked to complete it.
    minBytes: SNIFF_BYTES,
  });
  const container = sniffContainer(await headOf(input.takeId, upload.bytes));
  if (!container) throw new AppError("UNSUPPORTED_MEDIA_TYPE", `${UNSUPPORTED_RECORDING} The uploaded file is neither.`);
  // Stored normalised (parseVideoMime), the form a playback URL signs: the recorder's codecs
  // are kept when its type names the container the bytes show.
  const declared = parseVideoMime(mimeType);
  const type = declared?.container === container ? declared.type : `video/${container}`;
  const fileName = `${input.takeId}.${container}`;
  const key = `responses/${userId}/${sessionId}/${fileName}`;
  await storage.put(RESPONSES_BUCKET, key, await readUpload(input.takeId), { contentType: type });
  return { upload, type, fileName, key };
}

/**
 * Runs `fn` while holding the take's finalise lock: one finalise of a take at a time, across app
 * instances (the tus locker, PostgreSQL when the app runs on it, under an id of its own, as
 * finaliseUpload holds the upload's lock itself). Without it two finalises (a retry after a
 * timeout, the recovery after a reload) copy the same key at once: a replacing put (UploadThing
 * deletes the customId first) or a refused commit's clean-up could remove the object the other
 * one committed. A waiter gives up after the locker's timeout with a 409 it can retry.
 */
async function whileFinalising<T>(takeId: string, fn: () => Promise<T>): Promise<T> {
  const lock = tusServer().locker.newLock(`finalise:${takeId}`);
  try {
    // A waiter's release request is ignored: the holder finishes its copy and commit.
    await lock.lock(new AbortController().signal, () => {});
  } catch (err) {
    // `reason` tells the client to retry later, not to drop its local copy as superseded.
    if (err === ERRORS.ERR_LOCK_TIMEOUT)
      throw new AppError("CONFLICT", TAKE_BEING_FINALISED, undefined, { reason: "finalising" });
    throw err;
  }
  try {
    return await fn();
  } finally {
    await lock.unlock().catch(() => {});
  }
}

async function removeUpload(takeId: string): Promise<void> {
  await tusServer()
    .store.remove(takeId)
    .catch(() => {});
}

/**
 * The candidate submits a take: the recording's length is checked against the question's time
 * limit plus a tolerance (422, nothing changes), the uploaded bytes against the browser's count
 * and SHA-256 (finaliseUpload: 409 with the server's length), its first bytes must be WebM or MP4
 * (415 for anything else, whatever its name). The bytes are then streamed into the storage
 * adapter (`media/responses/<owner>/<session>/<take>.<ext>`), and in one transaction: the
 * MediaFile (billed to the interview's owner), the Response submitted (status uploaded), the
 * question's earlier, never-submitted takes removed (rows and upload files), media.uploaded and
 * candidate.response_submitted published. Finalising a finalised take returns the same result
 * and publishes nothing.
 */
export async function finaliseTake({
  token,
  secret,
  takeId,
  bytes,
  sha256,
  durationSeconds,
  mimeType,
  requestId,
}: {
  token: unknown;
  secret: unknown;
  takeId: unknown;
  bytes?: unknown;
  sha256?: unknown;
  durationSeconds?: unknown;
  /** The recorder's mimeType (codecs kept) when it names the container the bytes show. */
  mimeType?: unknown;
  requestId?: string;
}): Promise<FinalisedTake> {
  const db = await getDb();
  const parsedId = z.uuid().safeParse(takeId);
  const first = await db.$transaction((tx) => checkTake(tx, token, secret, parsedId.success ? parsedId.data : "00000000-0000-0000-0000-000000000000"));
  if (!parsedId.success) throw new AppError("NOT_FOUND", TAKE_NOT_FOUND);
  if (first.done) return first.done;

  const parsed = inputSchema.safeParse({ takeId, bytes, sha256, durationSeconds });
  if (!parsed.success) {
    throw new AppError("VALIDATION", "Send the recording's byte count, its SHA-256 (64 hex digits) and its length in seconds.");
  }
  const input = parsed.data;
  const limit = allowedSeconds(first.maxSeconds);
  if (input.durationSeconds > limit) {
    const message = `This recording is ${Math.round(input.durationSeconds)} seconds long; answers to this question may last ${first.maxSeconds} seconds.`;
    throw new AppError("VALIDATION", message, { durationSeconds: [message] }, { maxSeconds: first.maxSeconds, allowedSeconds: limit });
  }

  return whileFinalising(input.takeId, () => finaliseLocked(token, secret, input, first, mimeType, requestId));
}

async function finaliseLocked(
  token: unknown,
  secret: unknown,
  input: Input,
  first: Checked,
  mimeType: unknown,
  requestId: string | undefined,
): Promise<FinalisedTake> {
  const db = await getDb();
  // Another finalise of this take may have committed while this one waited for the lock.
  const now = await db.$transaction((tx) => checkTake(tx, token, secret, input.takeId));
  if (now.done) return now.done;
  const { session } = first;
  const userId = session.interview.userId;
  const storage = getStorage();
  let copied: { upload: FinalisedUpload; type: string; fileName: string; key: string };
  try {
    copied = await verifyAndCopy(storage, input, session.id, userId, mimeType);
  } catch (err) {
    // A concurrent finalise of the same take may have won and removed the upload meanwhile:
    // then this one answers what it stored, as a repeated finalise does.
    const now = await db.$transaction((tx) => checkTake(tx, token, secret, input.takeId)).catch(() => null);
    if (now?.done) return now.done;
    throw err;
  }
  const { upload, type, fileName, key } = copied;

  let superseded: string[] = [];
  const result = await db
    .$transaction(async (tx) => {
      // Checked again under the lock: another request may have finalised this take or the question meanwhile.
      const again = await checkTake(tx, token, secret, input.takeId);
      if (again.done) return again.done;
      const seconds = Math.round(input.durationSeconds);
      const media = await tx.mediaFile.create({
        data: {
          userId,
          kind: "response",
          status: "uploaded",
          bucket: RESPONSES_BUCKET,
          path: key,
          fileName,
          mimeType: type,
          originalSize: BigInt(upload.bytes),
          durationSeconds: input.durationSeconds,
          checksum: upload.sha256,
        },
      });
      const response = await tx.response.update({
        where: { id: input.takeId },
        data: { status: "uploaded", mediaFileId: media.id, durationSeconds: seconds, submittedAt: new Date() },
      });
      const earlier = await tx.response.findMany({
        where: { sessionId: session.id, questionId: response.questionId, id: { not: response.id }, submittedAt: null, mediaFileId: null },
        select: { id: true },
      });
      superseded = earlier.map((t) => t.id);
      if (superseded.length > 0) await tx.response.deleteMany({ where: { id: { in: superseded } } });
      await publish(tx, {
        eventType: "media.uploaded",
        userId,
        data: { fileId: media.id, fileName, fileSize: upload.bytes, mimeType: type, bucket: RESPONSES_BUCKET, path: key },
        correlationId: requestId,
      });
      await publish(tx, {
        eventType: "candidate.response_submitted",
        sessionId: session.id,
        data: { responseId: response.id, questionId: response.questionId, mediaFileId: media.id, duration: seconds },
        correlationId: requestId,
      });
      return { responseId: response.id, mediaFileId: media.id, bytes: upload.bytes, sha256: upload.sha256, durationSeconds: seconds };
    })
    .catch(async (err: unknown) => {
      // Refused after the copy (the question was answered meanwhile, the deadline passed): no
      // MediaFile points at the copy, so it goes; the upload stays for a retry. Unless a MediaFile
      // does point at that key (another finalise committed it): then it stays.
      const kept = await db.mediaFile.findFirst({ where: { bucket: RESPONSES_BUCKET, path: key }, select: { id: true } }).catch(() => ({ id: "" }));
      if (!kept) await storage.delete(RESPONSES_BUCKET, key).catch(() => {});
      throw err;
    });
  // The bytes now live in storage; the tus copies of this take and of the superseded ones go.
  for (const id of [input.takeId, ...superseded]) await removeUpload(id);
  return result;
}
