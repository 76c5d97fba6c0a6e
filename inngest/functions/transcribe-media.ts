import { inngest, subscribe } from "@/inngest/client";
import { env } from "@/lib/env";
import { recordingState } from "@/lib/server/analysis/analyse-answer";
import { failUnsettled } from "@/lib/server/analysis/analyse-session";
import { runAnswerAnalysis } from "@/lib/server/analysis/answer-steps";
import { emit } from "@/lib/engine/emit";

export const TRANSCRIBE_MEDIA = "transcribe-media"; // the catalog's consumer id
const RETRIES = 5;
/** How long a recording may take to be processed before its analysis gives up, with the reason. */
export const PROCESSING_WAIT = "2h";

/**
 * media.uploaded (a candidate's recorded answer) → a durable wait for that file's
 * media.processed (transcription reads the pipeline's 16 kHz speech track) → transcription →
 * scoring against the question's rubric. The provider's load is bounded by the function's
 * concurrency (AI_CONCURRENCY, across processes), never by sleeping; 429/5xx are retried by
 * the engine, after Retry-After when the provider sent one.
 */
const sub = subscribe("media.uploaded");

export const transcribeMediaFn = inngest.createFunction(
  {
    id: TRANSCRIBE_MEDIA,
    name: "Transcribe and score a recorded answer",
    retries: RETRIES,
    ...sub,
    concurrency: [...sub.concurrency, { limit: env.AI_CONCURRENCY }],
  },
  async ({ event, step, attempt }) => {
    const fileId = event.data.data.fileId;
    let recording = await step.run("recording", () => recordingState(fileId));
    if (recording.state === "not-an-answer") return { skipped: "not a submitted answer's recording" };
    if (recording.state === "waiting") {
      // Checked first, then waited on: media.processed may already have been published. An
      // event published between the check and the wait is caught by the re-check on time-out.
      await step.waitForEvent("processed", { event: "media.processed", match: "data.data.fileId", timeout: PROCESSING_WAIT });
      recording = await step.run("recording-after-wait", () => recordingState(fileId));
      if (recording.state === "not-an-answer") return { skipped: "not a submitted answer's recording" };
      if (recording.state === "waiting") {
        const { responseId, sessionId, userId } = recording;
        const failed = await step.run("give-up", () => failUnsettled(sessionId, userId, [responseId], `The recording was not processed within ${PROCESSING_WAIT.replace("h", " hours")}, so it was not analysed.`));
        await emit({ event, step, functionId: TRANSCRIBE_MEDIA }, "answer-completed", {
          eventType: "analysis.completed",
          userId,
          data: { analysisId: failed[responseId]!, sessionId, responseId, transcription: "", sentiment: null, skills: [], overallScore: null, completedAt: new Date().toISOString() },
        });
        return { failed: "not processed in time" };
      }
    }
    return runAnswerAnalysis({ event, step, functionId: TRANSCRIBE_MEDIA, attempt, maxAttempts: RETRIES + 1 }, recording.responseId);
  },
);
