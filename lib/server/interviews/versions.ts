// No "server-only" import: the candidate pages' getServerSideProps (Pages Router, pages/i/) read
// through this module, and Next refuses that package there; eslint.config.mjs keeps it out of
// client code instead.
import type { Tx } from "@/lib/db/client";
import type { InterviewVersion, Question as StoredQuestion } from "@/lib/generated/prisma/client";
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
  await tx.question.createMany({ data: questions.map((q, i) => questionRow(interviewId, version.id, i, q)) });
  return version;
}

function questionRow(interviewId: string, versionId: string, index: number, q: Question) {
  return {
    interviewId,
    versionId,
    position: index + 1,
    prompt: q.prompt,
    type: q.type,
    thinkSeconds: q.thinkSeconds,
    maxSeconds: q.maxSeconds,
    maxCharacters: q.maxCharacters,
    retakes: q.retakes,
    rubric: q.rubric,
  };
}

/**
 * Replaces the questions of a version that was never published (no candidate can have seen
 * it, so no session or answer points at its questions).
 */
export async function replaceQuestions(tx: Tx, interviewId: string, versionId: string, questions: Question[]): Promise<void> {
  const version = await tx.interviewVersion.findUniqueOrThrow({ where: { id: versionId }, select: { publishedAt: true } });
  if (version.publishedAt) throw new Error(`version ${versionId} was published and is immutable`);
  await tx.question.deleteMany({ where: { versionId } });
  await tx.question.createMany({ data: questions.map((q, i) => questionRow(interviewId, versionId, i, q)) });
}

/** A stored question back in the validated input's shape, for comparing and duplicating. */
export function toQuestionInput(q: StoredQuestion): Question {
  return {
    prompt: q.prompt,
    type: q.type,
    thinkSeconds: q.thinkSeconds,
    maxSeconds: q.type === "video" ? q.maxSeconds : null,
    maxCharacters: q.type === "text" ? q.maxCharacters : null,
    retakes: q.retakes,
    rubric: Array.isArray(q.rubric) ? (q.rubric as Question["rubric"]) : [],
  };
}

/** Whether the new list is the stored one: same questions, same order, same settings and rubric. */
export function sameQuestions(stored: StoredQuestion[], next: Question[]): boolean {
  const current = [...stored].sort((a, b) => a.position - b.position).map(toQuestionInput);
  return current.length === next.length && current.every((q, i) => canonical(q) === canonical(next[i]!));
}

function canonical(q: Question): string {
  return JSON.stringify([
    q.prompt,
    q.type,
    q.thinkSeconds,
    q.maxSeconds,
    q.maxCharacters,
    q.retakes,
    q.rubric.map((r) => [r.name, r.description, r.weight]),
  ]);
}
