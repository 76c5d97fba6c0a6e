import "server-only";
import type { CandidateStatus, EmailStatus } from "@/lib/generated/prisma/client";
import type { CandidateStatusFilter } from "@/lib/schemas/invitation";
import { publicUrl } from "@/lib/server/interviews/public-link";
import { asDecision } from "@/lib/server/review/review-dto";
import type { ReviewDecision } from "@/lib/schemas/review";

/** One row of an interview's candidates table, as the dashboard and /api/v1 show it. */
export type CandidateRow = {
  id: string;
  name: string;
  email: string;
  source: "invite" | "public";
  /** The stored status, or "expired" once the deadline has passed without completion. */
  status: CandidateStatusFilter;
  emailStatus: EmailStatus;
  emailError: string | null;
  sendCount: number;
  answeredCount: number;
  totalQuestions: number;
  invitedAt: string;
  sentAt: string | null;
  openedAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  updatedAt: string;
  /** The interview version this candidate answers (fixed when they started); null before that. */
  version: number | null;
  /** The candidate's personal link (/i/<token>). */
  link: string;
  /** The candidate's session (GET /api/v1/sessions/{id}) once they started; null before. */
  sessionId: string | null;
  /** Submitted recordings still in the media pipeline (uploaded, being processed). */
  answersProcessing: number;
  /** Submitted recordings that could not be processed. */
  answersFailed: number;
  /** When the completed session had every recording settled, processed or failed (ready for review); null until then. */
  readyAt: string | null;
  /** HR's overall rating (1–5) of the candidate's session; null: not rated (or not started). */
  rating: number | null;
  /** HR's decision on the candidate's session; null: none yet. */
  decision: ReviewDecision | null;
};

export type InvitationRecord = {
  id: string;
  name: string;
  email: string;
  source: string;
  status: CandidateStatus;
  emailStatus: EmailStatus;
  emailError: string | null;
  sendCount: number;
  answeredCount: number;
  totalQuestions: number;
  createdAt: Date;
  sentAt: Date | null;
  openedAt: Date | null;
  startedAt: Date | null;
  completedAt: Date | null;
  updatedAt: Date;
  token: string;
  version: number | null;
  sessionId: string | null;
  readyAt: Date | null;
  answersProcessing: number | null;
  answersFailed: number | null;
  rating: number | null;
  decision: string | null;
  /** The session's AI score (a tie-break of the decision and rating sorts). */
  overallScore: number | null;
  /** The candidate's number in the interview, read only while it reviews blind. */
  number: number | null;
};

/** Statuses that become "expired" once the deadline has passed. */
export const OPEN_STATUSES = ["invited", "opened", "in_progress"] as const satisfies readonly CandidateStatus[];

export function derivedStatus(status: CandidateStatus, deadline: Date | null, now = new Date()): CandidateStatusFilter {
  const expired = deadline !== null && deadline.getTime() <= now.getTime();
  return expired && (OPEN_STATUSES as readonly string[]).includes(status) ? "expired" : status;
}

export function toCandidateRow(r: InvitationRecord, deadline: Date | null, now = new Date()): CandidateRow {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    source: r.source === "public" ? "public" : "invite",
    status: derivedStatus(r.status, deadline, now),
    emailStatus: r.emailStatus,
    emailError: r.emailError,
    sendCount: r.sendCount,
    answeredCount: r.answeredCount,
    totalQuestions: r.totalQuestions,
    invitedAt: r.createdAt.toISOString(),
    sentAt: iso(r.sentAt),
    openedAt: iso(r.openedAt),
    startedAt: iso(r.startedAt),
    completedAt: iso(r.completedAt),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
    link: publicUrl(r.token),
    sessionId: r.sessionId,
    answersProcessing: r.answersProcessing ?? 0,
    answersFailed: r.answersFailed ?? 0,
    readyAt: iso(r.readyAt),
    rating: r.rating,
    decision: asDecision(r.decision),
  };
}
