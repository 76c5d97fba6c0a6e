"use client";

// The recorder (MediaRecorder, IndexedDB, tus-js-client) loads after the page, in its own
// chunks: the candidate page's first-load JavaScript stays small (a benchmark checks it).
// React.lazy rather than next/dynamic (its Pages Router loader adds ~1 KB to the first load);
// rendered only once mounted, so the server renders its introduction, as with ssr: false.
import { lazy, Suspense, useSyncExternalStore, type ComponentProps } from "react";
import { clock, fill } from "@/lib/client/recorder/format";

const VideoAnswer = lazy(() => import("./video-answer").then((m) => ({ default: m.VideoAnswer })));
const PendingTakes = lazy(() => import("./pending-takes").then((m) => ({ default: m.PendingTakes })));

const noSubscription = () => () => {};
/** False on the server and while hydrating, true once mounted. */
const useMounted = () => useSyncExternalStore(noSubscription, () => true, () => false);


/**
 * Until the recorder's code arrives, its heading and introduction as the recorder will show
 * them: the page's largest text paints with the page (its LCP), not seconds later on a slow
 * phone; the recorder then replaces it with the same words in the same place.
 */
function RecorderIntro({ messages, maxSeconds }: { messages: ComponentProps<typeof VideoAnswer>["messages"]; maxSeconds: number }) {
  return (
    <div className="space-y-4">
      <h2 className="text-base font-semibold text-slate-900">{messages.videoTitle}</h2>
      <div className="space-y-3">
        {messages.intro && <p className="text-sm text-slate-700">{fill(messages.intro, { max: clock(maxSeconds) })}</p>}
        <div className="h-10 w-full animate-pulse rounded-lg bg-slate-100 sm:w-44" aria-hidden />
      </div>
    </div>
  );
}

export function VideoAnswerLazy(props: ComponentProps<typeof VideoAnswer>) {
  const intro = <RecorderIntro messages={props.messages} maxSeconds={props.question.maxSeconds} />;
  return useMounted() ? (
    <Suspense fallback={intro}>
      <VideoAnswer {...props} />
    </Suspense>
  ) : (
    intro
  );
}

export function PendingTakesLazy(props: ComponentProps<typeof PendingTakes>) {
  return useMounted() ? (
    <Suspense fallback={null}>
      <PendingTakes {...props} />
    </Suspense>
  ) : null;
}
