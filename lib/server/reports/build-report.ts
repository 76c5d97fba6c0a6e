import "server-only";
// Computes an interview's report from its rows (report-queries.ts): the queries aggregate, this
// only rounds, orders and names things.
import type { RawConnection } from "@/lib/db/client";
import { REPORT_VERSION, type ReportCandidate, type ReportView } from "@/lib/schemas/report";
import { runReportQueries, type ReportRows } from "./report-queries";

export type ReportTarget = { id: string; title: string; currentVersionId: string | null; blindReview: boolean };

/** Two decimals; null stays null. */
const round2 = (n: number | null | undefined): number | null => (n === null || n === undefined || !Number.isFinite(n) ? null : Math.round(n * 100 + 1e-9) / 100);
const round1 = (n: number | null): number | null => (n === null || !Number.isFinite(n) ? null : Math.round(n * 10) / 10);

const DECISIONS = new Set(["advance", "hold", "reject"]);
const STATUSES = new Set(["started", "in_progress", "completed", "abandoned"]);

export function assembleReport(interview: ReportTarget, rows: ReportRows, generatedAt: Date): ReportView {
  const summary = rows.summary[0] ?? { invited: 0, opened: 0, started: 0, completed: 0, average_score: null, scored: 0 };
  const time = rows.timeToComplete[0] ?? { completed: 0, median: null, p90: null };
  const answers = new Map(rows.answers.filter((r) => r.name === null).map((r) => [r.question_id, r]));
  const dropped = new Map(rows.dropOff.map((r) => [r.question_id, r.sessions]));

  const criteriaOf = new Map<string, ReportView["criteria"]>();
  const byName = new Map<string, { total: number; scored: number }>();
  for (const c of rows.answers) {
    if (c.name === null || c.total === null || c.scored === 0) continue;
    const list = criteriaOf.get(c.question_id) ?? [];
    list.push({ name: c.name, averageScore: round2(c.total / c.scored) ?? 0, scored: c.scored });
    criteriaOf.set(c.question_id, list);
    const all = byName.get(c.name) ?? { total: 0, scored: 0 };
    all.total += c.total;
    all.scored += c.scored;
    byName.set(c.name, all);
  }
  const byNameOrder = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

  const buckets = new Map(rows.distribution.map((r) => [r.bucket, r.candidates]));
  const candidates: ReportCandidate[] = rows.candidates.map((c) => {
    // Blind review hides an unrated candidate's name here as on the review page.
    const hidden = c.erased || (interview.blindReview && c.rating === null);
    const completedAt = c.completed_at === null ? null : new Date(c.completed_at).toISOString();
    return {
      sessionId: c.id,
      name: hidden ? null : c.name,
      overallScore: round1(c.overall_score),
      rating: c.rating,
      decision: c.decision !== null && DECISIONS.has(c.decision) ? (c.decision as ReportCandidate["decision"]) : null,
      status: (STATUSES.has(c.status) ? c.status : "started") as ReportCandidate["status"],
      completedAt,
      erased: c.erased,
    };
  });

  return {
    version: REPORT_VERSION,
    interviewId: interview.id,
    title: interview.title,
    generatedAt: generatedAt.toISOString(),
    funnel: { invited: summary.invited, opened: summary.opened, started: summary.started, completed: summary.completed },
    averageScore: round2(summary.average_score),
    scoredCandidates: summary.scored,
    timeToComplete: { completed: time.completed, medianSeconds: round1(time.median), p90Seconds: round1(time.p90) },
    questions: rows.questions.map((q) => {
      const a = answers.get(q.id);
      return {
        questionId: q.id,
        number: q.position,
        version: q.version,
        prompt: q.prompt,
        type: q.type === "text" ? ("text" as const) : ("video" as const),
        answered: a?.answered ?? 0,
        droppedOff: dropped.get(q.id) ?? 0,
        averageScore: round2(a?.average_score),
        scoredAnswers: a?.scored ?? 0,
        criteria: (criteriaOf.get(q.id) ?? []).sort(byNameOrder),
      };
    }),
    criteria: [...byName].map(([name, c]) => ({ name, averageScore: round2(c.total / c.scored) ?? 0, scored: c.scored })).sort(byNameOrder),
    scoreDistribution: Array.from({ length: 10 }, (_, i) => ({ from: i, to: i + 1, count: buckets.get(i) ?? 0 })),
    candidates,
  };
}

/** The report of `interview` as of now. */
export async function buildReport(interview: ReportTarget, conn?: RawConnection): Promise<ReportView> {
  const generatedAt = new Date();
  const rows = await runReportQueries(interview.id, interview.currentVersionId, conn);
  return assembleReport(interview, rows, generatedAt);
}
