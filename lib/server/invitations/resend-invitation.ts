import "server-only";
import { AppError } from "@/lib/errors";
import { MAX_RESENDS } from "@/lib/schemas/invitation";
import { isPastDeadline, republishInterview, withLockedInvitation, type InvitationCommand } from "./owned-invitation";

/**
 * Sends a candidate's invitation email again: `sendCount` goes up (it is part of the email's
 * dedupe key, so this is a new email, not a duplicate), the email status back to pending, and
 * interview.published is published again so that the send-invitations consumer sends it.
 * Refused for a revoked or completed invitation, an interview that is not open, and after
 * MAX_RESENDS resends.
 */
export async function resendInvitation({
  actor,
  invitationId,
  requestId,
}: InvitationCommand): Promise<{ id: string; sendCount: number; emailStatus: "pending" }> {
  return withLockedInvitation(actor, invitationId, async (tx, { invitation, interview }) => {
    if (invitation.status === "revoked") throw new AppError("CONFLICT", "This invitation was revoked; it cannot be sent again.");
    if (invitation.status === "completed") throw new AppError("CONFLICT", "This candidate has already completed the interview.");
    if (interview.status === "draft") {
      throw new AppError("CONFLICT", "This interview is not published yet: invitations are sent when you publish it.");
    }
    if (interview.status !== "published") throw new AppError("CONFLICT", "This interview is closed: invitations can no longer be sent.");
    if (isPastDeadline(interview)) throw new AppError("CONFLICT", "The deadline has passed: extend it before sending the invitation again.");
    if (invitation.sendCount >= MAX_RESENDS) {
      throw new AppError(
        "CONFLICT",
        `This invitation has already been sent again ${MAX_RESENDS} times. Copy the personal link and send it to the candidate yourself.`,
      );
    }
    const saved = await tx.invitation.update({
      where: { id: invitation.id },
      data: { sendCount: { increment: 1 }, emailStatus: "pending", emailError: null },
    });
    await republishInterview(tx, interview, requestId);
    return { id: saved.id, sendCount: saved.sendCount, emailStatus: "pending" };
  });
}
