import "server-only";
import { cursorDate } from "@/lib/cursor";
import { getDbHandle } from "@/lib/db/client";
import { AppError, validationError } from "@/lib/errors";
import { listCandidatesSchema, type CandidateDecisionFilter, type CandidateSort, type CandidateStatusFilter } from "@/lib/schemas/invitation";
import { INTERVIEW_NOT_FOUND, isUuid } from "@/lib/server/interviews/owned-interview";
import { CANDIDATE_NUMBER_SQL, identityHidden } from "@/lib/server/review/blind-review";
import { OPEN_STATUSES, toCandidateRow, type CandidateRow, type InvitationRecord } from "./candidate-row";

// Keyset pagination over the invitations indexes (prisma/schema.prisma):
//   created → (interview_id, created_at, id), or (interview_id, status, created_at, id) with a
//   single-status filter; name → (interview_id, name, id); email → (interview_id, email, id);
//   updated → (interview_id, updated_at, id).
// The cursor carries the last row's sort key and id; the next page starts strictly after that
// pair with a row comparison the index answers directly, so page 1,000 costs what page 1 does.
// decision / rating sort by HR's judgement of the latest session (no index: an interview has
// at most a few thousand candidates), the key being the row of ranks below.

type ColumnSort = "created" | "name" | "email" | "updated";
type JudgementSort = "decision" | "rating";
const COLUMN: Record<ColumnSort, string> = { created: "created_at", name: "name", email: "email", updated: "updated_at" };
const IS_DATE: Record<CandidateSort, boolean> = { created: true, name: false, email: false, updated: true, decision: false, rating: false };

// Descending order puts advance first, then hold, then candidates not decided yet, then reject;
// an unrated candidate ranks below every rating and an unscored one below every score.
const DECISION_RANK = `(CASE ls.decision WHEN 'advance' THEN 3 WHEN 'hold' THEN 2 WHEN 'reject' THEN 0 ELSE 1 END)`;
const RATING_RANK = "COALESCE(ls.rating, 0)";
const SCORE_RANK = "COALESCE(ls.overall_score, -1)::float8";
const JUDGEMENT_KEYS: Record<JudgementSort, string[]> = {
  decision: [DECISION_RANK, RATING_RANK, SCORE_RANK],
  rating: [RATING_RANK, SCORE_RANK],
};
const RANK_OF_DECISION: Record<string, number> = { advance: 3, hold: 2, reject: 0 };

function isJudgementSort(sort: CandidateSort): sort is JudgementSort {
  return sort === "decision" || sort === "rating";
}

/** A row's key for a decision / rating sort, as the cursor carries it (JSON numbers). */
function judgementKey(sort: JudgementSort, r: { decision: string | null; rating: number | null; overallScore: number | null }): number[] {
  const rating = r.rating ?? 0;
  const score = r.overallScore ?? -1;
  return sort === "decision" ? [RANK_OF_DECISION[r.decision ?? ""] ?? 1, rating, score] : [rating, score];
}

type Cursor = { s: CandidateSort; o: "asc" | "desc"; k: string; i: string };

const BAD_CURSOR = "This cursor is not valid for this list; start again from the first page.";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c), "utf8").toString("base64url");
}

function decodeCursor(raw: string, sort: CandidateSort, order: "asc" | "desc"): Cursor {
  let c: Partial<Cursor>;
  try {
    c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Partial<Cursor>;
  } catch {
    throw new AppError("BAD_REQUEST", BAD_CURSOR);
  }
  if (!c || typeof c !== "object" || c.s !== sort || c.o !== order || typeof c.k !== "string" || typeof c.i !== "string" || !UUID.test(c.i)) {
    throw new AppError("BAD_REQUEST", BAD_CURSOR);
  }
  // 1970..9999 only: PostgreSQL cannot read some years a JavaScript date takes (0000, +275760).
  if (IS_DATE[sort] && !cursorDate(c.k)) throw new AppError("BAD_REQUEST", BAD_CURSOR);
  if (isJudgementSort(sort) && !judgementCursorKey(c.k, sort)) throw new AppError("BAD_REQUEST", BAD_CURSOR);
  return c as Cursor;
}

function judgementCursorKey(k: string, sort: JudgementSort): number[] | null {
  let key: unknown;
  try {
    key = JSON.parse(k);
  } catch {
    return null;
  }
  const ok = Array.isArray(key) && key.length === JUDGEMENT_KEYS[sort].length && key.every((n) => typeof n === "number" && Number.isFinite(n));
  return ok ? (key as number[]) : null;
}

