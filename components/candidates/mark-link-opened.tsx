"use client";

import { useEffect } from "react";
import { markLinkOpenedAction } from "@/lib/actions/candidate-link";

/**
 * Records the candidate's visit once the page runs in a browser (a Server Action, same-origin
 * POST): fetching the link's HTML, as mail scanners and chat previews do, marks no one opened.
 * Renders nothing; the action is idempotent, so a remount calling it again changes nothing.
 */
export function MarkLinkOpened({ token }: { token: string }) {
  useEffect(() => {
    void markLinkOpenedAction(token).catch(() => {});
  }, [token]);
  return null;
}
