// No "server-only" import: the candidate pages' getServerSideProps (Pages Router, pages/i/) read
// through this module, and Next refuses that package there; eslint.config.mjs keeps it out of
// client code instead.
import { createHash, randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma, type CandidateSession, type Interview } from "@/lib/generated/prisma/client";
import { LINK_TOKEN } from "@/lib/server/invitations/open-link";

/**
 * One message for every way a candidate's session cannot be found: no cookie, a wrong or old
 * secret, a secret of another link, a malformed token. The answer tells nothing about which.
 */
export const SESSION_NOT_FOUND = "This interview session was not found. Open your interview link again to continue.";
export const INTERVIEW_CLOSED = "This interview is closed and no longer accepts answers.";
export const INTERVIEW_EXPIRED = "The deadline of this interview has passed; answers are no longer accepted.";
export const SESSION_COMPLETED = "You have already completed this interview. Thank you!";

/** The name of the cookie (path /i/<token>) holding the session secret. */
export const SESSION_COOKIE = "intervue_candidate";

/** 32 random bytes, base64url: the candidate's browser keeps it; only its sha256 is stored. */
export function newSessionSecret(): string {
  return randomBytes(32).toString("base64url");
}

export function hashSessionSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

const SECRET = /^[A-Za-z0-9_-]{43}$/;

/** 410 for an interview that takes no new candidates (closed, completed, past its deadline). */
export function assertInterviewOpen(interview: Pick<Interview, "status" | "expiresAt">, now = new Date()): void {
  if (interview.status !== "published") throw new AppError("GONE", INTERVIEW_CLOSED);
  if (interview.expiresAt && interview.expiresAt <= now) throw new AppError("GONE", INTERVIEW_EXPIRED);
}

/**
 * Whether a candidate who already started may go on answering: a published interview, or one
 * HR closed (closing stops new sessions; those in progress may finish), before the deadline.
 */
export function acceptsAnswers(interview: Pick<Interview, "status" | "expiresAt">, now = new Date()): boolean {
  return (interview.status === "published" || interview.status === "closed") && !(interview.expiresAt && interview.expiresAt <= now);
}

/** 410 unless a started candidate may go on answering (acceptsAnswers). */
export function assertAcceptsAnswers(interview: Pick<Interview, "status" | "expiresAt">, now = new Date()): void {
  if (interview.expiresAt && interview.expiresAt <= now) throw new AppError("GONE", INTERVIEW_EXPIRED);
  if (!acceptsAnswers(interview, now)) throw new AppError("GONE", INTERVIEW_CLOSED);
}

export type LockedSession = CandidateSession & { interview: Interview };

/**
 * The session whose secret the cookie holds, reached through its link (`token`: the personal
 * invitation's token, or the interview's public token), locked FOR UPDATE for the rest of `tx`.
 * A personal invitation's session is reached only through its personal link, a public-link
 * candidate's only through the public link. Anything else — a malformed token or secret, a
 * secret used with another link, a revoked invitation,
 * a deleted interview or account — is the same 404.
 */
export async function lockSessionBySecret(tx: Tx, token: unknown, secret: unknown): Promise<LockedSession> {
  const id = await sessionIdBySecret(tx, token, secret, true);
  return tx.candidateSession.findUniqueOrThrow({ where: { id }, include: { interview: true } });
}

/**
 * lockSessionBySecret without the lock, for read-only checks that run on every page GET
 * (proxy.ts): they must not queue behind, nor hold up, a finalise or progress update of the
 * same session.
 */
export async function findSessionBySecret(db: Tx, token: unknown, secret: unknown): Promise<LockedSession> {
  const id = await sessionIdBySecret(db, token, secret, false);
  const session = await db.candidateSession.findUnique({ where: { id }, include: { interview: true } });
  if (!session) throw new AppError("NOT_FOUND", SESSION_NOT_FOUND);
  return session;
}

async function sessionIdBySecret(db: Tx, token: unknown, secret: unknown, lock: boolean): Promise<string> {
  if (typeof token !== "string" || !LINK_TOKEN.test(token)) throw new AppError("NOT_FOUND", SESSION_NOT_FOUND);
  if (typeof secret !== "string" || !SECRET.test(secret)) throw new AppError("NOT_FOUND", SESSION_NOT_FOUND);
  const [row] = await db.$queryRaw<{ id: string }[]>`
    SELECT s.id::text AS id FROM candidate_sessions s
      JOIN interviews i ON i.id = s.interview_id
      JOIN users u ON u.id = i.user_id
      LEFT JOIN invitations v ON v.id = s.invitation_id
     WHERE s.secret_hash = ${hashSessionSecret(secret)}
       AND i.deleted_at IS NULL AND u.deleted_at IS NULL
       AND (v.id IS NULL OR v.status <> 'revoked')
       AND CASE WHEN v.source = 'invite' THEN v.token = ${token} ELSE i.public_token = ${token} END
     ${lock ? Prisma.sql`FOR UPDATE OF s` : Prisma.empty}`;
  if (!row) throw new AppError("NOT_FOUND", SESSION_NOT_FOUND);
  return row.id;
}
