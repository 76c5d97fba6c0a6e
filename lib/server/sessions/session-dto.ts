import "server-only";
import type { CandidateSession, MediaStatus, Question, Response } from "@/lib/generated/prisma/client";

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

/** A recording's file, as /api/v1/sessions/{id} shows it. */
export type SessionAnswerMedia = {
  /** The file's processing status: "uploaded" once stored, then "processing", "ready" or "failed". */
  status: MediaStatus;
  /** Bytes as uploaded. */
  size: number;
  durationSeconds: number | null;
  mimeType: string;
  /** Signed, expiring, seekable (HTTP range requests); null once the file is deleted. */
  playbackUrl: string | null;
};

/** One submitted answer: `text` for a written question, `media` for a recorded one. */
export type SessionAnswer = {
  questionId: string;
  type: "video" | "text";
  text?: string;
  media?: SessionAnswerMedia;
};

/** One question of the session's version with the candidate's latest attempt at it (issue 9's shape, kept). */
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

/**
 * One session with its answers (GET /api/v1/sessions/{id}): the list's fields, issue 9's
 * `responses` (every question with the latest attempt) and issue 10's `answers` (submitted
 * answers with their media). A contract with integrators: later issues extend it, never rename.
 */
export type SessionDetailView = SessionView & {
  responses: SessionResponseView[];
  /** One per question answered (submitted), in question order. */
  answers: SessionAnswer[];
};

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
