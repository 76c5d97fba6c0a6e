import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError, validationError } from "@/lib/errors";
import { Prisma, type CandidateStatus } from "@/lib/generated/prisma/client";
import { listCandidatesSchema, type CandidateSort } from "@/lib/schemas/invitation";
import { findOwnedInterview } from "@/lib/server/interviews/owned-interview";
import { OPEN_STATUSES, toCandidateRow, type CandidateRow, type InvitationRecord } from "./candidate-row";

// Keyset pagination over the invitations indexes (prisma/schema.prisma):
//   created → (interview_id, created_at, id), or (interview_id, status, created_at, id) with a
//   single-status filter; name → (interview_id, name, id); email → (interview_id, email, id);
//   updated → (interview_id, updated_at, id).
// The cursor carries the last row's sort key and id; the next page starts strictly after that
// pair with a row comparison the index answers directly, so page 1,000 costs what page 1 does.

const COLUMN: Record<CandidateSort, Prisma.Sql> = {
  created: Prisma.sql`created_at`,
  name: Prisma.sql`name`,
  email: Prisma.sql`email`,
  updated: Prisma.sql`updated_at`,
};
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
  if (IS_DATE[sort] && Number.isNaN(Date.parse(c.k))) throw new AppError("BAD_REQUEST", BAD_CURSOR);
  return c as Cursor;
}

/** Stored statuses a filter means, given whether the deadline has passed ("expired" is derived). */
function statusesFor(filter: string | undefined, expired: boolean): CandidateStatus[] | null {
  if (!filter) return null;
  if (filter === "expired") return expired ? [...OPEN_STATUSES] : [];
  if ((OPEN_STATUSES as readonly string[]).includes(filter)) return expired ? [] : [filter as CandidateStatus];
  return [filter as CandidateStatus];
}

function likePrefix(q: string): string {
  return `${q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/** The SQL of one page (also what bench/candidates-list.ts runs bare). */
export function candidatesPageSql(opts: {
  interviewId: string;
  statuses: CandidateStatus[] | null;
  q?: string;
  sort: CandidateSort;
  order: "asc" | "desc";
  after?: { key: string; id: string };
  take: number;
}): Prisma.Sql {
  const col = COLUMN[opts.sort];
  const dir = opts.order === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const where: Prisma.Sql[] = [Prisma.sql`interview_id = ${opts.interviewId}::uuid`];
  if (opts.statuses) {
    where.push(
      opts.statuses.length === 1
        ? Prisma.sql`status = ${opts.statuses[0]}::"CandidateStatus"`
        : Prisma.sql`status = ANY(${opts.statuses}::"CandidateStatus"[])`,
    );
  }
  if (opts.q) {
    const p = likePrefix(opts.q);
    where.push(Prisma.sql`(lower(name) LIKE ${p} OR email LIKE ${p})`);
  }
  if (opts.after) {
    const key = IS_DATE[opts.sort] ? Prisma.sql`${new Date(opts.after.key)}::timestamptz` : Prisma.sql`${opts.after.key}`;
    where.push(
      opts.order === "asc"
        ? Prisma.sql`(${col}, id) > (${key}, ${opts.after.id}::uuid)`
        : Prisma.sql`(${col}, id) < (${key}, ${opts.after.id}::uuid)`,
    );
  }
  return Prisma.sql`
    SELECT id::text AS id, name, email, source, status::text AS status, email_status::text AS "emailStatus",
           email_error AS "emailError", send_count AS "sendCount", answered_count AS "answeredCount",
           total_questions AS "totalQuestions", created_at AS "createdAt", sent_at AS "sentAt",
           opened_at AS "openedAt", started_at AS "startedAt", completed_at AS "completedAt",
           updated_at AS "updatedAt", token
      FROM invitations
     WHERE ${Prisma.join(where, " AND ")}
     ORDER BY ${col} ${dir}, id ${dir}
     LIMIT ${opts.take}`;
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

  const db = await getDb();
  const interview = await findOwnedInterview(db, actor, interviewId);
  const now = new Date();
  const expired = interview.expiresAt !== null && interview.expiresAt.getTime() <= now.getTime();
  const statuses = statusesFor(status, expired);
  if (statuses && statuses.length === 0) return { data: [], nextCursor: null };

  const rows = await db.$queryRaw<InvitationRecord[]>(
    candidatesPageSql({
      interviewId: interview.id,
      statuses,
      q: q || undefined,
      sort,
      order,
      after: after ? { key: after.k, id: after.i } : undefined,
      take: limit + 1,
    }),
  );
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
  return { data: page.map((r) => toCandidateRow(r, interview.expiresAt, now)), nextCursor };
}
