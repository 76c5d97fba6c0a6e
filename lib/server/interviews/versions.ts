import "server-only";
import type { Tx } from "@/lib/db/client";
import type { InterviewVersion } from "@/lib/generated/prisma/client";
import type { Question } from "@/lib/schemas/interview";

/** A version row with its questions, numbered from 1 in the given order. */
export async function writeVersion(
  tx: Tx,
  interviewId: string,
  number: number,
  questions: Question[],
  publishedAt: Date | null = null,
): Promise<InterviewVersion> {
  const version = await tx.interviewVersion.create({ data: { interviewId, number, publishedAt } });
  await tx.question.createMany({
    data: questions.map((q, i) => ({
      interviewId,
      versionId: version.id,
      position: i + 1,
      prompt: q.prompt,
      type: q.type,
      thinkSeconds: q.thinkSeconds,
      maxSeconds: q.maxSeconds,
      maxCharacters: q.maxCharacters,
      retakes: q.retakes,
      rubric: q.rubric,
    })),
  });
  return version;
}
