import "server-only";
import { AppError } from "@/lib/errors";
import { completeInterviewIfDone } from "@/lib/server/interviews/complete-interview";
import { withLockedInvitation, type InvitationCommand } from "./owned-invitation";

/**
 * Revokes a candidate's personal link: it stops working at once (the landing page answers
 * 404) and no email or reminder goes to the candidate any more. A completed interview cannot
 * be revoked (409); revoking twice is a no-op.
 */
export async function revokeInvitation({
  actor,
  invitationId,
  requestId,
}: InvitationCommand): Promise<{ id: string; status: "revoked"; revokedAt: string }> {
  return withLockedInvitation(actor, invitationId, async (tx, { invitation }) => {
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
