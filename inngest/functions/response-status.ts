import { inngest, subscribe } from "@/inngest/client";
import { markResponseReady, RESPONSE_STATUS } from "@/lib/server/media/response-status";

/** media.processed → the answer that recording belongs to is ready for review. */
export const responseStatusFn = inngest.createFunction(
  { id: RESPONSE_STATUS, name: "Answer ready for review", retries: 5, ...subscribe("media.processed") },
  async ({ event, step }) => step.run("mark-ready", () => markResponseReady(event.data.data)),
);
