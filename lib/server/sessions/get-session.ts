import "server-only";
import { sessionAnalysisView } from "@/lib/server/analysis/stored";
import { loadOwnedSession, toAnswer } from "./session-answers";
import { toSessionResponseView, toSessionView, type SessionDetailView } from "./session-dto";

/**
 * One session of one of the actor's interviews (GET /api/v1/sessions/{id}): the list's fields,
 * every question with the latest attempt (`responses`), and one answer per
 * question the candidate submitted, in question order, each with its analysis; takes still
 * recording or superseded are not answers. The session's own analysis (overall score, summary). Recordings come with an absolute playback URL, signed and expiring. A session of
 * anyone else's interview, of a deleted interview, and a malformed id are the same 404.
 */
export async function getSession({ actor, sessionId }: { actor: { id: string }; sessionId: unknown }): Promise<SessionDetailView> {
  const { session, questions, submitted, latest, versionNumber, analyses } = await loadOwnedSession(actor, sessionId);
  const answers = await Promise.all(
    questions.flatMap((q) => {
      const response = submitted.get(q.id);
      return response ? [toAnswer(q, response, { absolute: true, analysisRows: analyses.byResponse.get(response.id) })] : [];
    }),
  );
  return {
    ...toSessionView(session, versionNumber, questions.length),
    responses: questions.map((q) => toSessionResponseView(q, latest.get(q.id))),
    answers,
    analysis: sessionAnalysisView(analyses.summary),
  };
}
