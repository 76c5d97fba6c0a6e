import "server-only";
import { getDb } from "@/lib/db/client";
import type { CreateInterviewInput } from "@/lib/schemas/interview";
import { createInterview } from "./create-interview";
import type { InterviewView } from "./interview-dto";
import { findOwnedInterview } from "./owned-interview";
import { toQuestionInput } from "./versions";

const SUFFIX = " (copy)";
const TITLE_MAX = 200;

/**
 * A new draft from one of the actor's interviews: "<title> (copy)", its current version's
 * questions, the same language, description and intro; no deadline, no link, no candidates.
 * Goes through createInterview, so it is quota-checked and publishes interview.created.
 */
export async function duplicateInterview({
  actor,
  interviewId,
  requestId,
}: {
  actor: { id: string };
  interviewId: unknown;
  input?: unknown;
  requestId?: string;
}): Promise<InterviewView> {
  const db = await getDb();
  const source = await findOwnedInterview(db, actor, interviewId);
  const questions = source.currentVersionId
    ? await db.question.findMany({ where: { versionId: source.currentVersionId }, orderBy: { position: "asc" } })
    : [];
  const input: CreateInterviewInput = {
    title: source.title.slice(0, TITLE_MAX - SUFFIX.length) + SUFFIX,
    description: source.description,
    language: source.language === "ru" ? "ru" : "en",
    introMessage: source.introMessage,
    deadline: null,
    questions: questions.map(toQuestionInput).map(({ maxSeconds, maxCharacters, ...q }) => ({
      ...q,
      maxSeconds: maxSeconds ?? undefined,
      maxCharacters: maxCharacters ?? undefined,
    })),
  };
  return createInterview({ actor, input, requestId, duplicatedFromId: source.id });
}
