import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { completeInterviewIfDone } from "@/lib/server/interviews/complete-interview";
import { assertLiveAccount } from "@/lib/server/interviews/owned-interview";
import { lockOwnedInvitation } from "./owned-invitation";

/**
 * Revokes a candidate's personal link: it stops working at once (the landing page answers
 * 404) and no email or reminder goes to the candidate any more. A completed interview cannot
 * be revoked (409); revoking twice is a no-op.
 */
export async function revokeInvitation({
  actor,
  invitationId,
  requestId,
}: {
  actor: { id: string };
  invitationId: unknown;
  requestId?: string;
}): Promise<{ id: string; status: "revoked"; revokedAt: string }> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await assertLiveAccount(tx, actor);
    const { invitation } = await lockOwnedInvitation(tx, actor, invitationId);
    if (invitation.status === "completed") {
      throw new AppError("CONFLICT", "This candidate has completed the interview; the invitation cannot be revoked.");
    }
    if (invitation.status === "revoked") {
      return { id: invitation.id, status: "revoked", revokedAt: (invitation.revokedAt ?? invitation.updatedAt).toISOString() };
    }
    const saved = await tx.invitation.update({
      where: { id: invitation.id },
      data: { status: "revoked", revokedAt: new Date() },
    });
    // The last open invitation revoked may leave a published interview done.
    await completeInterviewIfDone(tx, invitation.interviewId, requestId);
    return { id: saved.id, status: "revoked", revokedAt: saved.revokedAt!.toISOString() };
  });
}
