// No "server-only" import: the candidate pages' getServerSideProps (Pages Router, pages/i/) read
// through this module, and Next refuses that package there; eslint.config.mjs keeps it out of
// client code instead.
import { getDb } from "@/lib/db/client";
import { toQuestionView, type QuestionView } from "@/lib/server/interviews/interview-dto";
import { acceptsAnswers, lockSessionBySecret } from "./session-access";

/** A question as the candidate sees it: the HR view without the rubric (how answers are scored). */
export type CandidateQuestion = Omit<QuestionView, "rubric"> & { answered: boolean };

function withoutRubric(q: QuestionView & { answered: boolean }): CandidateQuestion {
  const shown: Partial<typeof q> = { ...q };
  delete shown.rubric;
  return shown as CandidateQuestion;
}

export type CandidateSessionView = {
  sessionId: string;
  status: "started" | "in_progress" | "completed" | "abandoned";
  /** Whether answers are accepted now (published, or closed after this candidate started; before the deadline). */
  acceptsAnswers: boolean;
  candidateName: string;
  candidateEmail: string;
  interview: { title: string; language: "en" | "ru" };
  /** The pinned version's questions, in order: HR's later edits do not change them. */
  questions: CandidateQuestion[];
  answeredCount: number;
  /** Index (0-based) of the first question without a submitted answer; null when all are answered. */
  nextIndex: number | null;
};

/**
 * The candidate's own session, reached by its link and the secret in the cookie (404 for
 * anything else, see lockSessionBySecret): the pinned version's questions, which are
 * answered, where to continue.
 */
export async function getCandidateSession({ token, secret }: { token: unknown; secret: unknown }): Promise<CandidateSessionView> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const session = await lockSessionBySecret(tx, token, secret);
    const questions = session.versionId
      ? await tx.question.findMany({ where: { versionId: session.versionId }, orderBy: { position: "asc" } })
      : [];
    const submitted = await tx.response.findMany({
      where: { sessionId: session.id, submittedAt: { not: null } },
      select: { questionId: true },
    });
    const answered = new Set(submitted.map((r) => r.questionId));
    const view = questions.map((q): CandidateQuestion => withoutRubric({ ...toQuestionView(q), answered: answered.has(q.id) }));
    const next = view.findIndex((q) => !q.answered);
    return {
      sessionId: session.id,
      status: session.status,
      acceptsAnswers: session.status !== "completed" && acceptsAnswers(session.interview),
      candidateName: session.candidateName,
      candidateEmail: session.candidateEmail,
      interview: { title: session.interview.title, language: session.interview.language === "ru" ? "ru" : "en" },
      questions: view,
      answeredCount: view.filter((q) => q.answered).length,
      nextIndex: next === -1 ? null : next,
    };
  });
}
