"use client";

import { useEffect, useRef, useState } from "react";
import {
  finishSubmitted,
  openPending,
  pendingTakes,
  type PendingTake,
} from "@/lib/client/recorder/recover";
import { UploadStatusView, type RecorderMessages } from "./upload-status";

/**
 * On page load: the takes of this link left in IndexedDB by an earlier visit (reload, crash,
 * browser restart) are uploaded before the candidate goes on, with their progress. A take the
 * candidate had submitted is finalised. The latest take of `currentQuestionId` is handed to
 * `onDone` once its recording has ended, for review; the others are uploaded and kept.
 */
export function RecoveryPanel({
  token,
  answeredIds,
  currentQuestionId,
  onDone,
  messages: m,
}: {
  token: string;
  answeredIds: string[];
  currentQuestionId: string | null;
  onDone: (current: PendingTake | null, worked: boolean) => void;
  messages: RecorderMessages;
}) {
  const [takes, setTakes] = useState<PendingTake[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  const doneRef = useRef(onDone);
  useEffect(() => {
    doneRef.current = onDone;
  });

  useEffect(() => {
    // Once per page (React's development double effects must not start two uploads).
    if (started.current) return;
    started.current = true;
    let current: PendingTake | null = null;
    void (async () => {
      const metas = await pendingTakes(token, new Set(answeredIds));
      if (metas.length === 0) {
        doneRef.current(null, false);
        return;
      }
      const opened = await Promise.all(metas.map((meta) => openPending(meta)));
      setTakes(opened);
      const mine = opened.filter(
        (t) =>
          t.log.meta.questionId === currentQuestionId &&
          t.log.meta.state !== "submitting",
      );
      const latest = mine[mine.length - 1] ?? null;
      const failures: string[] = [];
      await Promise.all(
        opened.map(async (take) => {
          try {
            if (take.log.meta.state === "submitting") {
              await finishSubmitted(take);
            } else if (take === latest) {
              take.uploader.start();
              // Review needs the whole recording: wait for the tab that records it (or its crash).
              await take.log.waitFor(Number.MAX_SAFE_INTEGER);
              current = take;
            } else {
              take.uploader.start();
              await take.uploader.done;
              take.uploader.stop();
            }
          } catch (err) {
            failures.push(err instanceof Error ? err.message : String(err));
          }
        }),
      );
      if (failures.length > 0) setError(failures.join(" "));
      setTakes(null);
      doneRef.current(current, true);
    })();
  }, [token, answeredIds, currentQuestionId]);

  if (error) {
    return (
      <p
        role="alert"
        className="rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200 ring-inset"
      >
        {error}
      </p>
    );
  }
  if (!takes || takes.length === 0) return null;
  return (
    <section
      aria-labelledby="recovery-title"
      data-testid="recovery-panel"
      className="space-y-3 rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200 ring-inset"
    >
      <h2
        id="recovery-title"
        className="text-base font-semibold text-slate-900"
      >
        {m.recoveringTitle}
      </h2>
      <p className="text-sm text-slate-700">{m.recoveringText}</p>
      {takes.map((t) => (
        <UploadStatusView
          key={t.log.meta.takeId}
          log={t.log}
          uploader={t.uploader}
          messages={m}
        />
      ))}
    </section>
  );
}
