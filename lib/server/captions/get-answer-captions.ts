import "server-only";
import { AppError } from "@/lib/errors";
import { answerAnalysisView } from "@/lib/server/analysis/stored";
import { isUuid } from "@/lib/server/interviews/owned-interview";
import { loadOwnedSession } from "@/lib/server/sessions/session-answers";
import { buildWebVtt } from "./webvtt";

export const CAPTIONS_NOT_FOUND = "This answer has no captions: it does not exist, or it has no timed transcript yet.";

/**
 * The WebVTT captions of one answer (the submitted answer to `questionId` in the session), from
 * its transcript's timed segments, for the session's owner only. Anyone else's session, an
 * unknown question, an unanswered one and an answer not transcribed (or transcribed without
 * times) are the same 404.
 */
export async function getAnswerCaptions({ actor, sessionId, questionId }: { actor: { id: string }; sessionId: unknown; questionId: unknown }): Promise<string> {
  if (!isUuid(questionId)) throw new AppError("NOT_FOUND", CAPTIONS_NOT_FOUND);
  const { submitted, analyses } = await loadOwnedSession(actor, sessionId).catch((err: unknown) => {
    // One message for every miss: whether the session exists is not the caller's business.
    if (err instanceof AppError && err.code === "NOT_FOUND") throw new AppError("NOT_FOUND", CAPTIONS_NOT_FOUND);
    throw err;
  });
  const response = submitted.get(questionId);
  const segments = response ? (answerAnalysisView(analyses.byResponse.get(response.id) ?? [], "model").transcript?.segments ?? []) : [];
  if (segments.length === 0) throw new AppError("NOT_FOUND", CAPTIONS_NOT_FOUND);
  return buildWebVtt(segments);
}
