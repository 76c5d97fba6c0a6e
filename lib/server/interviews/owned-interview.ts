import "server-only";
import { getDb, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Interview } from "@/lib/generated/prisma/client";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const INTERVIEW_NOT_FOUND = "This interview does not exist or was deleted.";

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/**
 * The actor's live interview, locked FOR UPDATE so that lifecycle changes (edit, publish,
 * close, invite) on one interview run one at a time. Anyone else's interview, a deleted one
 * and a malformed id are all the same 404: ids are not an oracle.
 */
export async function lockOwnedInterview(tx: Tx, actor: { id: string }, interviewId: unknown): Promise<Interview> {
  if (!isUuid(interviewId) || !isUuid(actor.id)) throw new AppError("NOT_FOUND", INTERVIEW_NOT_FOUND);
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM interviews
     WHERE id = ${interviewId}::uuid AND user_id = ${actor.id}::uuid AND deleted_at IS NULL
     FOR UPDATE`;
  if (rows.length === 0) throw new AppError("NOT_FOUND", INTERVIEW_NOT_FOUND);
  return tx.interview.findUniqueOrThrow({ where: { id: interviewId } });
}

/** The one argument of an interview lifecycle use case (close, publish, extend the deadline, ...). */
export type InterviewCommand = {
  actor: { id: string };
  interviewId: unknown;
  input?: unknown;
  requestId?: string;
};

/**
 * Runs `work` in one transaction on the actor's interview, locked by lockOwnedInterview
 * (the same 404 for anyone else's, a deleted or a malformed id).
 */
export async function withLockedInterview<T>(
  actor: { id: string },
  interviewId: unknown,
  work: (tx: Tx, interview: Interview) => Promise<T>,
): Promise<T> {
  const db = await getDb();
  return db.$transaction(async (tx) => work(tx, await lockOwnedInterview(tx, actor, interviewId)));
}

/** The account, locked FOR SHARE: a deletion committing meanwhile waits, so nothing outlives it. */
export async function assertLiveAccount(tx: Tx, actor: { id: string }): Promise<void> {
  if (!isUuid(actor.id)) throw new AppError("NOT_FOUND", "This account no longer exists.");
  const owner = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM users WHERE id = ${actor.id}::uuid AND deleted_at IS NULL FOR SHARE`;
  if (owner.length === 0) throw new AppError("NOT_FOUND", "This account no longer exists.");
}

/** The actor's live interview without a lock (reads); the same 404 as lockOwnedInterview. */
export async function findOwnedInterview(db: Tx, actor: { id: string }, interviewId: unknown): Promise<Interview> {
  if (!isUuid(interviewId) || !isUuid(actor.id)) throw new AppError("NOT_FOUND", INTERVIEW_NOT_FOUND);
  const interview = await db.interview.findFirst({
    where: { id: interviewId, userId: actor.id, deletedAt: null, user: { deletedAt: null } },
  });
  if (!interview) throw new AppError("NOT_FOUND", INTERVIEW_NOT_FOUND);
  return interview;
}
