"use client";

// The recorder (MediaRecorder, IndexedDB, tus-js-client) loads after the page, in its own
// chunks: the candidate page's first-load JavaScript stays small (a benchmark checks it).
// React.lazy rather than next/dynamic (its Pages Router loader adds ~1 KB to the first load);
// rendered only once mounted, so the server renders the placeholder, as with ssr: false.
import { lazy, Suspense, useSyncExternalStore, type ComponentProps } from "react";

const VideoAnswer = lazy(() => import("./video-answer").then((m) => ({ default: m.VideoAnswer })));
const PendingTakes = lazy(() => import("./pending-takes").then((m) => ({ default: m.PendingTakes })));

const noSubscription = () => () => {};
/** False on the server and while hydrating, true once mounted. */
const useMounted = () => useSyncExternalStore(noSubscription, () => true, () => false);

const placeholder = <div className="h-48 animate-pulse rounded-lg bg-slate-100" aria-hidden />;

export function VideoAnswerLazy(props: ComponentProps<typeof VideoAnswer>) {
  return useMounted() ? (
    <Suspense fallback={placeholder}>
      <VideoAnswer {...props} />
    </Suspense>
  ) : (
    placeholder
  );
}

export function PendingTakesLazy(props: ComponentProps<typeof PendingTakes>) {
  return useMounted() ? (
    <Suspense fallback={null}>
      <PendingTakes {...props} />
    </Suspense>
  ) : null;
}
