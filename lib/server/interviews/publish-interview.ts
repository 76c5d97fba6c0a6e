import "server-only";
import { AppError } from "@/lib/errors";
import { assertInterviewSlot } from "@/lib/server/quotas/enforce-quota";
import { assertFutureDeadline } from "./deadline";
import { readInterviewView, type InterviewView } from "./interview-dto";
import { withLockedInterview, type InterviewCommand } from "./owned-interview";
import { newLinkToken } from "./public-link";
import { publishInterviewPublished } from "./published-event";

export type PublishResult = { publicLink: string; expiresAt: string | null; interview: InterviewView };

/**
 * draft → published: the current version becomes the one candidates answer, the public link
 * exists from now on (its token is made once and never changes), and interview.published
 * (whose consumer sends the invitations) is written in the same transaction. Refused without
 * questions, with a deadline that has passed, or past the plan's active-interview limit (an
 * account moved to a smaller plan keeps its drafts but cannot publish them all).
 */
export async function publishInterview({ actor, interviewId, requestId }: InterviewCommand): Promise<PublishResult> {
  return withLockedInterview(actor, interviewId, async (tx, interview) => {
    if (interview.status !== "draft") {
      throw new AppError(
        "CONFLICT",
        interview.status === "published" ? "This interview is already published." : `This interview is ${interview.status} and cannot be published again.`,
      );
    }
    const questions = interview.currentVersionId ? await tx.question.count({ where: { versionId: interview.currentVersionId } }) : 0;
    if (questions === 0) {
      const msg = "Add at least one question before publishing.";
      throw new AppError("VALIDATION", msg, { questions: [msg] });
    }
    if (interview.expiresAt) assertFutureDeadline(interview.expiresAt);
    await assertInterviewSlot(tx, interview.userId, { exceptId: interview.id });

    const now = new Date();
    const saved = await tx.interview.update({
      where: { id: interview.id },
      data: { status: "published", publishedAt: now, publicToken: interview.publicToken ?? newLinkToken() },
    });
    await tx.interviewVersion.update({ where: { id: interview.currentVersionId! }, data: { publishedAt: now } });
    const { publicLink, expiresAt } = await publishInterviewPublished(tx, saved, requestId);
    return { publicLink, expiresAt, interview: await readInterviewView(tx, saved.id) };
  });
}
