import "server-only";
import { getDb } from "@/lib/db/client";
import { validationError } from "@/lib/errors";
import { publish } from "@/lib/events/publish";
import { createInterviewSchema } from "@/lib/schemas/interview";
import { assertInterviewSlot } from "@/lib/server/quotas/enforce-quota";
import { assertFutureDeadline } from "./deadline";
import { toInterviewView, type InterviewView } from "./interview-dto";
import { assertLiveAccount } from "./owned-interview";
import { writeVersion } from "./versions";

/**
 * A draft interview with its questions (version 1), and its interview.created event, in one
 * transaction; refused past the plan's active-interview limit. The count-interviews-created
 * consumer then keeps users.interviews_created true.
 */
export async function createInterview({
  actor,
  input,
  requestId,
  duplicatedFromId,
}: {
  actor: { id: string };
  input: unknown;
  requestId?: string;
  duplicatedFromId?: string;
}): Promise<InterviewView> {
  const parsed = createInterviewSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const { title, description, language, introMessage, deadline, questions, aiAnalysis, blindReview } = parsed.data;
  if (deadline) assertFutureDeadline(deadline);
  const db = await getDb();

  return db.$transaction(async (tx) => {
    // FOR SHARE: an account deletion committing meanwhile waits for this transaction (or wins
    // first, and then this one sees the deleted account), so no interview outlives its owner.
    await assertLiveAccount(tx, actor);
    await assertInterviewSlot(tx, actor.id);

    const interview = await tx.interview.create({
      data: { userId: actor.id, title, description, language, introMessage, expiresAt: deadline, aiAnalysis, blindReview, duplicatedFromId },
    });
    const version = await writeVersion(tx, interview.id, 1, questions);
    const saved = await tx.interview.update({
      where: { id: interview.id },
      data: { currentVersionId: version.id },
      include: { questions: { where: { versionId: version.id } } },
    });
    await publish(tx, {
      eventType: "interview.created",
      userId: actor.id,
      data: {
        interviewId: saved.id,
        title: saved.title,
        questionsCount: questions.length,
        createdAt: saved.createdAt.toISOString(),
      },
      correlationId: requestId,
    });
    return toInterviewView(saved, 1);
  });
}
