import "server-only";
import type { Tx } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import { AppError, validationError } from "@/lib/errors";
import { publish } from "@/lib/events/publish";
import type { Interview } from "@/lib/generated/prisma/client";
import { extendDeadlineSchema } from "@/lib/schemas/interview";
import { assertFutureDeadline } from "./deadline";
import { readInterviewView, type InterviewView } from "./interview-dto";
import { lockOwnedInterview } from "./owned-interview";
import { publicUrl } from "./public-link";

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
  if (!interview.publicToken) throw new Error(`interview ${interview.id} is published without a public token`);
  await publish(tx, {
    eventType: "interview.published",
    userId: interview.userId,
    data: {
      interviewId: interview.id,
      publicLink: publicUrl(interview.publicToken),
      expiresAt: interview.expiresAt?.toISOString() ?? null,
    },
    correlationId: requestId,
  });
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
}: {
  actor: { id: string };
  interviewId: unknown;
  input: unknown;
  requestId?: string;
}): Promise<InterviewView> {
  const parsed = extendDeadlineSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const { deadline } = parsed.data;
  const db = await getDb();

  return db.$transaction(async (tx) => {
    const interview = await lockOwnedInterview(tx, actor, interviewId);
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
