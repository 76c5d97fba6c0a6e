import "server-only";
import { getDb, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Interview, Invitation } from "@/lib/generated/prisma/client";
import { assertLiveAccount, isUuid } from "@/lib/server/interviews/owned-interview";
import { publishInterviewPublished } from "@/lib/server/interviews/published-event";

export const INVITATION_NOT_FOUND = "This invitation does not exist or was deleted.";

/**
 * The actor's invitation with its interview, both locked FOR UPDATE (interview first, the
 * order every invitation write takes). Anyone else's invitation, one of a deleted interview
 * and a malformed id are the same 404.
 */
export async function lockOwnedInvitation(
  tx: Tx,
  actor: { id: string },
  invitationId: unknown,
): Promise<{ invitation: Invitation; interview: Interview }> {
  if (!isUuid(invitationId) || !isUuid(actor.id)) throw new AppError("NOT_FOUND", INVITATION_NOT_FOUND);
  const rows = await tx.$queryRaw<{ interview_id: string }[]>`
    SELECT v.id::text AS interview_id FROM invitations i JOIN interviews v ON v.id = i.interview_id
     WHERE i.id = ${invitationId}::uuid AND v.user_id = ${actor.id}::uuid AND v.deleted_at IS NULL
     FOR UPDATE OF v`;
  if (rows.length === 0) throw new AppError("NOT_FOUND", INVITATION_NOT_FOUND);
  await tx.$executeRaw`SELECT 1 FROM invitations WHERE id = ${invitationId}::uuid FOR UPDATE`;
  const invitation = await tx.invitation.findUniqueOrThrow({ where: { id: invitationId } });
  const interview = await tx.interview.findUniqueOrThrow({ where: { id: rows[0]!.interview_id } });
  return { invitation, interview };
}

/** The one argument of a use case on one candidate row (resend, revoke). */
export type InvitationCommand = { actor: { id: string }; invitationId: unknown; requestId?: string };

/**
 * Runs `work` in one transaction on the actor's invitation and its interview, locked by
 * lockOwnedInvitation after the account is checked live (assertLiveAccount).
 */
export async function withLockedInvitation<T>(
  actor: { id: string },
  invitationId: unknown,
  work: (tx: Tx, locked: { invitation: Invitation; interview: Interview }) => Promise<T>,
): Promise<T> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await assertLiveAccount(tx, actor);
    return work(tx, await lockOwnedInvitation(tx, actor, invitationId));
  });
}

/**
 * interview.published again, with the same public link and deadline, so that the
 * send-invitations consumer sends the invitations that are pending now (new ones, a resend).
 * See docs/decisions/0004-invitation-emails.md.
 */
export async function republishInterview(tx: Tx, interview: Interview, requestId?: string): Promise<void> {
  if (interview.status !== "published" || !interview.publicToken) return;
  await publishInterviewPublished(tx, interview, requestId);
}

/** A deadline that has passed: nobody can start or be invited any more. */
export function isPastDeadline(interview: Pick<Interview, "expiresAt">, now = new Date()): boolean {
  return interview.expiresAt !== null && interview.expiresAt.getTime() <= now.getTime();
}
