"use client";

import { useEffect, useRef, useState } from "react";
import {
  finishSubmitted,
  isBeingFinalised,
  openPending,
  pendingTakes,
  type PendingTake,
} from "@/lib/client/recorder/recover";
import { ChecksumMismatchError } from "@/lib/client/recorder/submit-take";
import { TakeApiError } from "@/lib/client/recorder/take-api";
import { UploadRefusedError } from "@/lib/client/recorder/uploader";
import { deleteTake } from "@/lib/client/recorder/wal";
import { fill } from "@/lib/client/recorder/format";
import { UploadStatusView, type RecorderMessages } from "./upload-status";

/** What went wrong while recovering, for the page to show (the panel itself unmounts). */
export type RecoveryError = {
  message: string;
  /** A take of the current question was refused in a way retrying cannot fix: record again. */
  recordAgain: boolean;
};

// The server refused the take itself (4xx) or its bytes arrived damaged: retrying the same
// take cannot help. Network failures and 5xx may pass.
function isPermanent(err: unknown): boolean {
  if (err instanceof ChecksumMismatchError) return true;
  if (err instanceof UploadRefusedError) return true;
  // Another request is finalising it: the next load retries.
  if (isBeingFinalised(err)) return false;
  return err instanceof TakeApiError && err.status >= 400 && err.status < 500 && err.status !== 408 && err.status !== 429;
}

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
  onDone: (
    current: PendingTake | null,
    worked: boolean,
    error: RecoveryError | null,
  ) => void;
  messages: RecorderMessages;
}) {
  const [takes, setTakes] = useState<PendingTake[] | null>(null);
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
    let worked = false;
    const failures: string[] = [];
    let recordAgain = false;
    void (async () => {
      // Whatever throws (IndexedDB gone, a bug), the page goes on: onDone always runs.
      try {
        const metas = await pendingTakes(token, new Set(answeredIds));
        if (metas.length === 0) return;
        worked = true;
        const opened = await Promise.all(
          metas.map((meta) => openPending(meta)),
        );
        setTakes(opened);
        const mine = opened.filter(
          (t) =>
            t.log.meta.questionId === currentQuestionId &&
            t.log.meta.state !== "submitting",
        );
        const latest = mine[mine.length - 1] ?? null;
        await Promise.all(
          opened.map(async (take) => {
            try {
              if (take.log.meta.state === "submitting") {
                await finishSubmitted(take);
              } else if (take === latest) {
                take.uploader.start();
                // Review needs the whole recording: wait for the tab that records it (or its crash).
                await take.log.waitFor(Number.MAX_SAFE_INTEGER);
                if (take.log.bytes === 0) {
                  // The recording ended before its first chunk: nothing to review.
                  take.uploader.stop();
                  await deleteTake(take.log.meta.takeId).catch(() => {});
                } else current = take;
              } else if (take.log.meta.questionId === currentQuestionId) {
                // An older take of this question, superseded by `latest`: left in IndexedDB
                // (submitting the answer deletes it); uploading it would only delay the page.
              } else {
                take.uploader.start();
                await take.uploader.done;
                take.uploader.stop();
              }
            } catch (err) {
              take.uploader.stop();
              failures.push(err instanceof Error ? err.message : String(err));
              if (
                take.log.meta.questionId === currentQuestionId &&
                isPermanent(err) &&
                // A refused older take must not discard a good retake.
                (latest === null || take === latest)
              )
                recordAgain = true;
            }
          }),
        );
      } catch (err) {
        failures.push(err instanceof Error ? err.message : String(err));
      } finally {
        setTakes(null);
        doneRef.current(
          // A take that cannot be submitted is not offered for review: record again instead.
          recordAgain ? null : current,
          worked,
          failures.length > 0
            ? {
                message: fill(m.recoveryFailed!, {
                  message: failures.join(" "),
                }),
                recordAgain,
              }
            : null,
        );
      }
    })();
  }, [token, answeredIds, currentQuestionId, m]);

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
