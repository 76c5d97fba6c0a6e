import "server-only";
import { withLockedInterview, type InterviewCommand } from "./owned-interview";

/**
 * Soft delete. From the commit on, the interview is a 404 everywhere, its public link and
 * every personal link stop working (link lookups exclude deleted interviews, and every
 * invitation not completed is revoked), and it no longer takes a slot of the plan. Answers
 * and media stay until the account is deleted. Nothing is returned (HTTP 204).
 */
export async function deleteInterview({ actor, interviewId }: InterviewCommand): Promise<void> {
  await withLockedInterview(actor, interviewId, async (tx, interview) => {
    const now = new Date();
    await tx.invitation.updateMany({
      where: { interviewId: interview.id, status: { notIn: ["completed", "revoked"] } },
      data: { status: "revoked", revokedAt: now },
    });
    await tx.interview.update({ where: { id: interview.id }, data: { deletedAt: now } });
  });
}
