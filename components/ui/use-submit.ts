"use client";

import { useCallback, useState } from "react";

export const NETWORK_ERROR = "We could not reach the server. Check your connection and try again.";

/**
 * The pending flag and failure handling every form shares: `run` marks the form busy while
 * the task runs and reports a thrown error (a network failure; server-side errors come back
 * as results) through `onError`.
 */
export function useSubmit() {
  const [pending, setPending] = useState(false);
  const run = useCallback(async (task: () => Promise<void>, onError: (message: string) => void) => {
    setPending(true);
    try {
      await task();
    } catch {
      onError(NETWORK_ERROR);
    } finally {
      setPending(false);
    }
  }, []);
  return { pending, run };
}
