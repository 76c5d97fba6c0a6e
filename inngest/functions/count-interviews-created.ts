import { inngest, subscribe } from "@/inngest/client";
import { COUNT_INTERVIEWS_CREATED, countInterviewCreated } from "@/lib/server/interviews/count-interview-created";

/** interview.created → users.interviews_created. */
export const countInterviewsCreatedFn = inngest.createFunction(
  { id: COUNT_INTERVIEWS_CREATED, name: "Count interviews created", retries: 5, ...subscribe("interview.created") },
  async ({ event, step }) => step.run("increment", () => countInterviewCreated(event.data)),
);
