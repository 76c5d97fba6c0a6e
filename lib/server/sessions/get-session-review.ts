import "server-only";
import type { SessionStatus } from "@/lib/generated/prisma/client";
import type { SessionAnalysisView } from "@/lib/schemas/analysis";
import { sessionAnalysisView } from "@/lib/server/analysis/stored";
import { getDb } from "@/lib/db/client";
import { candidateNumber, identityHidden } from "@/lib/server/review/blind-review";
import { loadOwnedSession, toAnswer } from "./session-answers";
import type { SessionAnswer } from "./session-dto";

export type SessionReview = {
  id: string;
  interview: { id: string; title: string; aiAnalysis: boolean; blindReview: boolean };
  /** "" while blind review hides who it is (`blind`). */
  candidateName: string;
  /** "" while blind review hides who it is (`blind`). */
  candidateEmail: string;
  /**
   * Set while blind review hides the candidate (the interview reviews blind and this session
   * is not rated yet): name, email and posters are left out; show "Candidate {number}".
   */
  blind: { number: number | null } | null;
  status: SessionStatus;
  startedAt: string;
  completedAt: string | null;
  /** When the candidate's media and personal data were erased (request or retention); null: not erased. */
  erasedAt?: string | null;
  /** The session's overall score and summary. */
  analysis: SessionAnalysisView;
  /** Every question of the version the candidate answers, with their submitted answer (and its analysis) or null. */
  questions: { id: string; position: number; prompt: string; type: "video" | "text"; answer: SessionAnswer | null }[];
};

/**
 * A candidate's session as HR reviews it in the dashboard: the questions in order, each with
 * the submitted answer (a recording with a signed playback URL relative to the app, so the page
 * fetches it from its own origin). Anyone else's session is a 404, as in getSession.
 */
export async function getSessionReview({ actor, sessionId }: { actor: { id: string }; sessionId: unknown }): Promise<SessionReview> {
  const { session, questions, submitted, analyses } = await loadOwnedSession(actor, sessionId);
  const hidden = identityHidden(session.interview.blindReview, session.rating);
  const review: SessionReview = {
    id: session.id,
    interview: {
      id: session.interview.id,
      title: session.interview.title,
      aiAnalysis: session.interview.aiAnalysis,
      blindReview: session.interview.blindReview,
    },
    candidateName: hidden ? "" : session.candidateName,
    candidateEmail: hidden ? "" : session.candidateEmail,
    blind: hidden ? { number: await candidateNumber(await getDb(), session.invitationId) } : null,
    status: session.status,
    startedAt: session.startedAt.toISOString(),
    completedAt: session.completedAt?.toISOString() ?? null,
    erasedAt: session.erasedAt?.toISOString() ?? null,
    analysis: sessionAnalysisView(analyses.summary),
    questions: await Promise.all(
      questions.map(async (q) => {
        const response = submitted.get(q.id);
        return {
          id: q.id,
          position: q.position,
          prompt: q.prompt,
          type: q.type,
          answer: response ? await toAnswer(q, response, { absolute: false, analysisRows: analyses.byResponse.get(response.id) }) : null,
        };
      }),
    ),
  };
  // Blind review: the posters show the candidate's face before anyone pressed play.
  if (hidden) for (const q of review.questions) if (q.answer?.media) q.answer.media.thumbnailUrl = null;
  return review;
}
