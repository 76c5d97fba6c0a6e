import "server-only";
// The compare page's one query: the actor's live interview (none → no row at all: a 404), its
// current version's questions (the columns), the number of candidates the filters keep, and one
// page of them ranked, each with its answers' AI scores and media flags. One round trip, so the
// page costs what the bare SQL costs (bench/compare.ts).
//
// Ranking, the human judgement first (the AI score never overrides it):
//   decision advance > hold > none yet > reject,
//   then HR's rating (high first, unrated last),
//   then the AI's overall score (high first, unscored last),
//   then who finished first (unfinished last), then the id so that pages never overlap.
import type { CompareDecision, CompareFlag } from "@/lib/schemas/compare";
import type { SessionStatus } from "@/lib/generated/prisma/client";

export type SqlQuery = { text: string; values: unknown[] };

export type CompareQueryOptions = {
  interviewId: string;
  userId: string;
  status?: SessionStatus;
  decision?: CompareDecision;
  flag?: CompareFlag;
  minScore?: number;
  maxScore?: number;
  shortlisted?: boolean;
  limit: number;
  offset: number;
};

export const COMPARE_ORDER = `CASE s.decision WHEN 'advance' THEN 0 WHEN 'hold' THEN 1 WHEN 'reject' THEN 3 ELSE 2 END,
             s.rating DESC NULLS LAST, s.overall_score DESC NULLS LAST, s.completed_at ASC NULLS LAST, s.id`;

export function compareQuery(opts: CompareQueryOptions): SqlQuery {
  const values: unknown[] = [opts.interviewId, opts.userId];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  // Erased candidates keep their row for the counts but have nothing left to compare.
  // The interview's id as a constant (not iv.id) lets the planner use the interview's index.
  const where = ["s.interview_id = $1::uuid", "s.erased_at IS NULL"];
  if (opts.status) where.push(`s.status = ${param(opts.status)}::"SessionStatus"`);
  if (opts.decision === "none") where.push("s.decision IS NULL");
  else if (opts.decision) where.push(`s.decision = ${param(opts.decision)}`);
  if (opts.minScore !== undefined) where.push(`s.overall_score >= ${param(opts.minScore)}::float8`);
  if (opts.maxScore !== undefined) where.push(`s.overall_score <= ${param(opts.maxScore)}::float8`);
  if (opts.shortlisted !== undefined) where.push(`s.shortlisted = ${param(opts.shortlisted)}::boolean`);
  if (opts.flag) {
    // flags is a JSON array of {flag, reason}; `@> '[{}]'` is "has any element", and false
    // (not an error) for anything that is not an array. The LIMIT keeps this a lookup per
    // candidate (their few answers by the responses index): as an EXISTS the planner turns it
    // into a scan of every account's media files.
    const match = opts.flag === "any" || opts.flag === "none" ? `'[{}]'::jsonb` : `jsonb_build_array(jsonb_build_object('flag', ${param(opts.flag)}::text))`;
    where.push(`(SELECT true FROM responses r JOIN media_files m ON m.id = r.media_file_id
         WHERE r.session_id = s.id AND r.submitted_at IS NOT NULL AND m.flags @> ${match} LIMIT 1) IS ${opts.flag === "none" ? "" : "NOT "}NULL`);
  }
  const limit = param(opts.limit);
  const offset = param(opts.offset);
  const text = `
    WITH iv AS (
      SELECT v.id, v.title, v.blind_review, v.current_version_id,
             (SELECT number FROM interview_versions WHERE id = v.current_version_id) AS current_version,
             (SELECT COALESCE(json_agg(json_build_object('id', q.id, 'position', q.position, 'prompt', q.prompt, 'type', q.type) ORDER BY q.position), '[]')
                FROM questions q WHERE q.version_id = v.current_version_id) AS questions
        FROM interviews v JOIN users u ON u.id = v.user_id
       WHERE v.id = $1::uuid AND v.user_id = $2::uuid AND v.deleted_at IS NULL AND u.deleted_at IS NULL),
    f AS (
      SELECT s.id, s.candidate_name, s.candidate_email, s.status, s.decision, s.rating, s.overall_score,
             s.shortlisted, s.completed_at, s.version_id, s.invitation_id
        FROM iv JOIN candidate_sessions s ON ${where.join(" AND ")}),
    p AS (
      SELECT s.*, row_number() OVER (ORDER BY ${COMPARE_ORDER})::int AS rank
        FROM f s
       ORDER BY ${COMPARE_ORDER}
       LIMIT ${limit} OFFSET ${offset})
    SELECT iv.title, iv.blind_review AS "blindReview", iv.questions, iv.current_version AS "currentVersion",
           (SELECT count(*) FROM f)::int AS total,
           p.rank, p.id::text AS "sessionId",
           -- Blind review: who it is stays in the database until the reviewer has rated.
           CASE WHEN iv.blind_review AND p.rating IS NULL THEN NULL ELSE p.candidate_name END AS name,
           CASE WHEN iv.blind_review AND p.rating IS NULL THEN NULL ELSE p.candidate_email END AS email,
           (iv.blind_review AND p.rating IS NULL) AS hidden,
           -- "Candidate N" while hidden, numbered as the candidates table and the review page do
           -- (lib/server/review/blind-review.ts): the position of their invitation.
           CASE WHEN iv.blind_review AND p.rating IS NULL THEN (
             SELECT count(*)::int FROM invitations i JOIN invitations j ON j.interview_id = i.interview_id AND (j.created_at, j.id) <= (i.created_at, i.id)
              WHERE i.id = p.invitation_id) END AS number,
           p.status::text AS status, p.decision, p.rating, p.overall_score AS "overallScore", p.shortlisted,
           p.completed_at AS "completedAt",
           (SELECT number FROM interview_versions WHERE id = p.version_id) AS version,
           a.answers
      FROM iv
      LEFT JOIN p ON true
      -- The page's rows only (after the LIMIT): per question the last submitted attempt, its
      -- scoring row and its recording's flags.
      LEFT JOIN LATERAL (
        SELECT json_agg(json_build_object(
                 'questionId', r.question_id, 'position', q.position,
                 'analysis', sc.status, 'score', CASE WHEN sc.status = 'completed' THEN sc.overall_score END,
                 'flags', m.flags) ORDER BY q.position) AS answers
          FROM (SELECT DISTINCT ON (r.question_id) r.id, r.question_id, r.media_file_id
                  FROM responses r
                 WHERE r.session_id = p.id AND r.submitted_at IS NOT NULL
                 ORDER BY r.question_id, r.attempt DESC) r
          JOIN questions q ON q.id = r.question_id
          LEFT JOIN analyses sc ON sc.response_id = r.id AND sc.analysis_type = 'scoring'
          LEFT JOIN media_files m ON m.id = r.media_file_id
      ) a ON p.id IS NOT NULL
     ORDER BY p.rank`;
  return { text, values };
}
