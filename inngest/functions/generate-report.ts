import { inngest, subscribe } from "@/inngest/client";
import { refreshReport } from "@/lib/server/reports/refresh-report";
import { GENERATE_REPORT } from "@/lib/server/reports/report-store";

/** interview.completed → the interview's report, computed and stored (lib/server/reports). */
export const generateReportFn = inngest.createFunction(
  { id: GENERATE_REPORT, name: "Generate report", retries: 5, ...subscribe("interview.completed") },
  async ({ event, step }) => {
    const interviewId = event.data.data.interviewId;
    return step.run("generate", () => refreshReport(interviewId));
  },
);
