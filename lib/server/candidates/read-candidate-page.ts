import { AppError } from "@/lib/errors";
import { openLink, type OpenedLink } from "@/lib/server/invitations/open-link";
import { getCandidateSession, type CandidateSessionView } from "./get-candidate-session";

/**
 * What a candidate page under /i/<token>/ needs: the link (null for an unknown, revoked or
 * deleted one: the page answers 404) and the session of this browser's cookie (`secret`; null
 * without one, or when it no longer opens the session, e.g. replaced by a start on another
 * device). Read-only.
 */
export async function readCandidatePage(token: string, secret: string | undefined): Promise<{ link: OpenedLink | null; session: CandidateSessionView | null }> {
  const link = await openLink({ token }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") return null;
    throw err;
  });
  if (!link) return { link, session: null };
  const session = secret
    ? await getCandidateSession({ token, secret }).catch((err: unknown) => {
        if (err instanceof AppError && err.code === "NOT_FOUND") return null;
        throw err;
      })
    : null;
  return { link, session };
}