function likePrefix(q: string): string {
  return `${q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

export type SqlQuery = { text: string; values: unknown[] };

/**
 * One query for one page: the actor's live interview (none → no row at all: a 404) joined
 * laterally with its page of candidates, so that the ownership check costs no extra round trip.
 * "expired" is derived from the deadline on the database's clock.
 */
export function candidatesPageQuery(opts: {
  interviewId: string;
  userId: string;
  status?: CandidateStatusFilter;
  decision?: CandidateDecisionFilter;
  q?: string;
  /** The dashboard under blind review: a search matches only candidates whose identity is shown. */
  blindSearch?: boolean;
  sort: CandidateSort;
  order: "asc" | "desc";
  after?: { key: string; id: string };
  take: number;
}): SqlQuery {
  const values: unknown[] = [opts.interviewId, opts.userId];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const sort = opts.sort;
  const keys = isJudgementSort(sort) ? JUDGEMENT_KEYS[sort] : [`i.${COLUMN[sort]}`];
  const dir = opts.order === "asc" ? "ASC" : "DESC";
  const where = ["i.interview_id = iv.id"];
  if (opts.status === "expired") where.push(`i.status = ANY('{${OPEN_STATUSES.join(",")}}'::"CandidateStatus"[]) AND iv.expired`);
  else if (opts.status) {
    where.push(`i.status = ${param(opts.status)}::"CandidateStatus"`);
    if ((OPEN_STATUSES as readonly string[]).includes(opts.status)) where.push("NOT iv.expired");
  }
  if (opts.decision === "none") where.push("ls.decision IS NULL");
  else if (opts.decision) where.push(`ls.decision = ${param(opts.decision)}`);
  if (opts.q) {
    const p = param(likePrefix(opts.q));
    // Under blind review a hidden candidate must not be findable by the name nobody sees.
    where.push(`(lower(i.name) LIKE ${p} OR i.email LIKE ${p})${opts.blindSearch ? " AND (NOT iv.blind_review OR ls.rating IS NOT NULL)" : ""}`);
  }
  if (opts.after) {
    const after = isJudgementSort(sort)
      ? (judgementCursorKey(opts.after.key, sort) ?? []).map((n) => `${param(n)}::float8`)
      : [IS_DATE[sort] ? `${param(new Date(opts.after.key))}::timestamptz` : param(opts.after.key)];
    where.push(`(${keys.join(", ")}, i.id) ${opts.order === "asc" ? ">" : "<"} (${after.join(", ")}, ${param(opts.after.id)}::uuid)`);
  }
  const text = `
    WITH iv AS (
      SELECT v.id, v.expires_at, v.blind_review, COALESCE(v.expires_at <= now(), false) AS expired
        FROM interviews v JOIN users u ON u.id = v.user_id
       WHERE v.id = $1::uuid AND v.user_id = $2::uuid AND v.deleted_at IS NULL AND u.deleted_at IS NULL)
    SELECT iv.expires_at AS "interviewExpiresAt", iv.blind_review AS "blindReview", p.*, m."readyAt", m."answersProcessing", m."answersFailed"
      FROM iv LEFT JOIN LATERAL (
      SELECT i.id::text AS id, i.name, i.email, i.source, i.status::text AS status, i.email_status::text AS "emailStatus",
             i.email_error AS "emailError", i.send_count AS "sendCount", i.answered_count AS "answeredCount",
             i.total_questions AS "totalQuestions", i.created_at AS "createdAt", i.sent_at AS "sentAt",
             i.opened_at AS "openedAt", i.started_at AS "startedAt", i.completed_at AS "completedAt",
             i.updated_at AS "updatedAt", i.token,
             (SELECT max(v.number) FROM candidate_sessions s JOIN interview_versions v ON v.id = s.version_id
               WHERE s.invitation_id = i.id) AS "version",
             ls.id::text AS "sessionId", ls.rating, ls.decision, ls.overall_score AS "overallScore",
             CASE WHEN iv.blind_review THEN ${CANDIDATE_NUMBER_SQL("i")} END AS "number"
        FROM invitations i
        -- The latest session: the one HR reviews (and the table links to).
        LEFT JOIN LATERAL (
          SELECT s.id, s.rating, s.decision, s.overall_score FROM candidate_sessions s WHERE s.invitation_id = i.id
           ORDER BY s.started_at DESC, s.id DESC LIMIT 1) ls ON true
       WHERE ${where.join(" AND ")}
       ORDER BY ${keys.map((k) => `${k} ${dir}`).join(", ")}, i.id ${dir}
       LIMIT ${param(opts.take)}) p ON true
      -- The page's sessions only (after the LIMIT): where their recordings are in the pipeline.
      LEFT JOIN LATERAL (
        SELECT s.ready_at AS "readyAt",
               count(f.id) FILTER (WHERE f.status IN ('uploading', 'uploaded', 'processing') AND f.deleted_at IS NULL)::int AS "answersProcessing",
               count(f.id) FILTER (WHERE f.status = 'failed')::int AS "answersFailed"
          FROM candidate_sessions s
          LEFT JOIN responses r ON r.session_id = s.id AND r.submitted_at IS NOT NULL
          LEFT JOIN media_files f ON f.id = r.media_file_id
         WHERE s.id = p."sessionId"::uuid
         GROUP BY s.id
      ) m ON true`;
  return { text, values };
}

type CandidatesPageRecords = { rows: InvitationRecord[]; deadline: Date | null; blindReview: boolean; nextCursor: string | null };

async function readCandidatesPage(
  { actor, interviewId, input }: { actor: { id: string }; interviewId: unknown; input?: unknown },
  { blindSearch }: { blindSearch: boolean },
): Promise<CandidatesPageRecords> {
  const parsed = listCandidatesSchema.safeParse(input ?? {});
  if (!parsed.success) throw validationError(parsed.error);
  const { status, decision, q, sort, order, cursor, limit } = parsed.data;
  const after = cursor ? decodeCursor(cursor, sort, order) : undefined;

  if (!isUuid(interviewId) || !isUuid(actor.id)) throw new AppError("NOT_FOUND", INTERVIEW_NOT_FOUND);
  const handle = await getDbHandle();
  const query = candidatesPageQuery({
    interviewId,
    userId: actor.id,
    status,
    decision,
    q: q || undefined,
    blindSearch,
    sort,
    order,
    after: after ? { key: after.k, id: after.i } : undefined,
    take: limit + 1,
  });
  const result = await handle.query<InvitationRecord & { interviewExpiresAt: Date | null; blindReview: boolean; id: string | null }>(query.text, query.values);
  if (result.length === 0) throw new AppError("NOT_FOUND", INTERVIEW_NOT_FOUND);
  const { interviewExpiresAt: deadline, blindReview } = result[0]!;
  // The order of names or emails (and the cursor, which carries the last one) would tell who a
  // hidden candidate is.
  if (blindSearch && blindReview && (sort === "name" || sort === "email")) {
    throw new AppError("VALIDATION", "Sorting by name or email is off while this interview reviews blind: sort by date, decision or rating.");
  }
  const rows = result.filter((r) => r.id !== null) as InvitationRecord[];
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const key = (r: InvitationRecord) =>
    isJudgementSort(sort)
      ? JSON.stringify(judgementKey(sort, r))
      : sort === "created"
        ? r.createdAt.toISOString()
        : sort === "updated"
          ? r.updatedAt.toISOString()
          : sort === "name"
            ? r.name
            : r.email;
  const nextCursor = rows.length > limit && last ? encodeCursor({ s: sort, o: order, k: key(last), i: last.id }) : null;
  return { rows: page, deadline, blindReview, nextCursor };
}

/**
 * One page of an interview's candidates (invitations and public-link candidates), newest
 * first by default, with a keyset cursor for the next page; filtered by status, HR's decision
 * and a name or email prefix; sorted by a column or by HR's decision / rating. Someone
 * else's, a deleted or a malformed interview is a 404. (GET /api/v1/interviews/{id}/invitations:
 * integrations get names and emails whether or not the interview reviews blind.)
 */
export async function listCandidates(args: {
  actor: { id: string };
  interviewId: unknown;
  input?: unknown;
  requestId?: string;
}): Promise<{ data: CandidateRow[]; nextCursor: string | null }> {
  const { rows, deadline, nextCursor } = await readCandidatesPage(args, { blindSearch: false });
  const now = new Date();
  return { data: rows.map((r) => toCandidateRow(r, deadline, now)), nextCursor };
}

/** A row of the dashboard's candidates table: `blind` is set while blind review hides who it is. */
export type CandidateTableRow = CandidateRow & { blind: { number: number | null } | null };

/**
 * The dashboard's candidates table: listCandidates, with blind review applied. While the
 * interview reviews blind, a candidate HR has not rated yet comes without name, email or
 * link (`blind` carries their number instead; a delivery error, which may quote the address, neither) and is not found by searching for them.
 */
export async function listCandidatesForDashboard(args: {
  actor: { id: string };
  interviewId: unknown;
  input?: unknown;
}): Promise<{ data: CandidateTableRow[]; nextCursor: string | null }> {
  const { rows, deadline, blindReview, nextCursor } = await readCandidatesPage(args, { blindSearch: true });
  const now = new Date();
  const data = rows.map((r): CandidateTableRow => {
    const row = toCandidateRow(r, deadline, now);
    if (!identityHidden(blindReview, r.rating)) return { ...row, blind: null };
    // The delivery error may quote the address.
    return { ...row, name: "", email: "", link: "", emailError: null, blind: { number: r.number ?? null } };
  });
  return { data, nextCursor };
}
