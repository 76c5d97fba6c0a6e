import "server-only";
// Blind review: while an interview has it on, the dashboard shows a candidate as "Candidate N"
// (no name, no email, no poster) until HR has rated that session. The loaders leave the data
// out of what they send to the browser; hiding it with CSS would still ship it.
import type { Db, Tx } from "@/lib/db/client";

/** Identity stays hidden: the interview reviews blind and this session is not rated yet. */
export function identityHidden(blindReview: boolean, rating: number | null): boolean {
  return blindReview && rating === null;
}

/**
 * The candidate's number within the interview ("Candidate 3"): the position of their
 * invitation (public-link candidates have one too) in the order they were added, so the
 * candidates table and the review page agree and a number never changes.
 */
export async function candidateNumber(db: Db | Tx, invitationId: string | null): Promise<number | null> {
  if (!invitationId) return null;
  const rows = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n
      FROM invitations j, invitations i
     WHERE i.id = ${invitationId}::uuid AND j.interview_id = i.interview_id
       AND (j.created_at, j.id) <= (i.created_at, i.id)`;
  return rows[0]?.n || null;
}

/** The SQL expression of that number for an invitations row aliased `alias`. */
export const CANDIDATE_NUMBER_SQL = (alias: string) =>
  `(SELECT count(*)::int FROM invitations j WHERE j.interview_id = ${alias}.interview_id AND (j.created_at, j.id) <= (${alias}.created_at, ${alias}.id))`;
