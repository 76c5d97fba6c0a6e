import "server-only";
import { createReadStream, createWriteStream } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getStorage, type Storage } from "@/lib/adapters/storage";
import { getDb } from "@/lib/db/client";
import { uuidV5 } from "@/lib/engine/emit";
import { env } from "@/lib/env";
import type { DomainEvent } from "@/lib/events/catalog";
import { publish } from "@/lib/events/publish";
import { ffmpegBinaries } from "./ffmpeg/run";
import { processFile, UnusableMedia } from "./ffmpeg/process-file";
import { sweepWorkDirs, withWorkDir } from "./ffmpeg/work-dir";
import { processedKeys } from "./processed-keys";

// A process killed mid-job left its work directory behind; the first job of the next process
// removes those (directories name their process, and only dead processes' go).
let swept: Promise<unknown> | null = null;

// The Media Service's consumer of candidate.response_submitted, as steps that each can be
// redone: claim the file, process it (outputs written under keys derived from the file id, so
// a redo overwrites rather than adds), record the result and publish media.processed in one
// transaction, then delete the original and publish media.deleted. Storage accounting follows
// the two events: + processedSize, − originalSize, i.e. by the difference.

export const PROCESS_MEDIA = "process-media";

type Submitted = DomainEvent<"candidate.response_submitted">;

export type ProcessJob =
  | { state: "skip"; reason: string }
  | {
      state: "process";
      fileId: string;
      userId: string;
      bucket: string;
      path: string;
      originalSize: number;
      answerLimitSeconds: number;
    };

export { processedKeys };

/** Marks the answer's file as processing; skips text answers and files already done. */
export async function claimProcessing(event: Submitted): Promise<ProcessJob> {
  const fileId = event.data.mediaFileId;
  if (!fileId) return { state: "skip", reason: "text answer" };
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const file = await tx.mediaFile.findUnique({
      where: { id: fileId },
      include: { response: { select: { id: true, question: { select: { maxSeconds: true } } } } },
    });
    if (!file || file.kind !== "response") return { state: "skip", reason: "no such answer file" };
    // The account (and its files) was deleted: the purge owns these objects now.
    if (file.deletedAt !== null) return { state: "skip", reason: "deleted" };
    if (file.status !== "uploaded" && file.status !== "processing") return { state: "skip", reason: `already ${file.status}` };
    if (file.status === "uploaded") {
      await tx.mediaFile.update({ where: { id: fileId }, data: { status: "processing" } });
      if (file.response) await tx.response.update({ where: { id: file.response.id }, data: { status: "processing" } });
    }
    return {
      state: "process",
      fileId,
      userId: file.userId,
      bucket: file.bucket,
      path: file.path,
      originalSize: Number(file.originalSize),
      answerLimitSeconds: file.response?.question.maxSeconds ?? 600,
    };
  });
}

export type ProcessOutcome =
  | { outcome: "failed"; reason: string }
  | {
      outcome: "processed";
      processedSize: number;
      processingMs: number;
      mp4: string;
      thumbnail: string | null;
      strip: string | null;
      speech: string | null;
      durationSeconds: number;
      width: number | null;
      height: number | null;
      videoCodec: string | null;
      audioCodec: string | null;
      flags: { flag: string; reason: string }[];
    };

/**
 * Copies the original to a work directory (streamed), runs ffmpeg, and stores the outputs. An
 * upload ffmpeg cannot use is an outcome (`failed`, with the reason), not an error: it must
 * not be retried. Anything else (storage, the machine) throws and the step is retried.
 */
export async function runProcessing(
  job: Extract<ProcessJob, { state: "process" }>,
  { storage = getStorage(), signal }: { storage?: Storage; signal?: AbortSignal } = {},
): Promise<ProcessOutcome> {
  const bin = ffmpegBinaries(env.FFMPEG_PATH);
  swept ??= sweepWorkDirs().catch(() => 0);
  await swept;
  return withWorkDir(async (dir) => {
    const object = await storage.get(job.bucket, job.path);
    // Finalise verified the object, so its absence is this process's storage (misconfigured,
    // not yet consistent), not the upload: retried with back-off, then dead-lettered for replay.
    if (!object) throw new Error(`the recording ${job.bucket}/${job.path} is not in this process's storage`);
    const input = join(dir, "original");
    await pipeline(Readable.fromWeb(object.body as import("node:stream/web").ReadableStream<Uint8Array>), createWriteStream(input));

    let result;
    try {
      result = await processFile({ bin, input, workDir: dir, answerLimitSeconds: job.answerLimitSeconds, signal });
    } catch (err) {
      if (err instanceof UnusableMedia) return { outcome: "failed", reason: err.reason };
      throw err;
    }
    const keys = processedKeys(job.fileId);
    const put = async (key: string, path: string, contentType: string) => {
      await storage.put(job.bucket, key, createReadStream(path), { contentType });
      return key;
    };
    const mp4 = await put(keys.mp4, result.mp4.path, "video/mp4");
    const thumbnail = result.thumbnail ? await put(keys.thumbnail, result.thumbnail.path, "image/jpeg") : null;
    const strip = result.strip ? await put(keys.strip, result.strip.path, "image/jpeg") : null;
    const speech = result.speech ? await put(keys.speech, result.speech.path, "audio/flac") : null;
    const processedSize = result.mp4.size + (result.thumbnail?.size ?? 0) + (result.strip?.size ?? 0) + (result.speech?.size ?? 0);
    return {
      outcome: "processed",
      processedSize,
      processingMs: Math.round(result.elapsedMs),
      mp4,
      thumbnail,
      strip,
      speech,
      durationSeconds: Math.round(result.durationSeconds * 1000) / 1000,
      width: result.output.video?.width ?? null,
      height: result.output.video?.height ?? null,
      videoCodec: result.output.video?.codec ?? null,
      audioCodec: result.output.audio?.codec ?? null,
      flags: result.flags,
    };
  });
}

