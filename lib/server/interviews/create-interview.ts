import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError, validationError } from "@/lib/errors";
import { publish } from "@/lib/events/publish";
import { createInterviewSchema } from "@/lib/schemas/interview";
import type { Interview, Question } from "@/lib/generated/prisma/client";

export type CreatedInterview = Interview & { questions: Question[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GONE = "This account no longer exists.";

/**
 * A draft interview with its questions, and its interview.created event, in one transaction:
 * the count-interviews-created consumer then keeps users.interviews_created true.
 */
export async function createInterview({
  actor,
  input,
  requestId,
}: {
  actor: { id: string };
  input: unknown;
  requestId?: string;
}): Promise<CreatedInterview> {
  const parsed = createInterviewSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const { title, description, language, questions } = parsed.data;
  // A malformed id would otherwise surface as a database cast error (a 500).
  if (!UUID.test(actor.id)) throw new AppError("NOT_FOUND", GONE);
  const db = await getDb();

  return db.$transaction(async (tx) => {
    // FOR SHARE: an account deletion committing meanwhile waits for this transaction (or wins
    // first, and then this one sees the deleted account), so no interview outlives its owner.
    const owner = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM users WHERE id = ${actor.id}::uuid AND deleted_at IS NULL FOR SHARE`;
    if (owner.length === 0) throw new AppError("NOT_FOUND", GONE);

    const interview = await tx.interview.create({
      data: {
        userId: actor.id,
        title,
        description,
        language,
        questions: { create: questions.map((q, i) => ({ ...q, position: i + 1 })) },
      },
      include: { questions: { orderBy: { position: "asc" } } },
    });
    await publish(tx, {
      eventType: "interview.created",
      userId: actor.id,
      data: {
        interviewId: interview.id,
        title: interview.title,
        questionsCount: interview.questions.length,
        createdAt: interview.createdAt.toISOString(),
      },
      correlationId: requestId,
    });
    return interview;
  });
}
