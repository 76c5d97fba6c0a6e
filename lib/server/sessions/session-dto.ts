import "server-only";
import type { CandidateSession, MediaStatus } from "@/lib/generated/prisma/client";

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

/**
 * One session with its answers (GET /api/v1/sessions/{id}): exactly these fields, a contract
 * with integrators (issue 10) that later issues extend, never rename.
 */
export type SessionDetailView = Pick<SessionView, "id" | "status" | "candidateName" | "candidateEmail" | "startedAt" | "completedAt"> & {
  /** One per question answered (submitted), in question order. */
  answers: SessionAnswer[];
};

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
