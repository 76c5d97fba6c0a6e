import "server-only";
// The report's SQL: one statement per figure, each an index range over one interview's rows
// (invitations and candidate_sessions by interview_id, responses by session, analyses by
// response), aggregated in the database so that 1,000 candidates and 5,000 answers come back as
// a few dozen rows. The texts are exported so the benchmark (bench/report.ts) can run the very
// same statements bare; parameters: $1 the interview, $2 its current version (reportParams).
import { getDbHandle, type RawConnection } from "@/lib/db/client";

// The last submitted attempt of each question in each session ("the" answer), per session
// through the responses' (session_id, question_id, attempt) index, with its completed scoring.
const SCORED_ANSWERS = `
  final AS (
    SELECT f.id, f.question_id FROM candidate_sessions s
    CROSS JOIN LATERAL (
      SELECT DISTINCT ON (r.question_id) r.id, r.question_id FROM responses r
       WHERE r.session_id = s.id AND r.submitted_at IS NOT NULL
       ORDER BY r.question_id, r.attempt DESC) f
     WHERE s.interview_id = $1::uuid
  ), scored AS MATERIALIZED (
    SELECT f.question_id, a.overall_score, a.result FROM final f
      LEFT JOIN analyses a ON a.response_id = f.id AND a.analysis_type = 'scoring' AND a.status = 'completed'
  )`;

export const REPORT_SQL = {
  /** Questions of the current version and of every version a session answers, in order. */
  questions: `
    SELECT q.id::text AS id, q.position, q.prompt, q.type::text AS type, v.number AS version
      FROM questions q JOIN interview_versions v ON v.id = q.version_id
     WHERE q.interview_id = $1::uuid
       AND (q.version_id = $2::uuid OR q.version_id IN (SELECT version_id FROM candidate_sessions WHERE interview_id = $1::uuid AND version_id IS NOT NULL))
     ORDER BY v.number, q.position`,

  /**
   * The funnel and the overall scores. Invitations give invited/opened (a revoked one that never
   * started is not counted); sessions give started/completed, per candidate (a session whose
   * invitation is gone counts as a candidate of its own).
   */
  summary: `
    WITH cand AS (
      SELECT (opened_at IS NOT NULL OR started_at IS NOT NULL OR completed_at IS NOT NULL) AS opened
        FROM invitations WHERE interview_id = $1::uuid AND NOT (status = 'revoked' AND started_at IS NULL)
      UNION ALL
      SELECT true FROM candidate_sessions WHERE interview_id = $1::uuid AND invitation_id IS NULL
    ), sess AS (
      SELECT coalesce(invitation_id, id) AS candidate, status, overall_score FROM candidate_sessions WHERE interview_id = $1::uuid
    )
    SELECT (SELECT count(*) FROM cand)::int AS invited,
           (SELECT count(*) FROM cand WHERE opened)::int AS opened,
           (SELECT count(DISTINCT candidate) FROM sess)::int AS started,
           (SELECT count(DISTINCT candidate) FROM sess WHERE status = 'completed')::int AS completed,
           (SELECT avg(overall_score) FROM sess)::float8 AS average_score,
           (SELECT count(overall_score) FROM sess)::int AS scored`,

  /** Seconds from start to completion: how many, median and 90th percentile (interpolated). */
  timeToComplete: `
    SELECT count(*)::int AS completed,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY secs) AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY secs) AS p90
      FROM (SELECT greatest(0, extract(epoch FROM completed_at - started_at))::float8 AS secs
              FROM candidate_sessions
             WHERE interview_id = $1::uuid AND status = 'completed' AND completed_at IS NOT NULL) t`,

  /**
   * Per question (name null): answers, and the mean score of the scored ones; per question and
   * criterion (by name): the sum and number of its scores, from the scoring result's JSON. One
   * statement, so the answers and their scorings are read once.
   */
  answers: `
    WITH ${SCORED_ANSWERS}
    SELECT question_id::text AS question_id, NULL::text AS name, count(*)::int AS answered,
           avg(overall_score)::float8 AS average_score, count(overall_score)::int AS scored, NULL::float8 AS total
      FROM scored GROUP BY question_id
    UNION ALL
    SELECT sc.question_id::text, c->>'name', 0, NULL, count(*)::int, sum((c->>'score')::float8)::float8
      FROM scored sc
      CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(sc.result->'criteria') = 'array' THEN sc.result->'criteria' ELSE '[]'::jsonb END) c
     WHERE jsonb_typeof(c->'score') = 'number' AND jsonb_typeof(c->'name') = 'string'
     GROUP BY sc.question_id, c->>'name'`,

  /** Unfinished sessions by the first question (of their version, in order) they have not answered. */
  dropOff: `
    SELECT stop.question_id::text AS question_id, count(*)::int AS sessions
      FROM candidate_sessions s
      CROSS JOIN LATERAL (
        SELECT q.id AS question_id FROM questions q
         WHERE q.version_id = coalesce(s.version_id, $2::uuid)
           AND NOT EXISTS (SELECT 1 FROM responses r WHERE r.session_id = s.id AND r.question_id = q.id AND r.submitted_at IS NOT NULL)
         ORDER BY q.position LIMIT 1) stop
     WHERE s.interview_id = $1::uuid AND s.status <> 'completed'
     GROUP BY 1`,

  /** Scored candidates per bucket [n, n+1) of the overall score; 10 joins [9, 10]. */
  distribution: `
    SELECT least(floor(overall_score)::int, 9) AS bucket, count(*)::int AS candidates
      FROM candidate_sessions WHERE interview_id = $1::uuid AND overall_score IS NOT NULL
     GROUP BY 1`,

  /** Every session, ranked: decision (advance, hold, none, reject), rating, overall score. */
  candidates: `
    SELECT id::text AS id, candidate_name AS name, erased_at IS NOT NULL AS erased, overall_score, rating, decision,
           status::text AS status, completed_at
      FROM candidate_sessions WHERE interview_id = $1::uuid
     ORDER BY CASE decision WHEN 'advance' THEN 0 WHEN 'hold' THEN 1 WHEN 'reject' THEN 3 ELSE 2 END,
              rating DESC NULLS LAST, overall_score DESC NULLS LAST, completed_at ASC NULLS LAST, id`,
} as const;

