// No "server-only" import: the candidate pages' getServerSideProps (Pages Router, pages/i/) read
// through this module, and Next refuses that package there; eslint.config.mjs keeps it out of
// client code instead.
import type { Tx } from "@/lib/db/client";
import { publicUrl } from "@/lib/server/interviews/public-link";
import type { Interview, InterviewVersion, Question } from "@/lib/generated/prisma/client";
import type { RubricCriterion } from "@/lib/schemas/interview";
import { toQuestionInput } from "./versions";

/** A question as the API, the dashboard and (later) the candidate pages see it. */
export type QuestionView = {
  id: string;
  position: number;
  prompt: string;
  type: "video" | "text";
  thinkSeconds: number;
  maxSeconds: number | null;
  maxCharacters: number | null;
  retakes: number;
  rubric: RubricCriterion[];
};

/**
 * An interview as /api/v1 answers it. Field names are a contract with integrators: add
 * fields, never rename them.
 */
export type InterviewView = {
  id: string;
  title: string;
  description: string | null;
  language: "en" | "ru";
  introMessage: string | null;
  deadline: string | null;
  /** Answers are transcribed and scored by AI; the consent page says so when true. */
  aiAnalysis: boolean;
  /** Blind review: the dashboard hides candidates' names, emails and posters until rated. */
  blindReview: boolean;
  status: "draft" | "published" | "closed" | "completed";
  publicLink: string | null;
  version: number;
  questions: QuestionView[];
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  closedAt: string | null;
  completedAt: string | null;
};

export type InterviewWithQuestions = Interview & { questions: Question[]; currentVersion?: InterviewVersion | null };

export function toQuestionView(q: Question): QuestionView {
  return { id: q.id, position: q.position, ...toQuestionInput(q) };
}

export function toInterviewView(i: InterviewWithQuestions, version: number): InterviewView {
  return {
    id: i.id,
    title: i.title,
    description: i.description,
    language: i.language === "ru" ? "ru" : "en",
    introMessage: i.introMessage,
    deadline: i.expiresAt?.toISOString() ?? null,
    aiAnalysis: i.aiAnalysis,
    blindReview: i.blindReview,
    status: i.status,
    publicLink: i.publicToken && i.status !== "draft" ? publicUrl(i.publicToken) : null,
    version,
    questions: [...i.questions].sort((a, b) => a.position - b.position).map(toQuestionView),
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
    publishedAt: i.publishedAt?.toISOString() ?? null,
    closedAt: i.closedAt?.toISOString() ?? null,
    completedAt: i.completedAt?.toISOString() ?? null,
  };
}

/**
 * The interview's view with the questions of its current version (never another version's).
 * `db` is the client or a transaction; the caller has already checked ownership.
 */
export async function readInterviewView(db: Tx, interviewId: string): Promise<InterviewView> {
  const interview = await db.interview.findUniqueOrThrow({ where: { id: interviewId } });
  const versionId = interview.currentVersionId;
  const [version, questions] = versionId
    ? await Promise.all([
        db.interviewVersion.findUnique({ where: { id: versionId }, select: { number: true } }),
        db.question.findMany({ where: { versionId }, orderBy: { position: "asc" } }),
      ])
    : [null, []];
  return toInterviewView({ ...interview, questions }, version?.number ?? 1);
}
