import "server-only";
import { z } from "zod";
import { cursorDate, decodeCursorJson, encodeCursorJson } from "@/lib/cursor";
import { getDb } from "@/lib/db/client";
import { AppError, validationError } from "@/lib/errors";
import { listInterviewsSchema } from "@/lib/schemas/interview";
import { countsByInterview, NO_CANDIDATES, type InterviewCounts } from "./interview-counts";
import { toInterviewView, type InterviewView } from "./interview-dto";
import { isUuid } from "./owned-interview";

export type InterviewSummary = Omit<InterviewView, "questions"> & {
  questionsCount: number;
  counts: InterviewCounts;
};

export type InterviewPage = { data: InterviewSummary[]; nextCursor: string | null };

const BAD_CURSOR = "The cursor is not valid: pass the nextCursor of a previous page unchanged.";
const cursorSchema = z.strictObject({ c: z.string(), i: z.string().refine(isUuid) });

/** Opaque to callers: base64url JSON of the last row's (createdAt, id). */
export function encodeCursor(createdAt: Date, id: string): string {
  return encodeCursorJson({ c: createdAt.toISOString(), i: id });
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const parsed = cursorSchema.safeParse(decodeCursorJson(cursor));
  const createdAt = parsed.success ? cursorDate(parsed.data.c) : null;
  if (!parsed.success || !createdAt) throw new AppError("BAD_REQUEST", BAD_CURSOR, { cursor: [BAD_CURSOR] });
  return { createdAt, id: parsed.data.i };
}

/**
 * The actor's interviews, newest first, keyset-paginated on (createdAt desc, id desc): a page
 * costs the same however deep it is. Candidate counts and question counts come from one grouped
 * query for the whole page.
 */
export async function listInterviews({
  actor,
  input,
}: {
  actor: { id: string };
  input?: unknown;
  requestId?: string;
}): Promise<InterviewPage> {
  const parsed = listInterviewsSchema.safeParse(input ?? {});
  if (!parsed.success) throw validationError(parsed.error);
  const { cursor, limit, status } = parsed.data;
  const after = cursor ? decodeCursor(cursor) : null;
  if (!isUuid(actor.id)) throw new AppError("NOT_FOUND", "This account no longer exists.");

  const db = await getDb();
  const rows = await db.interview.findMany({
    where: {
      userId: actor.id,
      deletedAt: null,
      user: { deletedAt: null },
      ...(status ? { status } : {}),
      ...(after
        ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const ids = page.map((r) => r.id);
  const [counts, versions] = await Promise.all([
    countsByInterview(db, ids),
    db.interviewVersion.findMany({
      where: { id: { in: page.flatMap((r) => (r.currentVersionId ? [r.currentVersionId] : [])) } },
      select: { id: true, number: true },
    }),
  ]);
  const versionNumber = new Map(versions.map((v) => [v.id, v.number]));
  const last = page.at(-1);
  return {
    data: page.map((r) => {
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      const { questions, ...view } = toInterviewView({ ...r, questions: [] }, versionNumber.get(r.currentVersionId ?? "") ?? 1);
      const c = counts.get(r.id);
      return { ...view, questionsCount: c?.questionsCount ?? 0, counts: c?.counts ?? NO_CANDIDATES };
    }),
    nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}
