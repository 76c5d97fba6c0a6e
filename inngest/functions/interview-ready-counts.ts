import { inngest, subscribe } from "@/inngest/client";
import { INTERVIEW_READY_COUNTS, markSessionReady, markSessionReadyForFile } from "@/lib/server/sessions/mark-session-ready";

/**
 * media.processed / candidate.completed → the session is "ready for review" once it is
 * completed and all its recordings are settled; the interview's counts and HR's candidate
 * table read that mark. Whichever of the two comes last sets it; both are idempotent.
 */
export const interviewReadyCountsFn = inngest.createFunction(
  { id: INTERVIEW_READY_COUNTS, name: "Interview ready-for-review counts", retries: 5, ...subscribe("media.processed", "candidate.completed") },
  async ({ event, step }) => {
    const data = event.data;
    if (data.eventType === "media.processed") {
      const fileId = data.data.fileId;
      return step.run("mark-ready", () => markSessionReadyForFile(fileId));
    }
    const sessionId = data.sessionId;
    return step.run("mark-ready", () => markSessionReady(sessionId));
  },
);
