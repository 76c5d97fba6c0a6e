import "server-only";
import type { Tx } from "@/lib/db/client";

/**
 * Candidates of an interview by where they are. Each invitation row (personal or public-link)
 * is in exactly one of invited / opened / inProgress / completed / expired / revoked, so those
 * add up to `total`. "expired" is derived: not completed, not revoked, and the deadline has
 * passed. awaitingReview counts completed sessions HR has not rated yet, and splits into
 * readyForReview (every recording processed or failed: the interview-ready-counts consumer's mark) and
 * processing (recordings still in the media pipeline).
 */
export type InterviewCounts = {
  invited: number;
  opened: number;
  inProgress: number;
  completed: number;
  expired: number;
  revoked: number;
  awaitingReview: number;
  readyForReview: number;
  processing: number;
  total: number;
};

export const NO_CANDIDATES: InterviewCounts = {
  invited: 0,
  opened: 0,
  inProgress: 0,
  completed: 0,
  expired: 0,
  revoked: 0,
  awaitingReview: 0,
  readyForReview: 0,
  processing: 0,
  total: 0,
};

type Row = {
  id: string;
  questions_count: number;
  invited: number;
  opened: number;
  in_progress: number;
  completed: number;
  expired: number;
  revoked: number;
  awaiting_review: number;
  ready_for_review: number;
  processing: number;
  total: number;
};

/**
 * Counts (and the current version's question count) for a page of interviews in ONE query,
 * whatever the page size: no query per interview. The caller has already scoped `ids` to the
 * actor's interviews.
 */
export async function countsByInterview(
  db: Tx,
  ids: string[],
): Promise<Map<string, { counts: InterviewCounts; questionsCount: number }>> {
  const out = new Map<string, { counts: InterviewCounts; questionsCount: number }>();
  if (ids.length === 0) return out;
  const rows = await db.$queryRaw<Row[]>`
    SELECT v.id::text AS id,
           (SELECT count(*) FROM questions q WHERE q.version_id = v.current_version_id)::int AS questions_count,
           coalesce(c.invited, 0)::int AS invited,
           coalesce(c.opened, 0)::int AS opened,
           coalesce(c.in_progress, 0)::int AS in_progress,
           coalesce(c.completed, 0)::int AS completed,
           coalesce(c.expired, 0)::int AS expired,
           coalesce(c.revoked, 0)::int AS revoked,
           coalesce(c.total, 0)::int AS total,
           coalesce(r.awaiting_review, 0)::int AS awaiting_review,
           coalesce(r.ready_for_review, 0)::int AS ready_for_review,
           coalesce(r.processing, 0)::int AS processing
      FROM interviews v
      LEFT JOIN LATERAL (
        SELECT count(*) FILTER (WHERE i.status = 'invited' AND NOT x.expired) AS invited,
               count(*) FILTER (WHERE i.status = 'opened' AND NOT x.expired) AS opened,
               count(*) FILTER (WHERE i.status = 'in_progress' AND NOT x.expired) AS in_progress,
               count(*) FILTER (WHERE i.status = 'completed') AS completed,
               count(*) FILTER (WHERE x.expired) AS expired,
               count(*) FILTER (WHERE i.status = 'revoked') AS revoked,
               count(*) AS total
          FROM invitations i
          CROSS JOIN LATERAL (
            SELECT i.status IN ('invited', 'opened', 'in_progress')
                   AND v.expires_at IS NOT NULL AND v.expires_at <= now() AS expired
          ) x
         WHERE i.interview_id = v.id
      ) c ON true
      LEFT JOIN LATERAL (
        SELECT count(*) FILTER (WHERE s.rating IS NULL) AS awaiting_review,
               count(*) FILTER (WHERE s.rating IS NULL AND s.ready_at IS NOT NULL) AS ready_for_review,
               count(*) FILTER (WHERE s.rating IS NULL AND s.ready_at IS NULL) AS processing
          FROM candidate_sessions s
         WHERE s.interview_id = v.id AND s.status = 'completed'
      ) r ON true
     WHERE v.id = ANY(${ids}::uuid[])`;
  for (const r of rows) {
    out.set(r.id, {
      questionsCount: r.questions_count,
      counts: {
        invited: r.invited,
        opened: r.opened,
        inProgress: r.in_progress,
        completed: r.completed,
        expired: r.expired,
        revoked: r.revoked,
        awaitingReview: r.awaiting_review,
        readyForReview: r.ready_for_review,
        processing: r.processing,
        total: r.total,
      },
    });
  }
  return out;
}
