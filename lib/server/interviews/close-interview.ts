import "server-only";
import { AppError } from "@/lib/errors";
import { completeInterviewIfDone } from "./complete-interview";
import { readInterviewView, type InterviewView } from "./interview-dto";
import { withLockedInterview, type InterviewCommand } from "./owned-interview";

/**
 * published → closed: no new sessions from now on; candidates already in progress may finish
 * until the deadline. If nobody is in progress the interview is completed at once
 * (interview.completed), so the returned status is "closed" or "completed".
 */
export async function closeInterview({ actor, interviewId, requestId }: InterviewCommand): Promise<InterviewView> {
  return withLockedInterview(actor, interviewId, async (tx, interview) => {
    if (interview.status !== "published") {
      throw new AppError(
        "CONFLICT",
        interview.status === "draft" ? "This interview is a draft: publish it before closing it." : `This interview is already ${interview.status}.`,
      );
    }
    await tx.interview.update({ where: { id: interview.id }, data: { status: "closed", closedAt: new Date() } });
    await completeInterviewIfDone(tx, interview.id, requestId);
    return readInterviewView(tx, interview.id);
  });
}