/** The URL the event carries for the poster: the API's stable address, which redirects to a signed one. */
export function thumbnailApiUrl(fileId: string): string {
  return new URL(`/api/v1/media/${fileId}/thumbnail`, env.APP_URL).toString();
}

/**
 * Records a processed file and publishes media.processed, in one transaction and only on the
 * move from processing to ready: a redo of this step (or a second delivery) publishes nothing.
 */
export async function recordProcessed(
  cause: Submitted,
  job: Extract<ProcessJob, { state: "process" }>,
  outcome: Extract<ProcessOutcome, { outcome: "processed" }>,
  { storage = getStorage() }: { storage?: Storage } = {},
): Promise<{ recorded: boolean; abandoned: boolean; eventId: string }> {
  const db = await getDb();
  const eventId = uuidV5(`${cause.eventId}\u0000${PROCESS_MEDIA}\u0000media.processed`);
  const recorded = await db.$transaction(async (tx) => {
    const moved = await tx.mediaFile.updateMany({
      where: { id: job.fileId, status: "processing", deletedAt: null },
      data: {
        status: "ready",
        processedPath: outcome.mp4,
        processedSize: BigInt(outcome.processedSize),
        thumbnailPath: outcome.thumbnail,
        stripPath: outcome.strip,
        speechPath: outcome.speech,
        durationSeconds: outcome.durationSeconds,
        width: outcome.width,
        height: outcome.height,
        videoCodec: outcome.videoCodec,
        audioCodec: outcome.audioCodec,
        flags: outcome.flags as Prisma.InputJsonValue,
        processingError: null,
        processingMs: outcome.processingMs,
        processedAt: new Date(),
      },
    });
    if (moved.count === 0) return false;
    await publish(tx, {
      eventType: "media.processed",
      userId: job.userId,
      eventId,
      correlationId: cause.metadata.correlationId ?? cause.eventId,
      causationId: cause.eventId,
      data: {
        fileId: job.fileId,
        originalSize: job.originalSize,
        processedSize: outcome.processedSize,
        processingDuration: Math.max(0, Math.round(outcome.processingMs / 1000)),
        thumbnailUrl: outcome.thumbnail ? thumbnailApiUrl(job.fileId) : null,
      },
    });
    return true;
  });
  if (recorded) return { recorded, abandoned: false, eventId };
  // Not moved: either this is a redo of a record that committed (processedPath is only ever
  // set by it; the account may have been deleted since, and its purge then counted the derived
  // files, so the original's media.deleted must still follow), or the file was deleted before
  // any record: nobody will account for or delete what this run stored, so it goes now, and
  // the original is left to the purge that already counted it.
  const row = await db.mediaFile.findUnique({ where: { id: job.fileId }, select: { processedPath: true } });
  if (row?.processedPath === outcome.mp4) return { recorded, abandoned: false, eventId };
  for (const key of Object.values(processedKeys(job.fileId))) await storage.delete(job.bucket, key);
  return { recorded, abandoned: true, eventId };
}

/** An upload that cannot be processed: the file and its answer end failed, with the reason HR reads. */
export async function recordFailed(job: Extract<ProcessJob, { state: "process" }>, reason: string): Promise<{ recorded: boolean }> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const moved = await tx.mediaFile.updateMany({
      where: { id: job.fileId, status: "processing" },
      data: { status: "failed", processingError: reason.slice(0, 500), processedAt: new Date() },
    });
    if (moved.count > 0) await tx.response.updateMany({ where: { mediaFileId: job.fileId }, data: { status: "failed" } });
    return { recorded: moved.count > 0 };
  });
}

/** The original goes once the processed files are recorded; deleting a missing object is not an error. */
export async function deleteOriginal(job: Extract<ProcessJob, { state: "process" }>, { storage = getStorage() }: { storage?: Storage } = {}) {
  await storage.delete(job.bucket, job.path);
  return { deleted: `${job.bucket}/${job.path}` };
}
