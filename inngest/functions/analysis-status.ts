import { inngest, subscribe } from "@/inngest/client";
import { ANALYSIS_STATUS, updateAnalysisStatus } from "@/lib/server/analysis/analysis-status";

/** analysis.started / analysis.completed → the session's analysis status and overall score. */
export const analysisStatusFn = inngest.createFunction(
  { id: ANALYSIS_STATUS, name: "Session analysis status", retries: 5, ...subscribe("analysis.started", "analysis.completed") },
  async ({ event, step }) => {
    const data = event.data;
    return step.run("update", () => updateAnalysisStatus(data));
  },
);
