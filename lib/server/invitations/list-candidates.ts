import "server-only";
import { cursorDate } from "@/lib/cursor";
import { getDbHandle } from "@/lib/db/client";
import { AppError, validationError } from "@/lib/errors";
import { listCandidatesSchema, type CandidateSort, type CandidateStatusFilter } from "@/lib/schemas/invitation";
import { INTERVIEW_NOT_FOUND, isUuid } from "@/lib/server/interviews/owned-interview";
import { OPEN_STATUSES, toCandidateRow, type CandidateRow, type InvitationRecord } from "./candidate-row";

// Keyset pagination over the invitations indexes (prisma/schema.prisma):
//   created → (interview_id, created_at, id), or (interview_id, status, created_at, id) with a
//   single-status filter; name → (interview_id, name, id); email → (interview_id, email, id);
//   updated → (interview_id, updated_at, id).
// The cursor carries the last row's sort key and id; the next page starts strictly after that
// pair with a row comparison the index answers directly, so page 1,000 costs what page 1 does.

const COLUMN: Record<CandidateSort, string> = { created: "created_at", name: "name", email: "email", updated: "updated_at" };
const IS_DATE: Record<CandidateSort, boolean> = { created: true, name: false, email: false, updated: true };

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
  return c as Cursor;
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
  q?: string;
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
  const col = `i.${COLUMN[opts.sort]}`;
  const dir = opts.order === "asc" ? "ASC" : "DESC";
  const where = ["i.interview_id = iv.id"];
  if (opts.status === "expired") where.push(`i.status = ANY('{${OPEN_STATUSES.join(",")}}'::"CandidateStatus"[]) AND iv.expired`);
  else if (opts.status) {
    where.push(`i.status = ${param(opts.status)}::"CandidateStatus"`);
    if ((OPEN_STATUSES as readonly string[]).includes(opts.status)) where.push("NOT iv.expired");
  }
  if (opts.q) {
    const p = param(likePrefix(opts.q));
    where.push(`(lower(i.name) LIKE ${p} OR i.email LIKE ${p})`);
  }
  if (opts.after) {
    const key = IS_DATE[opts.sort] ? `${param(new Date(opts.after.key))}::timestamptz` : param(opts.after.key);
    where.push(`(${col}, i.id) ${opts.order === "asc" ? ">" : "<"} (${key}, ${param(opts.after.id)}::uuid)`);
  }
  const text = `
    WITH iv AS (
      SELECT v.id, v.expires_at, COALESCE(v.expires_at <= now(), false) AS expired
        FROM interviews v JOIN users u ON u.id = v.user_id
       WHERE v.id = $1::uuid AND v.user_id = $2::uuid AND v.deleted_at IS NULL AND u.deleted_at IS NULL)
    SELECT iv.expires_at AS "interviewExpiresAt", p.*, m."readyAt", m."answersProcessing", m."answersFailed"
      FROM iv LEFT JOIN LATERAL (
      SELECT i.id::text AS id, i.name, i.email, i.source, i.status::text AS status, i.email_status::text AS "emailStatus",
             i.email_error AS "emailError", i.send_count AS "sendCount", i.answered_count AS "answeredCount",
             i.total_questions AS "totalQuestions", i.created_at AS "createdAt", i.sent_at AS "sentAt",
             i.opened_at AS "openedAt", i.started_at AS "startedAt", i.completed_at AS "completedAt",
             i.updated_at AS "updatedAt", i.token,
             (SELECT max(v.number) FROM candidate_sessions s JOIN interview_versions v ON v.id = s.version_id
               WHERE s.invitation_id = i.id) AS "version",
             (SELECT s.id::text FROM candidate_sessions s WHERE s.invitation_id = i.id
               ORDER BY s.started_at DESC, s.id DESC LIMIT 1) AS "sessionId"
        FROM invitations i
       WHERE ${where.join(" AND ")}
       ORDER BY ${col} ${dir}, i.id ${dir}
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

/**
 * One page of an interview's candidates (invitations and public-link candidates), newest
 * first by default, with a keyset cursor for the next page. Someone else's, a deleted or a
 * malformed interview is a 404.
 */
export async function listCandidates({
  actor,
  interviewId,
  input,
}: {
  actor: { id: string };
  interviewId: unknown;
  input?: unknown;
  requestId?: string;
}): Promise<{ data: CandidateRow[]; nextCursor: string | null }> {
  const parsed = listCandidatesSchema.safeParse(input ?? {});
  if (!parsed.success) throw validationError(parsed.error);
  const { status, q, sort, order, cursor, limit } = parsed.data;
  const after = cursor ? decodeCursor(cursor, sort, order) : undefined;

  if (!isUuid(interviewId) || !isUuid(actor.id)) throw new AppError("NOT_FOUND", INTERVIEW_NOT_FOUND);
  const handle = await getDbHandle();
  const query = candidatesPageQuery({
    interviewId,
    userId: actor.id,
    status,
    q: q || undefined,
    sort,
    order,
    after: after ? { key: after.k, id: after.i } : undefined,
    take: limit + 1,
  });
  const result = await handle.query<InvitationRecord & { interviewExpiresAt: Date | null; id: string | null }>(query.text, query.values);
  if (result.length === 0) throw new AppError("NOT_FOUND", INTERVIEW_NOT_FOUND);
  const deadline = result[0]!.interviewExpiresAt;
  const rows = result.filter((r) => r.id !== null) as InvitationRecord[];
  const now = new Date();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor({
          s: sort,
          o: order,
          k: sort === "created" ? last.createdAt.toISOString() : sort === "updated" ? last.updatedAt.toISOString() : sort === "name" ? last.name : last.email,
          i: last.id,
        })
      : null;
  return { data: page.map((r) => toCandidateRow(r, deadline, now)), nextCursor };
}
