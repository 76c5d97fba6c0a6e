import "server-only";
import type { Tx } from "@/lib/db/client";
import { AppError, validationError } from "@/lib/errors";
import type { Interview } from "@/lib/generated/prisma/client";
import { extendDeadlineSchema } from "@/lib/schemas/interview";
import { assertFutureDeadline } from "./deadline";
import { readInterviewView, type InterviewView } from "./interview-dto";
import { withLockedInterview, type InterviewCommand } from "./owned-interview";
import { publishInterviewPublished } from "./published-event";

/**
 * interview.published again, with the same public link and the new expiresAt. The
 * notification consumer of interview.published (send-invitations) reschedules its reminders
 * from it: a new deadline means new reminder times, and invitations already sent are not sent
 * again (the consumer is idempotent per invitation).
 */
export async function publishDeadlineChange(
  tx: Tx,
  interview: Pick<Interview, "id" | "userId" | "publicToken" | "expiresAt">,
  requestId?: string,
): Promise<void> {
  await publishInterviewPublished(tx, interview, requestId);
}

/**
 * A new deadline for a published or closed interview (in the future; it may also be earlier
 * than the old one). A closed interview's started candidates may finish until then.
 */
export async function extendDeadline({
  actor,
  interviewId,
  input,
  requestId,
}: InterviewCommand & { input: unknown }): Promise<InterviewView> {
  const parsed = extendDeadlineSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const { deadline } = parsed.data;

  return withLockedInterview(actor, interviewId, async (tx, interview) => {
    if (interview.status !== "published" && interview.status !== "closed") {
      throw new AppError(
        "CONFLICT",
        interview.status === "draft"
          ? "This interview is a draft: set its deadline by editing it."
          : "This interview is completed; its deadline can no longer change.",
      );
    }
    assertFutureDeadline(deadline);
    const saved = await tx.interview.update({ where: { id: interview.id }, data: { expiresAt: deadline } });
    if (saved.status === "published") await publishDeadlineChange(tx, saved, requestId);
    return readInterviewView(tx, interview.id);
  });
}
