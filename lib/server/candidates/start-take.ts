import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { lockQuota } from "@/lib/server/quotas/enforce-quota";
import { UPLOADS_PATH } from "@/lib/server/uploads/handle-upload-request";
import { createUploadGrant } from "@/lib/server/uploads/upload-grant";
import { assertAcceptsAnswers, lockSessionBySecret, SESSION_COMPLETED } from "./session-access";
import { ALREADY_ANSWERED, QUESTION_NOT_FOUND } from "./submit-text-answer";
import { containerOf, sizeLimitBytes } from "./take-limits";

/** How long a take's upload grant lasts: a long answer uploaded over a weak network, with pauses. */
export const TAKE_GRANT_TTL_SECONDS = 24 * 60 * 60;
export const NO_RETAKES_LEFT = "No retakes left for this question: submit the take you recorded.";
export const UNSUPPORTED_RECORDING = "Recordings are accepted as WebM or MP4 video only.";

export type StartedTake = {
  takeId: string;
  /** tus creation endpoint; the upload itself then lives at `${uploadUrl}/${takeId}`. */
  uploadUrl: string;
  /** Send as the Upload-Grant header on every tus request of this take. */
  grant: string;
  maxBytes: number;
  attempt: number;
};

const questionId = z.uuid();

/**
 * Recording starts: a new take of a video question of the session's pinned version that has
 * no submitted answer yet. The take is a Response row (status recording, its attempt number;
 * its id is the take id and the upload's id); attempts go up to 1 + the question's retakes
 * (409 after). The recorder's mimeType must be WebM or MP4 (415). The upload grant's maxBytes
 * is the smaller of what the question's time limit can need (take-limits.ts) and what is left
 * of the interview owner's storage quota; with nothing left, 403 QUOTA_EXCEEDED with the usage.
 * The session is locked, so two tabs starting at once get attempts 1 and 2, never the same.
 */
export async function startTake({
  token,
  secret,
  questionId: rawQuestionId,
  mimeType,
}: {
  token: unknown;
  secret: unknown;
  questionId: unknown;
  mimeType: unknown;
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

      const takes = await tx.response.findMany({
        where: { sessionId: session.id, questionId: question.id },
        select: { attempt: true, submittedAt: true },
      });
      if (takes.some((t) => t.submittedAt !== null)) throw new AppError("CONFLICT", ALREADY_ANSWERED);
      const attempt = takes.reduce((max, t) => Math.max(max, t.attempt), 0) + 1;
      if (attempt > 1 + question.retakes) {
        throw new AppError("CONFLICT", NO_RETAKES_LEFT, undefined, { attempts: attempt - 1, retakes: question.retakes });
      }

      const userId = session.interview.userId;
      const quota = await lockQuota(tx, userId);
      let maxBytes = sizeLimitBytes(question.maxSeconds);
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

      const takeId = randomUUID();
      await tx.response.create({
        data: { id: takeId, sessionId: session.id, questionId: question.id, attempt, status: "recording" },
      });
      const grant = createUploadGrant({ takeId, sessionId: session.id, userId, maxBytes, ttlSeconds: TAKE_GRANT_TTL_SECONDS });
      return { takeId, uploadUrl: UPLOADS_PATH, grant, maxBytes, attempt };
    });
  } catch (err) {
    // Only reachable if the session lock were bypassed; the same answer as a lost race.
    if (isUniqueViolation(err)) throw new AppError("CONFLICT", "Another take of this question was just started. Reload the page.");
    throw err;
  }
}
