// No "server-only" import: the candidate pages' getServerSideProps (Pages Router, pages/i/) read
// through this module, and Next refuses that package there; eslint.config.mjs keeps it out of
// client code instead.
import { AppError } from "@/lib/errors";
import { getDb } from "@/lib/db/client";
import { openLink, type OpenedLink } from "@/lib/server/invitations/open-link";
import type { CandidateSessionView } from "./get-candidate-session";
import { acceptsAnswers, findSessionBySecret } from "./session-access";

/** The candidate page paths (GET) whose answer is 410 when the link takes nobody new. */
export const CANDIDATE_PAGE = /^\/i\/([A-Za-z0-9_-]{22,128})(?:\/(?:start|check|questions|done))?\/?$/;

/**
 * Whether a browser arriving at a link should be told it is gone: the link exists but is
 * closed or past its deadline, and this browser holds no session that may still go on (a
 * candidate who started before HR closed may finish before the deadline) or that is finished
 * (its thank-you page stays). An unknown link is not "gone": its page answers 404.
 */
export function isGone(link: Pick<OpenedLink, "state"> | null, session: Pick<CandidateSessionView, "status" | "acceptsAnswers"> | null): boolean {
  if (!link || link.state === "open") return false;
  if (session && (session.status === "completed" || session.acceptsAnswers)) return false;
  return true;
}

/**
 * isGone for a token and the session secret of the request's cookie: proxy.ts answers such a
 * page with 410, and the page itself shows the closed or expired notice (CandidateLanding).
 * Read-only, and a plain read (no FOR UPDATE): it runs on every candidate page GET and must not
 * queue behind a finalise or progress update of the same session. A session that cannot be
 * found counts as none.
 */
export async function candidateLinkGone({ token, secret }: { token: string; secret: string | undefined }): Promise<boolean> {
  const link = await openLink({ token }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") return null;
    throw err;
  });
  if (!link || link.state === "open") return false;
  const found = secret
    ? await findSessionBySecret(await getDb(), token, secret).catch((err: unknown) => {
        if (err instanceof AppError && err.code === "NOT_FOUND") return null;
        throw err;
      })
    : null;
  const session = found && { status: found.status, acceptsAnswers: found.status !== "completed" && acceptsAnswers(found.interview) };
  return isGone(link, session);
}
