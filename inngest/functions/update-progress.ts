import { inngest, subscribe } from "@/inngest/client";
import { UPDATE_PROGRESS, updateCandidateProgress } from "@/lib/server/candidates/update-candidate-progress";

/** candidate.response_submitted → answered counts of the session and its candidate row. */
export const updateProgressFn = inngest.createFunction(
  { id: UPDATE_PROGRESS, name: "Update progress", retries: 5, ...subscribe("candidate.response_submitted") },
  async ({ event, step }) => step.run("recount-answers", () => updateCandidateProgress(event.data)),
);
