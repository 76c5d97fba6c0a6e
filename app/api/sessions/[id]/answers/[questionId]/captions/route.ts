import { requireApiUser } from "@/lib/auth/current-user";
import { route } from "@/lib/http";
import { getAnswerCaptions } from "@/lib/server/captions/get-answer-captions";

/**
 * An answer's captions as WebVTT, for the review page's <track> (cookie session; same origin).
 * Someone else's session, an unknown question and an answer without a timed transcript are 404.
 */
export const GET = route<{ params: Promise<{ id: string; questionId: string }> }>(async (_req, { params }) => {
  const user = await requireApiUser();
  const { id, questionId } = await params;
  const vtt = await getAnswerCaptions({ actor: user, sessionId: id, questionId });
  return new Response(vtt, {
    headers: {
      "content-type": "text/vtt; charset=utf-8",
      // The transcript is personal data: kept by no shared cache, and refetched once the answer is analysed again.
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
