import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Response } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/server/interviews/owned-interview";
import { toSessionResponseView, toSessionView, type SessionDetailView } from "./session-dto";

export const SESSION_NOT_FOUND = "This session does not exist or was deleted.";

/**
 * One session of one of the actor's interviews with its answers: every question of the
 * version the candidate answers, in order, with the latest attempt at it (or "unanswered").
 * A session of anyone else's interview, of a deleted interview, and a malformed id are the
 * same 404.
 */
export async function getSession({ actor, sessionId }: { actor: { id: string }; sessionId: unknown }): Promise<SessionDetailView> {
  if (!isUuid(sessionId) || !isUuid(actor.id)) throw new AppError("NOT_FOUND", SESSION_NOT_FOUND);
  const db = await getDb();
  const session = await db.candidateSession.findFirst({
    where: { id: sessionId, interview: { userId: actor.id, deletedAt: null } },
    include: {
      version: { select: { number: true } },
      interview: { select: { currentVersionId: true } },
      responses: { orderBy: [{ attempt: "asc" }] },
    },
  });
  if (!session) throw new AppError("NOT_FOUND", SESSION_NOT_FOUND);

  const versionId = session.versionId ?? session.interview.currentVersionId;
  const questions = versionId
    ? await db.question.findMany({ where: { versionId }, orderBy: { position: "asc" } })
    : [];
  const latest = new Map<string, Response>();
  for (const r of session.responses) latest.set(r.questionId, r); // ascending attempts: the last one wins
  return {
    ...toSessionView(session, session.version?.number ?? null, questions.length),
    responses: questions.map((q) => toSessionResponseView(q, latest.get(q.id))),
  };
}
