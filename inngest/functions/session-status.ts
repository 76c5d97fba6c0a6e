import { inngest, subscribe } from "@/inngest/client";
import { SESSION_STATUS, updateSessionStatus } from "@/lib/server/candidates/update-session-status";

/** candidate.started / candidate.completed → session and candidate-row status; the interview's completion. */
export const sessionStatusFn = inngest.createFunction(
  { id: SESSION_STATUS, name: "Session status", retries: 5, ...subscribe("candidate.started", "candidate.completed") },
  async ({ event, step }) => step.run("update-status", () => updateSessionStatus(event.data)),
);