export type ReportRows = {
  questions: { id: string; position: number; prompt: string; type: string; version: number }[];
  summary: { invited: number; opened: number; started: number; completed: number; average_score: number | null; scored: number }[];
  timeToComplete: { completed: number; median: number | null; p90: number | null }[];
  answers: { question_id: string; name: string | null; answered: number; average_score: number | null; scored: number; total: number | null }[];
  dropOff: { question_id: string; sessions: number }[];
  distribution: { bucket: number; candidates: number }[];
  candidates: {
    id: string;
    name: string;
    erased: boolean;
    overall_score: number | null;
    rating: number | null;
    decision: string | null;
    status: string;
    completed_at: Date | string | null;
  }[];
};

/** A statement's parameters: the interview, and the current version for those that use it. */
export function reportParams(sql: string, interviewId: string, currentVersionId: string | null): unknown[] {
  return sql.includes("$2") ? [interviewId, currentVersionId] : [interviewId];
}

/**
 * Runs every statement (concurrently: they are independent reads of committed rows). A change
 * landing meanwhile can show in one figure and not yet in another; the next refresh evens it out.
 */
export async function runReportQueries(interviewId: string, currentVersionId: string | null, conn?: RawConnection): Promise<ReportRows> {
  const db = conn ?? (await getDbHandle());
  const keys = Object.keys(REPORT_SQL) as (keyof typeof REPORT_SQL)[];
  const results = await Promise.all(keys.map((k) => db.query(REPORT_SQL[k], reportParams(REPORT_SQL[k], interviewId, currentVersionId))));
  return Object.fromEntries(keys.map((k, i) => [k, results[i]])) as ReportRows;
}
