import "server-only";
import type { CandidateSession, Question, Response } from "@/lib/generated/prisma/client";

/**
 * A candidate's session as /api/v1 lists it. Field names are a contract with integrators:
 * add fields, never rename them.
 */
export type SessionView = {
  id: string;
  interviewId: string;
  invitationId: string | null;
  candidateEmail: string;
  candidateName: string;
  status: "started" | "in_progress" | "completed" | "abandoned";
  /** The interview version (1, 2, ...) whose questions this candidate answers; null if unknown. */
  version: number | null;
  progress: { answered: number; total: number };
  startedAt: string;
  completedAt: string | null;
  updatedAt: string;
};

/** One question of the session's version with the candidate's latest attempt at it. */
export type SessionResponseView = {
  questionId: string;
  position: number;
  prompt: string;
  type: "video" | "text";
  /** "unanswered" when the candidate has not started this question. */
  status: "unanswered" | "recording" | "uploaded" | "processing" | "ready" | "failed";
  attempt: number | null;
  textAnswer: string | null;
  durationSeconds: number | null;
  submittedAt: string | null;
};

export type SessionDetailView = SessionView & { responses: SessionResponseView[] };

export function toSessionView(s: CandidateSession, version: number | null, totalQuestions: number): SessionView {
  return {
    id: s.id,
    interviewId: s.interviewId,
    invitationId: s.invitationId,
    candidateEmail: s.candidateEmail,
    candidateName: s.candidateName,
    status: s.status,
    version,
    progress: { answered: Math.min(s.answeredCount, totalQuestions), total: totalQuestions },
    startedAt: s.startedAt.toISOString(),
    completedAt: s.completedAt?.toISOString() ?? null,
    updatedAt: s.updatedAt.toISOString(),
  };
}

export function toSessionResponseView(q: Question, latest: Response | undefined): SessionResponseView {
  return {
    questionId: q.id,
    position: q.position,
    prompt: q.prompt,
    type: q.type,
    status: latest?.status ?? "unanswered",
    attempt: latest?.attempt ?? null,
    textAnswer: latest?.textAnswer ?? null,
    durationSeconds: latest?.durationSeconds ?? null,
    submittedAt: latest?.submittedAt?.toISOString() ?? null,
  };
}
