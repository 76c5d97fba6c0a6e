import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError, validationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { listSessionsQuerySchema } from "@/lib/schemas/session";
import { INTERVIEW_NOT_FOUND, isUuid } from "@/lib/server/interviews/owned-interview";
import { decodeSessionCursor, encodeSessionCursor } from "./session-cursor";
import { toSessionView, type SessionView } from "./session-dto";

/**
 * The sessions of one of the actor's interviews, newest first, with their status and
 * progress (answered / questions of the version they answer). Keyset pagination on
 * (startedAt, id): `nextCursor` is null on the last page. Anyone else's interview, a deleted
 * one and a malformed id are the same 404.
 */
export async function listSessions({
  actor,
  interviewId,
  input,
}: {
  actor: { id: string };
  interviewId: unknown;
  input: unknown;
}): Promise<{ data: SessionView[]; nextCursor: string | null }> {
  const parsed = listSessionsQuerySchema.safeParse(input ?? {});
  if (!parsed.success) throw validationError(parsed.error);
  const { status, cursor, limit } = parsed.data;
  const after = cursor ? decodeSessionCursor(cursor) : null;
  if (!isUuid(interviewId) || !isUuid(actor.id)) throw new AppError("NOT_FOUND", INTERVIEW_NOT_FOUND);

  const db = await getDb();
  const interview = await db.interview.findFirst({
    where: { id: interviewId, userId: actor.id, deletedAt: null },
    select: { id: true, currentVersionId: true },
  });
  if (!interview) throw new AppError("NOT_FOUND", INTERVIEW_NOT_FOUND);

  const where: Prisma.CandidateSessionWhereInput = { interviewId, ...(status ? { status } : {}) };
  if (after) {
    where.OR = [{ startedAt: { lt: after.startedAt } }, { startedAt: after.startedAt, id: { lt: after.id } }];
  }
  const rows = await db.candidateSession.findMany({
    where,
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    include: { version: { select: { number: true } } },
  });
  const page = rows.slice(0, limit);

  // Questions per version on this page (a session without a version answers the current one).
  const versionIds = [...new Set(page.map((s) => s.versionId ?? interview.currentVersionId).filter((v): v is string => !!v))];
  const counts = versionIds.length
    ? await db.question.groupBy({ by: ["versionId"], where: { versionId: { in: versionIds } }, _count: { _all: true } })
    : [];
  const total = new Map(counts.map((c) => [c.versionId, c._count._all]));

  const data = page.map((s) =>
    toSessionView(s, s.version?.number ?? null, total.get(s.versionId ?? interview.currentVersionId ?? "") ?? 0),
  );
  const last = page.at(-1);
  return { data, nextCursor: rows.length > limit && last ? encodeSessionCursor(last) : null };
}
