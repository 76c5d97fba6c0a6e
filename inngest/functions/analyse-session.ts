import { inngest, subscribe } from "@/inngest/client";
import { emit } from "@/lib/engine/emit";
import { env } from "@/lib/env";
import { REASONS } from "@/lib/server/analysis/analyse-answer";
import { failUnsettled, loadSessionTargets, openSessionSummary, skipSessionSummary, summariseSession, unsettledAnswers } from "@/lib/server/analysis/analyse-session";
import { runAnswerAnalysis } from "@/lib/server/analysis/answer-steps";

export const ANALYSE_SESSION = "analyse-session"; // the catalog's consumer id
const RETRIES = 5;
/** Each wait for the next answer's analysis; on time-out the answers are read again (an event published just before the wait began is not lost). */
const ANSWER_WAIT = "30m";
/** After this many waits that time out (2 hours without any answer of the session settling), what is left ends failed and the session is summarised without it. */
const MAX_TIMEOUTS = 4;

const sub = subscribe("candidate.completed", "analysis.requested");

/**
 * candidate.completed (or HR's re-run, analysis.requested) → written answers analysed here
 * (every answer on a re-run) → a durable wait until every answer's analysis is settled
 * (woken by the answers' analysis.completed, no polling) → the overall score computed in code
 * and the model's summary → analysis.completed for the session.
 */
export const analyseSessionFn = inngest.createFunction(
  {
    id: ANALYSE_SESSION,
    name: "Analyse a completed session",
    retries: RETRIES,
    ...sub,
    concurrency: [...sub.concurrency, { limit: env.AI_CONCURRENCY }],
  },
  async ({ event, step, attempt }) => {
    const data = event.data;
    const rerun = data.eventType === "analysis.requested";
    const sessionId = data.eventType === "analysis.requested" ? data.data.sessionId : data.sessionId;
    const ctx = { event, step, functionId: ANALYSE_SESSION, attempt, maxAttempts: RETRIES + 1 };

    const targets = await step.run("answers", () => loadSessionTargets(sessionId));
    if (targets.state === "gone") return { skipped: targets.reason };
    const { userId, answers } = targets;

    if (!targets.aiAnalysis) {
      // Each answer is settled as skipped (with the reason), then the session.
      for (const a of answers) await runAnswerAnalysis(ctx, a.responseId, `answer-${a.responseId}-`);
      await step.run("skip-summary", () => skipSessionSummary(sessionId, userId, REASONS.aiOff));
      return { skipped: "AI analysis is off for this interview" };
    }

    // Written answers have no recording to wait for: they are analysed here. A re-run redoes
    // every answer with the current prompt versions (unchanged input is not sent again).
    const here = rerun ? answers : answers.filter((a) => a.source === "text");
    let calls = 0;
    for (const a of here) calls += (await runAnswerAnalysis(ctx, a.responseId, `answer-${a.responseId}-`)).calls;

    const ids = answers.map((a) => a.responseId);
    const sessionPath = data.eventType === "analysis.requested" ? "event.data.data.sessionId" : "event.data.sessionId";
    // Each answer's analysis.completed wakes the wait; the answers are then read again. Only
    // waits that time out count towards giving up, and the loop is bounded whatever arrives.
    let timeouts = 0;
    for (let i = 0; ; i++) {
      const pending = await step.run(`unsettled-${i}`, () => unsettledAnswers(sessionId, ids));
      if (pending.length === 0) break;
      if (timeouts >= MAX_TIMEOUTS || i >= 3 * ids.length + MAX_TIMEOUTS) {
        await step.run("give-up", () => failUnsettled(sessionId, userId, pending, "The answer's analysis did not finish in time, so the session was summarised without it."));
        break;
      }
      const woken = await step.waitForEvent(`answer-analysed-${i}`, { event: "analysis.completed", if: `${sessionPath} == async.data.data.sessionId`, timeout: ANSWER_WAIT });
      if (!woken) timeouts++;
    }

    const summaryId = await step.run("open-summary", () => openSessionSummary(sessionId, userId));
    await emit(ctx, "summary-started", {
      eventType: "analysis.started",
      userId,
      data: { analysisId: summaryId, sessionId, analysisType: "summary" },
    });
    const summary = await step.run("summarise", () => summariseSession(sessionId, { lastTry: attempt >= RETRIES }));
    calls += summary.calls;
    await emit(ctx, "session-completed", {
      eventType: "analysis.completed",
      userId,
      data: {
        analysisId: summary.analysisId,
        sessionId,
        transcription: summary.transcription,
        sentiment: summary.sentiment,
        skills: summary.skills,
        overallScore: summary.overallScore,
        completedAt: summary.completedAt,
      },
    });
    return { overallScore: summary.overallScore, calls, ...(summary.failed ? { summaryFailed: summary.failed } : {}) };
  },
);
