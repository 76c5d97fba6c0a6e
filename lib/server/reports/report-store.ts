import "server-only";
// The stored copy of an interview's report (the `reports` table, one row per interview): written
// by the generate-report and refresh-report consumers and by a read that found it stale, read by
// the API, the report page and the downloads.
import { randomUUID } from "node:crypto";
import { getDbHandle, type RawConnection } from "@/lib/db/client";
import { REPORT_VERSION, type ReportView } from "@/lib/schemas/report";
import { buildReport, type ReportTarget } from "./build-report";

export const GENERATE_REPORT = "generate-report";
export const REFRESH_REPORT = "refresh-report";

/**
 * Keeps `report` unless a copy computed later is already stored: two refreshes racing leave the
 * newer figures.
 */
export async function storeReport(userId: string, report: ReportView, conn?: RawConnection): Promise<void> {
  const db = conn ?? (await getDbHandle());
  await db.query(
    `INSERT INTO reports (id, user_id, interview_id, status, content, generated_at)
     VALUES ($1::uuid, $2::uuid, $3::uuid, 'ready', $4::jsonb, $5::timestamptz)
     ON CONFLICT (interview_id) DO UPDATE SET status = 'ready', content = excluded.content, generated_at = excluded.generated_at
      WHERE reports.generated_at IS NULL OR reports.generated_at <= excluded.generated_at`,
    [randomUUID(), userId, report.interviewId, JSON.stringify(report), report.generatedAt],
  );
}

// The latest change a figure can depend on, from three stamps that are cheap to read (one index
// range each): the interview, its invitations and its sessions. Answers and analyses show through
// their session's stamp: an answer moves its progress, the session's analysis sets its status
// and overall score, an erasure sets erased_at; the refresh-report consumer recomputes on the
// same events besides.
const CHANGED_AT = `
  SELECT greatest(
    (SELECT updated_at FROM interviews WHERE id = $1::uuid),
    (SELECT max(updated_at) FROM invitations WHERE interview_id = $1::uuid),
    (SELECT max(updated_at) FROM candidate_sessions WHERE interview_id = $1::uuid)
  ) AS changed_at`;

type StoredRow = { content: ReportView | string | null; status: string; generated_at: Date | string | null };

/** The stored report when nothing it was computed from has changed since; otherwise null. */
export async function freshStoredReport(interviewId: string, conn?: RawConnection): Promise<ReportView | null> {
  const db = conn ?? (await getDbHandle());
  const [[row], [changed]] = await Promise.all([
    db.query<StoredRow>("SELECT content, status, generated_at FROM reports WHERE interview_id = $1::uuid", [interviewId]),
    db.query<{ changed_at: Date | string | null }>(CHANGED_AT, [interviewId]),
  ]);
  if (!row || row.status !== "ready" || row.content === null || row.generated_at === null) return null;
  const content = (typeof row.content === "string" ? JSON.parse(row.content) : row.content) as ReportView;
  if (content.version !== REPORT_VERSION) return null;
  const changedAt = changed?.changed_at ? new Date(changed.changed_at).getTime() : 0;
  return changedAt < new Date(row.generated_at).getTime() ? content : null;
}

/** Computes the report now and stores it. */
export async function regenerateReport(userId: string, interview: ReportTarget): Promise<ReportView> {
  const report = await buildReport(interview);
  await storeReport(userId, report);
  return report;
}
