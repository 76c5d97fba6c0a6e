import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { StartedTake } from "@/lib/schemas/takes";
import { UPLOADS_PATH } from "@/lib/server/uploads/handle-upload-request";
import { uploadChunkBytes } from "@/lib/server/uploads/upload-chunk-size";
import { createUploadGrant } from "@/lib/server/uploads/upload-grant";
import { assertQuestionOpen, TAKE_NOT_FOUND } from "./finalise-take";
import { lockSessionBySecret } from "./session-access";
import { grantBytes, TAKE_GRANT_TTL_SECONDS, uploadedBytes } from "./start-take";

export const TAKE_ALREADY_SUBMITTED = "This recording was already submitted: nothing is left to upload.";

/**
 * A fresh upload grant for a take the candidate's session already has (POST
 * /i/<token>/takes/<takeId>/grant): a grant lasts 24 h (TAKE_GRANT_TTL_SECONDS), and a page
 * reloaded after that, or a long pause, still holds the recording in IndexedDB. The same
 * checks as starting a take, without counting an attempt: the take must be this session's
 * (404 otherwise, the same answer as an unknown id), not submitted, its question not answered,
 * the session not completed and the interview still taking answers.
 *
 * maxBytes is recomputed like a start's (time limit, then what is left of the owner's quota)
 * but never below the bytes the upload already holds: the quota may have shrunk meanwhile, and
 * a lower limit would only strand an answer that is already stored (no byte more is allowed).
 */
export async function renewTakeGrant({
  token,
  secret,
  takeId,
}: {
  token: unknown;
  secret: unknown;
  takeId: unknown;
  requestId?: string;
}): Promise<StartedTake> {
  const db = await getDb();
  const id = z.uuid().safeParse(takeId);
  return db.$transaction(async (tx) => {
    // The session is checked first, so a bad take id and another session's take read alike.
    const session = await lockSessionBySecret(tx, token, secret);
    const take = id.success
      ? await tx.response.findFirst({
          where: { id: id.data.toLowerCase(), sessionId: session.id },
          select: { id: true, attempt: true, questionId: true, submittedAt: true, question: { select: { type: true, maxSeconds: true } } },
        })
      : null;
    if (!take || take.question.type !== "video" || take.question.maxSeconds === null) throw new AppError("NOT_FOUND", TAKE_NOT_FOUND);
    if (take.submittedAt) throw new AppError("CONFLICT", TAKE_ALREADY_SUBMITTED, undefined, { reason: "submitted" });
    await assertQuestionOpen(tx, session, take.questionId);

    const userId = session.interview.userId;
    const stored = await uploadedBytes(take.id);
    let maxBytes: number;
    try {
      maxBytes = Math.max(await grantBytes(tx, userId, take.question.maxSeconds), stored);
    } catch (err) {
      // Storage full: what is stored stays uploadable to the end (HEAD, finalise), nothing more.
      if (!(err instanceof AppError && err.code === "QUOTA_EXCEEDED" && stored > 0)) throw err;
      maxBytes = stored;
    }
    const grant = createUploadGrant({ takeId: take.id, sessionId: session.id, userId, maxBytes, ttlSeconds: TAKE_GRANT_TTL_SECONDS });
    return { takeId: take.id, uploadUrl: UPLOADS_PATH, grant, maxBytes, maxChunkBytes: uploadChunkBytes(), attempt: take.attempt };
  });
}
