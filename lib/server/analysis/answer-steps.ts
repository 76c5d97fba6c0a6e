import "server-only";
// One answer's analysis as durable steps, shared by transcribe-media (a recording, once
// processed) and analyse-session (written answers, and every answer on HR's re-run):
// prepare → [analysis.started transcription → transcribe] → [analysis.started scoring → score]
// → analysis.completed (with the responseId). The per-answer analysis.completed marks the
// answer settled whatever the outcome (completed, skipped, failed: the stored row says which),
// so the session's analysis never waits for an answer that will not come.
import { RetryAfterError } from "inngest";
import { ProviderError } from "@/lib/adapters/ai/errors";
import { emit, type EmitContext } from "@/lib/engine/emit";
import { prepareAnswer, scoreAnswer, transcribeAnswer, type AnswerWork } from "./analyse-answer";

type Steps = EmitContext["step"] & { run: <T>(id: string, fn: () => Promise<T>) => Promise<unknown> };

export type AnswerStepsContext = Omit<EmitContext, "step"> & { step: Steps; attempt: number; maxAttempts: number };

export type AnswerStepsResult = { responseId: string; outcome: string; calls: number };

/** A retryable provider error the provider said to wait out: the engine waits (Inngest and the embedded runner honour RetryAfterError). */
async function honourRetryAfter<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ProviderError && err.retryable && err.retryAfterMs !== undefined) {
      throw new RetryAfterError(err.message, Math.max(1000, err.retryAfterMs), { cause: err });
    }
    throw err;
  }
}

export async function runAnswerAnalysis(ctx: AnswerStepsContext, responseId: string, prefix = ""): Promise<AnswerStepsResult> {
  const { step } = ctx;
  const id = (name: string) => `${prefix}${name}`;
  const lastTry = () => ctx.attempt >= ctx.maxAttempts - 1;
  const prepared = (await step.run(id("prepare"), () => prepareAnswer(responseId))) as Awaited<ReturnType<typeof prepareAnswer>>;
  if (prepared.state === "gone") return { responseId, outcome: `skipped: ${prepared.reason}`, calls: 0 };
  if (prepared.state === "settled") {
    await emit(ctx, id("answer-completed"), {
      eventType: "analysis.completed",
      userId: prepared.userId,
      data: { analysisId: prepared.analysisId, sessionId: prepared.sessionId, responseId, transcription: "", sentiment: null, skills: [], overallScore: null, completedAt: new Date().toISOString() },
    });
    return { responseId, outcome: prepared.status, calls: 0 };
  }
  const work: AnswerWork = prepared.work;
  let calls = 0;
  if (work.transcriptionId) {
    await emit(ctx, id("transcription-started"), {
      eventType: "analysis.started",
      userId: work.userId,
      data: { analysisId: work.transcriptionId, sessionId: work.sessionId, responseId, analysisType: "transcription" },
    });
    const t = (await step.run(id("transcribe"), () => honourRetryAfter(() => transcribeAnswer(work, { lastTry: lastTry() })))) as Awaited<ReturnType<typeof transcribeAnswer>>;
    if ("calls" in t) calls += t.calls;
  }
  await emit(ctx, id("scoring-started"), {
    eventType: "analysis.started",
    userId: work.userId,
    data: { analysisId: work.scoringId, sessionId: work.sessionId, responseId, analysisType: "scoring" },
  });
  const s = (await step.run(id("score"), () => honourRetryAfter(() => scoreAnswer(work, { lastTry: lastTry() })))) as Awaited<ReturnType<typeof scoreAnswer>>;
  const scored = "scored" in s ? s : null;
  if (scored) calls += scored.calls;
  await emit(ctx, id("answer-completed"), {
    eventType: "analysis.completed",
    userId: work.userId,
    data: {
      analysisId: work.scoringId,
      sessionId: work.sessionId,
      responseId,
      transcription: scored?.transcription ?? "",
      sentiment: scored?.sentiment ?? null,
      skills: scored?.skills ?? [],
      overallScore: scored?.score ?? null,
      completedAt: new Date().toISOString(),
    },
  });
  return { responseId, outcome: scored ? scored.status : `failed: ${"failed" in s ? s.failed : ""}`, calls };
}

