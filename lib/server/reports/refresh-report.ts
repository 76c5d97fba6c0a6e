import "server-only";
// The consumers' side: an event names a session or an interview; its interview's stored report
// is computed again. Recomputing is idempotent, so a repeated delivery only redoes the sums.
import { getDb } from "@/lib/db/client";
import { isUuid } from "@/lib/server/interviews/owned-interview";
import { regenerateReport } from "./report-store";

export type ReportRefresh = { refreshed: true; interviewId: string; candidates: number } | { refreshed: false; reason: string };

/** Recomputes and stores the report of a live interview. */
export async function refreshReport(interviewId: string): Promise<ReportRefresh> {
  if (!isUuid(interviewId)) return { refreshed: false, reason: "not an interview id" };
  const db = await getDb();
  const interview = await db.interview.findFirst({
    where: { id: interviewId, deletedAt: null },
    select: { id: true, userId: true, title: true, currentVersionId: true, blindReview: true },
  });
  if (!interview) return { refreshed: false, reason: "interview deleted" };
  const report = await regenerateReport(interview.userId, interview);
  return { refreshed: true, interviewId: interview.id, candidates: report.candidates.length };
}

/** The same for the interview of a session (analysis.completed names only the session). */
export async function refreshReportOfSession(sessionId: string): Promise<ReportRefresh> {
  if (!isUuid(sessionId)) return { refreshed: false, reason: "not a session id" };
  const db = await getDb();
  const session = await db.candidateSession.findUnique({ where: { id: sessionId }, select: { interviewId: true } });
  if (!session) return { refreshed: false, reason: "session gone" };
  return refreshReport(session.interviewId);
}
