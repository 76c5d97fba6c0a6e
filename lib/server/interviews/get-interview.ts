import "server-only";
import { getDb } from "@/lib/db/client";
import { countsByInterview, NO_CANDIDATES, type InterviewCounts } from "./interview-counts";
import { readInterviewView, type InterviewView } from "./interview-dto";
import { findOwnedInterview } from "./owned-interview";

export type InterviewVersionSummary = {
  number: number;
  /** null: never offered to candidates (a draft's version, or one written while closed). */
  publishedAt: string | null;
  questionsCount: number;
  /** Candidate sessions that answer this version's questions. */
  sessionsCount: number;
};

export type InterviewDetail = InterviewView & {
  versions: InterviewVersionSummary[];
  counts: InterviewCounts;
};

/** One of the actor's interviews with its current questions, every version, and candidate counts. */
export async function getInterview({
  actor,
  interviewId,
}: {
  actor: { id: string };
  interviewId: unknown;
  requestId?: string;
}): Promise<InterviewDetail> {
  const db = await getDb();
  const interview = await findOwnedInterview(db, actor, interviewId);
  const [view, versions, counts] = await Promise.all([
    readInterviewView(db, interview.id),
    db.interviewVersion.findMany({
      where: { interviewId: interview.id },
      orderBy: { number: "asc" },
      select: { number: true, publishedAt: true, _count: { select: { questions: true, sessions: true } } },
    }),
    countsByInterview(db, [interview.id]),
  ]);
  return {
    ...view,
    versions: versions.map((v) => ({
      number: v.number,
      publishedAt: v.publishedAt?.toISOString() ?? null,
      questionsCount: v._count.questions,
      sessionsCount: v._count.sessions,
    })),
    counts: counts.get(interview.id)?.counts ?? NO_CANDIDATES,
  };
}
