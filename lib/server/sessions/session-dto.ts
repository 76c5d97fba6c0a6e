import "server-only";
import type { CandidateSession, MediaStatus, Question, Response } from "@/lib/generated/prisma/client";
import type { AnswerAnalysisView, SessionAnalysisView } from "@/lib/schemas/analysis";
import { toReviewView, type ReviewView } from "@/lib/server/review/review-dto";

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
  /** When the candidate's media and personal data were erased (request or retention); null: not erased. */
  erasedAt: string | null;
  /** HR's judgement (issue 13): overall rating, decision, note. */
  review: ReviewView;
};

/** A recording's status as the API names it: the stored `ready` is `processed`. */
export type AnswerMediaStatus = Exclude<MediaStatus, "ready"> | "processed";

/** A recording's file, as /api/v1/sessions/{id} shows it. */
export type SessionAnswerMedia = {
  /** "uploaded" once stored, then "processing", "processed" or "failed" (with `error`). */
  status: AnswerMediaStatus;
  /** Bytes as uploaded. */
  size: number;
  /** Bytes of the processed MP4, poster, strip and speech track; null until processed. */
  processedSize: number | null;
  durationSeconds: number | null;
  mimeType: string;
  /** Signed, expiring, seekable (HTTP range requests): the processed MP4 once processed, the original before; null once deleted. */
  playbackUrl: string | null;
  /** Signed, expiring JPEG poster; null until processed (or for a recording without picture). */
  thumbnailUrl: string | null;
  /** What processing noticed, e.g. ["silent"], ["blank_video"]. */
  flags: string[];
  /** Each flag with the reason, in words HR can read. */
  flagReasons: { flag: string; reason: string }[];
  /** Why processing failed (status "failed" only). */
  error?: string;
};

/** One submitted answer: `text` for a written question, `media` for a recorded one, and its AI analysis. */
export type SessionAnswer = {
  questionId: string;
  type: "video" | "text";
  text?: string;
  media?: SessionAnswerMedia;
  analysis: AnswerAnalysisView;
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
  /** The session's overall score and summary (issue 12). */
  analysis: SessionAnalysisView;
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
    erasedAt: s.erasedAt?.toISOString() ?? null,
    review: toReviewView(s),
  };
}
