import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getDb, type Tx } from "@/lib/db/client";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { readQuota } from "@/lib/server/quotas/enforce-quota";
import { tusServer, UPLOADS_PATH } from "@/lib/server/uploads/handle-upload-request";
import { uploadChunkBytes } from "@/lib/server/uploads/upload-chunk-size";
import { createUploadGrant } from "@/lib/server/uploads/upload-grant";
import type { StartedTake } from "@/lib/schemas/takes";
import { assertAcceptsAnswers, lockSessionBySecret, SESSION_COMPLETED } from "./session-access";
import { ALREADY_ANSWERED, QUESTION_NOT_FOUND } from "./submit-text-answer";
import { containerOf, sizeLimitBytes } from "./take-limits";

/** How long a take's upload grant lasts: a long answer uploaded over a weak network, with pauses. */
export const TAKE_GRANT_TTL_SECONDS = 24 * 60 * 60;
export const NO_RETAKES_LEFT = "No retakes left for this question: submit the take you recorded.";
export const UNSUPPORTED_RECORDING = "Recordings are accepted as WebM or MP4 video only.";

export type { StartedTake };

const questionId = z.uuid();
const takeKey = z.uuid();

export const TAKE_KEY_TAKEN = "This recording was already started for another answer. Reload the page.";
export const TAKE_ALREADY_RECORDED = "This take already holds a recording: start a new take.";

// Bytes the tus store holds for an upload (0 when it was never created).
export async function uploadedBytes(takeId: string): Promise<number> {
  try {
    const upload = await tusServer().store.getUpload(takeId);
    return upload.offset ?? 0;
  } catch {
    return 0;
  }
}

// The grant's byte limit: what the time limit can need, capped by what is left of the owner's
// storage quota (403 QUOTA_EXCEEDED with nothing left). Read without locking the quota row: the
// lock reserved nothing (storage_used changes only when media.uploaded is accounted, after
// finalise), so parallel starts could each be granted the same bytes left with it too, while
// every take start of one owner's candidates queued on it holding a pooled connection.
export async function grantBytes(tx: Tx, userId: string, maxSeconds: number): Promise<number> {
  const quota = await readQuota(tx, userId);
  let maxBytes = sizeLimitBytes(maxSeconds);
  if (quota.maxStorageBytes !== null) {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { storageUsed: true } });
    const left = quota.maxStorageBytes - user.storageUsed;
    if (left <= 0n) {
      throw new AppError(
        "QUOTA_EXCEEDED",
        "This interview cannot take more recordings right now: its owner's storage is full. Please let them know.",
        undefined,
        { limit: "storage", plan: quota.plan, used: Number(user.storageUsed), max: Number(quota.maxStorageBytes) },
      );
    }
    if (left < BigInt(maxBytes)) maxBytes = Number(left);
  }
  return maxBytes;
}

/**
 * Recording starts: a new take of a video question of the session's pinned version that has
 * no submitted answer yet. The take is a Response row (status recording, its attempt number;
 * its id is the take id and the upload's id); attempts go up to 1 + the question's retakes
 * (409 after). The recorder's mimeType must be WebM or MP4 (415). The upload grant's maxBytes
 * is the smaller of what the question's time limit can need (take-limits.ts) and what is left
 * of the interview owner's storage quota; with nothing left, 403 QUOTA_EXCEEDED with the usage.
 * The session is locked, so two tabs starting at once get attempts 1 and 2, never the same.
 *
 * `takeId` (optional, a UUID the browser chose) makes the start idempotent: a retry with the
 * same id (the response was lost, or the browser's recorder failed to start after the server
 * answered) gets the same take, attempt and a fresh grant instead of burning another attempt,
 * as long as that take was not submitted and holds no uploaded bytes (409 otherwise). An id
 * used by another session or question is refused with 409, never revealed.
 */
export async function startTake({
  token,
  secret,
  questionId: rawQuestionId,
  mimeType,
  takeId: rawTakeId,
}: {
  token: unknown;
  secret: unknown;
  questionId: unknown;
  mimeType: unknown;
  /** The browser's id for this take (an idempotency key); a fresh one is made without it. */
  takeId?: unknown;
  /** Accepted for symmetry with the other use cases; starting a take publishes no event. */
  requestId?: string;
}): Promise<StartedTake> {
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const session = await lockSessionBySecret(tx, token, secret);
      if (session.status === "completed") throw new AppError("CONFLICT", SESSION_COMPLETED);
      assertAcceptsAnswers(session.interview);
      const id = questionId.safeParse(rawQuestionId);
      const question =
        id.success && session.versionId ? await tx.question.findFirst({ where: { id: id.data, versionId: session.versionId } }) : null;
      if (!question) throw new AppError("NOT_FOUND", QUESTION_NOT_FOUND);
      if (question.type !== "video" || question.maxSeconds === null) {
        throw new AppError("BAD_REQUEST", "This question is answered with text, not with a video.");
      }
      if (!containerOf(mimeType)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", UNSUPPORTED_RECORDING);
      let key: string | null = null;
      if (rawTakeId !== undefined && rawTakeId !== null) {
        const parsedKey = takeKey.safeParse(rawTakeId);
        if (!parsedKey.success) throw new AppError("VALIDATION", "takeId must be a UUID.");
        key = parsedKey.data.toLowerCase();
      }

      const takes = await tx.response.findMany({
        where: { sessionId: session.id, questionId: question.id },
        select: { id: true, attempt: true, submittedAt: true },
      });
      if (takes.some((t) => t.submittedAt !== null)) throw new AppError("CONFLICT", ALREADY_ANSWERED);
      const userId = session.interview.userId;

      if (key) {
        const again = takes.find((t) => t.id === key);
        if (again) {
          if ((await uploadedBytes(again.id)) > 0) throw new AppError("CONFLICT", TAKE_ALREADY_RECORDED);
          const quotaNow = await grantBytes(tx, userId, question.maxSeconds);
          const grant = createUploadGrant({ takeId: again.id, sessionId: session.id, userId, maxBytes: quotaNow, ttlSeconds: TAKE_GRANT_TTL_SECONDS });
          return { takeId: again.id, uploadUrl: UPLOADS_PATH, grant, maxBytes: quotaNow, maxChunkBytes: uploadChunkBytes(), attempt: again.attempt };
        }
        const elsewhere = await tx.response.findUnique({ where: { id: key }, select: { id: true } });
        if (elsewhere) throw new AppError("CONFLICT", TAKE_KEY_TAKEN);
      }
      const attempt = takes.reduce((max, t) => Math.max(max, t.attempt), 0) + 1;
      if (attempt > 1 + question.retakes) {
        throw new AppError("CONFLICT", NO_RETAKES_LEFT, undefined, { attempts: attempt - 1, retakes: question.retakes });
      }

      const maxBytes = await grantBytes(tx, userId, question.maxSeconds);

      const takeId = key ?? randomUUID();
      await tx.response.create({
        data: { id: takeId, sessionId: session.id, questionId: question.id, attempt, status: "recording" },
      });
      const grant = createUploadGrant({ takeId, sessionId: session.id, userId, maxBytes, ttlSeconds: TAKE_GRANT_TTL_SECONDS });
      return { takeId, uploadUrl: UPLOADS_PATH, grant, maxBytes, maxChunkBytes: uploadChunkBytes(), attempt };
    });
  } catch (err) {
    // Only reachable if the session lock were bypassed; the same answer as a lost race.
    if (isUniqueViolation(err)) throw new AppError("CONFLICT", "Another take of this question was just started. Reload the page.");
    throw err;
  }
}
