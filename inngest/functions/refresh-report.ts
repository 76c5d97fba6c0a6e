import { inngest, subscribe } from "@/inngest/client";
import { refreshReport, refreshReportOfSession } from "@/lib/server/reports/refresh-report";
import { REFRESH_REPORT } from "@/lib/server/reports/report-store";

/**
 * A session's analysis done (not each answer's: the session's comes last and carries the
 * overall score), HR's rating or decision, an erasure → the interview's stored report again.
 */
export const refreshReportFn = inngest.createFunction(
  { id: REFRESH_REPORT, name: "Refresh report", retries: 5, ...subscribe("analysis.completed", "candidate.reviewed", "candidate.erased") },
  async ({ event, step }) => {
    const envelope = event.data;
    if (envelope.eventType === "analysis.completed") {
      if (envelope.data.responseId !== undefined) return { refreshed: false, reason: "an answer's analysis" };
      const sessionId = envelope.data.sessionId;
      return step.run("refresh", () => refreshReportOfSession(sessionId));
    }
    const interviewId = envelope.data.interviewId;
    return step.run("refresh", () => refreshReport(interviewId));
  },
);
