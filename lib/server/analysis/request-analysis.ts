import "server-only";
// HR's "analyse again": the session's answers and summary redone with the current prompt
// versions, through analysis.requested (analyse-session). Inputs that did not change reuse the
// stored result, so only what a new prompt version or a newly configured provider changes
// reaches the provider.
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { publish } from "@/lib/events/publish";
import { isUuid } from "@/lib/server/interviews/owned-interview";
import { SESSION_NOT_FOUND } from "@/lib/server/sessions/session-answers";

const STUCK_MS = 2 * 60 * 60 * 1000;

export type AnalysisRequest = { sessionId: string; status: "queued"; requestedAt: string };

export async function requestAnalysis({ actor, sessionId, requestId }: { actor: { id: string }; sessionId: unknown; requestId?: string }): Promise<AnalysisRequest> {
  if (!isUuid(sessionId) || !isUuid(actor.id)) throw new AppError("NOT_FOUND", SESSION_NOT_FOUND);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const session = await tx.candidateSession.findFirst({
      where: { id: sessionId, interview: { userId: actor.id, deletedAt: null } },
      select: { id: true, status: true, analysisStatus: true, updatedAt: true, erasedAt: true, interview: { select: { aiAnalysis: true } } },
    });
    if (!session) throw new AppError("NOT_FOUND", SESSION_NOT_FOUND);
    if (session.erasedAt) throw new AppError("CONFLICT", "This candidate's data has been erased: there is nothing left to analyse.");
    if (session.status !== "completed") {
      throw new AppError("CONFLICT", "The candidate has not finished this interview: the answers are analysed once they do.");
    }
    if (!session.interview.aiAnalysis) {
      throw new AppError("CONFLICT", "AI analysis is switched off for this interview: switch it on in the interview's settings first.");
    }
    // One run at a time: two would both send unchanged answers to the provider. A run that
    // seems stuck (nothing for two hours: no worker for the ai group?) may be asked again.
    const busy = (session.analysisStatus === "queued" || session.analysisStatus === "running") && Date.now() - session.updatedAt.getTime() < STUCK_MS;
    if (busy) throw new AppError("CONFLICT", "This session is being analysed right now: wait until it is done, then ask again.");
    const requestedAt = new Date();
    await tx.candidateSession.update({ where: { id: session.id }, data: { analysisStatus: "queued" } });
    await publish(tx, {
      eventType: "analysis.requested",
      userId: actor.id,
      data: { sessionId: session.id, requestedBy: actor.id, reason: "rerun" },
      ...(requestId ? { correlationId: requestId } : {}),
    });
    return { sessionId: session.id, status: "queued" as const, requestedAt: requestedAt.toISOString() };
  });
}
