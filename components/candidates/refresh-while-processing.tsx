"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

const EVERY_MS = 5_000;

/**
 * While some answer is still in the media pipeline or being analysed, the page re-reads its
 * data every 5 s (only while the tab is visible), so the poster, the processed video, the flags
 * and the analysis appear without a reload. With `stopAfterMs` it gives up after that long
 * (counted from when the limit first applied): an analysis that never ends must not keep the
 * page polling forever. Renders nothing.
 */
export function RefreshWhileProcessing({ active, stopAfterMs }: { active: boolean; stopAfterMs?: number }) {
  const router = useRouter();
  // Kept across refreshes (the component stays mounted): when the limited polling began.
  const limitedSince = useRef<number | null>(null);
  useEffect(() => {
    if (!active) {
      limitedSince.current = null;
      return;
    }
    if (stopAfterMs === undefined) limitedSince.current = null;
    else limitedSince.current ??= Date.now();
    const timer = setInterval(() => {
      if (stopAfterMs !== undefined && limitedSince.current !== null && Date.now() - limitedSince.current >= stopAfterMs) {
        clearInterval(timer);
        return;
      }
      if (document.visibilityState === "visible") router.refresh();
    }, EVERY_MS);
    return () => clearInterval(timer);
  }, [active, stopAfterMs, router]);
  return null;
}
