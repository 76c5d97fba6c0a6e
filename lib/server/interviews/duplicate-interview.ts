import "server-only";
import { getDb } from "@/lib/db/client";
import type { CreateInterviewInput } from "@/lib/schemas/interview";
import { createInterview } from "./create-interview";
import type { InterviewView } from "./interview-dto";
import { findOwnedInterview, type InterviewCommand } from "./owned-interview";
import { toQuestionInput } from "./versions";

const SUFFIX = " (copy)";
const TITLE_MAX = 200;

/**
 * The title of the copy: the source's title cut by whole code points (never half a surrogate
 * pair, which the title schema refuses) so that it and the suffix fit in TITLE_MAX UTF-16 units.
 */
export function copyTitle(title: string): string {
  const room = TITLE_MAX - SUFFIX.length;
  let cut = "";
  for (const ch of title) {
    if (cut.length + ch.length > room) break;
    cut += ch;
  }
  return cut + SUFFIX;
}

/**
 * A new draft from one of the actor's interviews: "<title> (copy)", its current version's
 * questions, the same language, description, intro and AI analysis setting; no deadline, no
 * link, no candidates.
 * Goes through createInterview, so it is quota-checked and publishes interview.created.
 */
export async function duplicateInterview({ actor, interviewId, requestId }: InterviewCommand): Promise<InterviewView> {
  const db = await getDb();
  const source = await findOwnedInterview(db, actor, interviewId);
  const questions = source.currentVersionId
    ? await db.question.findMany({ where: { versionId: source.currentVersionId }, orderBy: { position: "asc" } })
    : [];
  const input: CreateInterviewInput = {
    title: copyTitle(source.title),
    description: source.description,
    language: source.language === "ru" ? "ru" : "en",
    introMessage: source.introMessage,
    deadline: null,
    aiAnalysis: source.aiAnalysis,
    blindReview: source.blindReview,
    questions: questions.map(toQuestionInput).map(({ maxSeconds, maxCharacters, ...q }) => ({
      ...q,
      maxSeconds: maxSeconds ?? undefined,
      maxCharacters: maxCharacters ?? undefined,
    })),
  };
  return createInterview({ actor, input, requestId, duplicatedFromId: source.id });
}
