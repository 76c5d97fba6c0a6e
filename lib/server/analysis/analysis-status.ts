import "server-only";
// The catalog's "Interview Service (update analysis status)": the session's analysis status and
// overall score on candidate_sessions, which lists sort and filter by without reading the
// analyses. Events of one account arrive in order; a started after the session's completion
// (HR's re-run) sets it running again.
import { getDb } from "@/lib/db/client";
import type { DomainEvent } from "@/lib/events/catalog";

export const ANALYSIS_STATUS = "analysis-status"; // the catalog's consumer id

export async function updateAnalysisStatus(event: DomainEvent<"analysis.started" | "analysis.completed">): Promise<{ changed: number }> {
  const db = await getDb();
  const { sessionId } = event.data;
  if (event.eventType === "analysis.started") {
    // An answer's or the summary's start: the session's analysis is under way.
    const { count } = await db.candidateSession.updateMany({ where: { id: sessionId, erasedAt: null, analysisStatus: { not: "running" } }, data: { analysisStatus: "running" } });
    return { changed: count };
  }
  if (event.data.responseId) return { changed: 0 }; // an answer: the session is still running
  const summary = await db.analysis.findFirst({ where: { sessionId, responseId: null, analysisType: "summary" }, select: { status: true } });
  const { count } = await db.candidateSession.updateMany({
    where: { id: sessionId, erasedAt: null },
    data: { analysisStatus: summary?.status === "failed" ? "failed" : "completed", overallScore: event.data.overallScore },
  });
  return { changed: count };
}
