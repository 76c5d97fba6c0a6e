import { useEffect } from "react";
import { postCandidate } from "@/lib/client/candidate-api";

/**
 * Records the candidate's visit once the page runs in a browser (a same-origin POST to
 * /i/<token>/opened): fetching the link's HTML, as mail scanners and chat previews do, marks no
 * one opened. Renders nothing; the route is idempotent, so a remount calling it again changes
 * nothing.
 */
export function MarkLinkOpened({ token }: { token: string }) {
  useEffect(() => {
    void postCandidate(`/i/${token}/opened`).catch(() => {});
  }, [token]);
  return null;
}
