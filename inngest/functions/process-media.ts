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

/**
 * candidate.response_submitted → the answer's recording transcoded (or remuxed), its poster,
 * strip and speech track stored, media.processed published; then the original deleted with
 * media.deleted. Heavy (ffmpeg): placed in the `media` group, run by worker processes. Each
 * step is memoised, and each can be redone after a crash: outputs go to fixed keys, the record
 * step publishes only on the processing → ready move, media.deleted has a derived id.
 */
export const processMediaFn = inngest.createFunction(
  { id: PROCESS_MEDIA, name: "Process an answer's recording", retries: 5, ...subscribe("candidate.response_submitted") },
  async ({ event, step }) => {
    const job = await step.run("claim", () => claimProcessing(event.data));
    if (job.state === "skip") return { skipped: job.reason };
    const outcome = await step.run("transcode", () => runProcessing(job));
    if (outcome.outcome === "failed") {
      await step.run("record-failure", () => recordFailed(job, outcome.reason));
      return { failed: outcome.reason };
    }
    await step.run("record", () => recordProcessed(event.data, job, outcome));
    await step.run("delete-original", () => deleteOriginal(job));
    await emit({ event, step, functionId: PROCESS_MEDIA }, "original-deleted", {
      eventType: "media.deleted",
      userId: job.userId,
      data: { fileId: job.fileId, fileSize: job.originalSize, deletedAt: new Date().toISOString() },
    });
    return { processed: job.fileId, originalSize: job.originalSize, processedSize: outcome.processedSize, flags: outcome.flags.map((f) => f.flag) };
  },
);
