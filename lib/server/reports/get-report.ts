import "server-only";
// HR reads an interview's report (API, report page, CSV and PDF downloads): the stored copy when
// nothing changed since it was computed, else computed now (and stored), so an answer never
// waits for the consumers that keep the copy fresh.
import { getDb } from "@/lib/db/client";
import type { ReportView } from "@/lib/schemas/report";
import { findOwnedInterview } from "@/lib/server/interviews/owned-interview";
import { freshStoredReport, regenerateReport } from "./report-store";

/** Anyone else's interview, a deleted one and a malformed id are the same 404. */
export async function getReport({ actor, interviewId }: { actor: { id: string }; interviewId: unknown }): Promise<ReportView> {
  const db = await getDb();
  const interview = await findOwnedInterview(db, actor, interviewId);
  const stored = await freshStoredReport(interview.id);
  if (stored) return stored;
  return regenerateReport(interview.userId, interview);
}
