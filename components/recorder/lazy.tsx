"use client";

// The recorder (MediaRecorder, IndexedDB, tus-js-client) loads after the page, in its own
// chunks: the candidate page's first-load JavaScript stays small (a benchmark checks it).
import dynamic from "next/dynamic";

export const VideoAnswerLazy = dynamic(
  () => import("./video-answer").then((m) => m.VideoAnswer),
  {
    ssr: false,
    loading: () => (
      <div className="h-48 animate-pulse rounded-lg bg-slate-100" aria-hidden />
    ),
  },
);

export const PendingTakesLazy = dynamic(
  () => import("./pending-takes").then((m) => m.PendingTakes),
  { ssr: false },
);
