import { inngest, subscribe } from "@/inngest/client";
import { emit } from "@/lib/engine/emit";
import {
  claimProcessing,
  deleteOriginal,
  PROCESS_MEDIA,
  recordFailed,
  recordProcessed,
  runProcessing,
} from "@/lib/server/media/process-media";
import { markSessionReadyForFile } from "@/lib/server/sessions/mark-session-ready";

/**
 * candidate.response_submitted → the answer's recording transcoded (or remuxed), its poster,
 * strip and speech track stored, media.processed published; then the original deleted with
 * media.deleted. Heavy (ffmpeg): placed in the `media` group, run by worker processes. Each
 * step is memoised, and each can be redone after a crash: outputs go to fixed keys, the record
 * step publishes only on the processing → ready move, media.deleted has a derived id.
 */
const PROCESS_MEDIA_RETRIES = 5;

export const processMediaFn = inngest.createFunction(
  { id: PROCESS_MEDIA, name: "Process an answer's recording", retries: PROCESS_MEDIA_RETRIES, ...subscribe("candidate.response_submitted") },
  async ({ event, step, attempt }) => {
    const job = await step.run("claim", () => claimProcessing(event.data));
    if (job.state === "skip") return { skipped: job.reason };
    const outcome = await step.run("transcode", async () => {
      try {
        return await runProcessing(job);
      } catch (err) {
        // The last try: what failed five times with back-off is not passing (a bug, a file
        // that breaks ffmpeg in a way not recognised as bad input). The answer ends failed,
        // with the reason, rather than "processing" for ever.
        if (attempt < PROCESS_MEDIA_RETRIES) throw err;
        return { outcome: "failed" as const, reason: `The recording could not be processed after ${PROCESS_MEDIA_RETRIES + 1} tries (${(err as Error).message}).` };
      }
    });
    if (outcome.outcome === "failed") {
      await step.run("record-failure", () => recordFailed(job, outcome.reason));
      // No media.processed follows a failure, so the session's "ready for review" mark (a
      // failed answer is settled too) is checked here.
      await step.run("mark-session-ready", () => markSessionReadyForFile(job.fileId));
      return { failed: outcome.reason };
    }
    const record = await step.run("record", () => recordProcessed(event.data, job, outcome));
    if (record.abandoned) return { skipped: "deleted while processing" };
    await step.run("delete-original", () => deleteOriginal(job));
    await emit({ event, step, functionId: PROCESS_MEDIA }, "original-deleted", {
      eventType: "media.deleted",
      userId: job.userId,
      data: { fileId: job.fileId, fileSize: job.originalSize, deletedAt: new Date().toISOString() },
    });
    return { processed: job.fileId, originalSize: job.originalSize, processedSize: outcome.processedSize, flags: outcome.flags.map((f) => f.flag) };
  },
);
