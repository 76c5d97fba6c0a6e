"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { APP_NAMES, detectInAppBrowser } from "@/components/candidates/device-check-env";
import { InAppNotice } from "@/components/candidates/in-app-notice";
import { Button, buttonClass } from "@/components/ui/button";
import { clock, fill } from "@/lib/client/recorder/format";
import {
  cameraProblemOf,
  chooseQuality,
  negotiateMimeType,
  openCamera,
  type CameraProblem,
} from "@/lib/client/recorder/media";
import type { PendingTake } from "@/lib/client/recorder/recover";
import {
  ChecksumMismatchError,
  submitTake,
} from "@/lib/client/recorder/submit-take";
import { startTake, TakeApiError } from "@/lib/client/recorder/take-api";
import { TakeLog } from "@/lib/client/recorder/take-log";
import { TakeUploader } from "@/lib/client/recorder/uploader";
import {
  deleteTake,
  putTake,
  takesOfLink,
  updateTake,
  type TakeMeta,
} from "@/lib/client/recorder/wal";
import { RecoveryPanel, type RecoveryError } from "./recovery-panel";
import { UploadStatusView, type RecorderMessages } from "./upload-status";

export type VideoQuestion = {
  id: string;
  thinkSeconds: number;
  maxSeconds: number;
  retakes: number;
};

type Phase =
  | { kind: "recovering" }
  | { kind: "idle" }
  | { kind: "camera" }
  | { kind: "cameraError"; problem: CameraProblem }
  | { kind: "thinking"; until: number }
  | { kind: "ready" }
  | { kind: "starting" }
  | { kind: "recording"; startedAt: number }
  | { kind: "review"; recovered: boolean }
  | { kind: "submitting" }
  | { kind: "submitted" };

type Take = { log: TakeLog; uploader: TakeUploader };

const TIMESLICE_MS = 1_000;

function useTicker(active: boolean, ms = 250): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const first = setTimeout(() => setNow(Date.now()), 0);
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => {
      clearTimeout(first);
      clearInterval(id);
    };
  }, [active, ms]);
  return now;
}

function errorText(
  m: RecorderMessages,
  key: "startFailed" | "submitFailed",
  err: unknown,
): string {
  if (err instanceof ChecksumMismatchError) return m.checksumMismatch!;
  if (err instanceof TakeApiError)
    return err.status === 0
      ? m.networkError!
      : fill(m[key]!, { message: err.message });
  return fill(m[key]!, {
    message: err instanceof Error ? err.message : String(err),
  });
}

/**
 * A video question's answer: camera on, think time (the candidate may start early), recording
 * with a visible timer that stops at the question's limit, review, retake while retakes
 * remain, submit. Every chunk goes to the IndexedDB write-ahead log and up to the server while
 * recording (decision 0008).
 */
export function VideoAnswer({
  token,
  question,
  answeredIds,
  nextHref,
  skip,
  messages: m,
  inAppMessages,
}: {
  token: string;
  question: VideoQuestion;
  answeredIds: string[];
  nextHref: string;
  /** The next open question, offered while no recording or submission is under way. */
  skip?: { href: string; label: string };
  messages: RecorderMessages;
  /** The device check's in-app browser notice strings (IN_APP_KEYS of the deviceCheck messages). */
  inAppMessages: Record<string, string>;
}) {
  const [phase, setPhase] = useState<Phase>({ kind: "recovering" });
  const [take, setTake] = useState<Take | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reviewUrl, setReviewUrl] = useState<string | null>(null);
  const [reviewFailed, setReviewFailed] = useState(false);
  // An app's built-in browser (LinkedIn, Instagram…): the device check's notice with the link to copy.
  const [inApp] = useState(() =>
    typeof navigator !== "undefined"
      ? detectInAppBrowser(navigator.userAgent)
      : null,
  );
  const streamRef = useRef<MediaStream | null>(null);
  const recorderRef = useRef<MediaRecorder | null>(null);
  const stopTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const previewRef = useRef<HTMLVideoElement | null>(null);
  const now = useTicker(
    phase.kind === "recording" || phase.kind === "thinking",
  );

  const maxAttempts = 1 + question.retakes;
  const attempt = take?.log.meta.attempt ?? 0;
  const retakesLeft = Math.max(0, maxAttempts - attempt);

  const stopCamera = useCallback(() => {
    streamRef.current?.getTracks().forEach((t) => t.stop());
    streamRef.current = null;
  }, []);

  // Leaving the question (another question, the next page): camera off and this page's upload
  // stops; the log stays in IndexedDB and the recovery on the next page (or visit) finishes it,
  // so two uploaders of one page never write the same take.
  const takeRef = useRef<Take | null>(null);
  useEffect(() => {
    takeRef.current = take;
  }, [take]);
  // A submit that finishes after the candidate left must not navigate or set state.
  const mountedRef = useRef(true);
  useEffect(() => {
    mountedRef.current = true;
    return () => {
      mountedRef.current = false;
    };
  }, []);
  // The take a retake discarded: brought back for review when the new one fails to start,
  // forgotten once the new one has its first chunk.
  const previousTakeRef = useRef<Take | null>(null);
  useEffect(
    () => () => {
      if (stopTimer.current) clearTimeout(stopTimer.current);
      if (recorderRef.current?.state === "recording")
        recorderRef.current.stop();
      stopCamera();
      takeRef.current?.uploader.stop();
    },
    [stopCamera],
  );

  // The preview shows the live camera whenever there is one.
  useEffect(() => {
    const video = previewRef.current;
    if (video && streamRef.current && video.srcObject !== streamRef.current) {
      video.srcObject = streamRef.current;
      void video.play().catch(() => {});
    }
  });

  // Review plays the recorded chunks from the log, locally.
  useEffect(() => {
    if (phase.kind !== "review" || !take) return;
    let url: string | null = null;
    let cancelled = false;
    void take.log.whole().then(
      (blob) => {
        if (cancelled) return;
        url = URL.createObjectURL(blob);
        setReviewUrl(url);
      },
      // Chunks dropped from memory or unreadable from IndexedDB: the upload still has them.
      () => {
        if (!cancelled) setReviewFailed(true);
      },
    );
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
      setReviewUrl(null);
      setReviewFailed(false);
    };
  }, [phase.kind, take]);

  // Focus follows the phase (the button that was pressed is gone): to the review heading, or
  // to the phase's primary control, so keyboard and screen-reader users are not lost.
  const reviewHeading = useRef<HTMLHeadingElement | null>(null);
  const rootRef = useRef<HTMLDivElement | null>(null);
  const focusedPhase = useRef<string>("recovering");
  useEffect(() => {
    if (focusedPhase.current === phase.kind) return;
    const first = focusedPhase.current === "recovering";
    focusedPhase.current = phase.kind;
    if (first) return; // not on page load
    if (phase.kind === "review") reviewHeading.current?.focus();
    else if (phase.kind !== "starting" && phase.kind !== "submitting")
      rootRef.current
        ?.querySelector<HTMLButtonElement>("[data-primary]")
        ?.focus();
  }, [phase.kind]);

  // Think time runs out: recording starts by itself.
  const startRef = useRef<() => void>(() => {});
  useEffect(() => {
    if (phase.kind === "thinking" && now >= phase.until) startRef.current();
  }, [phase, now]);

  async function turnOnCamera() {
    setError(null);
    setPhase({ kind: "camera" });
    try {
      streamRef.current = await openCamera(
        chooseQuality(
          navigator as Navigator & {
            deviceMemory?: number;
            connection?: never;
          },
        ),
      );
    } catch (err) {
      const problem =
        err instanceof Error && err.name === "InsecureContext"
          ? "insecure"
          : cameraProblemOf(err);
      if (restorePrevious()) {
        setError(errorText(m, "startFailed", err));
        return;
      }
      setPhase({ kind: "cameraError", problem });
      return;
    }
    // Unplugged (or taken) before recording starts: back to "turn on camera" with a message.
    for (const track of streamRef.current.getTracks())
      track.onended = cameraLost;
    setPhase(
      question.thinkSeconds > 0
        ? { kind: "thinking", until: Date.now() + question.thinkSeconds * 1000 }
        : { kind: "ready" },
    );
  }

  // The browser's id for the next take (start-take.ts: an idempotency key). Kept until the
  // recording has bytes, so a retried start (lost answer, recorder that would not start, the
  // camera gone before the first chunk) gets the same take back instead of burning an attempt;
  // kept in sessionStorage so a reload in between reuses it too.
  const keyName = `intervue:take-key:${token}:${question.id}`;
  function takeKey(): string {
    let key: string | null = null;
    try {
      key = sessionStorage.getItem(keyName);
    } catch {}
    if (!key) {
      key = crypto.randomUUID();
      try {
        sessionStorage.setItem(keyName, key);
      } catch {}
    }
    return key;
  }
  function forgetTakeKey() {
    try {
      sessionStorage.removeItem(keyName);
    } catch {}
  }

  // After a retake whose new recording failed to start: the discarded take back for review
  // (its uploader was stopped, so a new one). False when there is none.
  function restorePrevious(): boolean {
    const prev = previousTakeRef.current;
    if (!prev) return false;
    previousTakeRef.current = null;
    stopCamera();
    const uploader = new TakeUploader(prev.log);
    setTake({ log: prev.log, uploader });
    uploader.start();
    setPhase({ kind: "review", recovered: false });
    return true;
  }

  // The camera went away (unplugged, taken by another app, permission revoked).
  function cameraLost() {
    stopCamera();
    setError(m.cameraLost!);
    if (!restorePrevious()) setPhase({ kind: "idle" });
  }

  // Guards against a second start (the "Start now" click as the think time runs out).
  const startingRef = useRef(false);
  async function startRecording() {
    if (startingRef.current || recorderRef.current?.state === "recording")
      return;
    const stream = streamRef.current;
    if (!stream) return;
    startingRef.current = true;
    setError(null);
    setPhase({ kind: "starting" });
    try {
      await beginTake(stream);
    } catch (err) {
      // Whatever failed (a browser refusing the recorder, storage, a bug): back to "ready".
      setError(errorText(m, "startFailed", err));
      if (!restorePrevious())
        setPhase(streamRef.current ? { kind: "ready" } : { kind: "idle" });
    } finally {
      startingRef.current = false;
    }
  }

  async function beginTake(stream: MediaStream) {
    // The camera must still be there (it may have been unplugged during the think time).
    if (
      !stream.active ||
      stream.getVideoTracks().length === 0 ||
      stream.getTracks().some((t) => t.readyState !== "live")
    ) {
      cameraLost();
      return;
    }
    const negotiated = negotiateMimeType((t) =>
      MediaRecorder.isTypeSupported(t),
    );
    const quality = chooseQuality(
      navigator as Navigator & { deviceMemory?: number },
    );
    // Built before the server counts an attempt; a browser refusing the type or the bit rates
    // gets its own defaults.
    let recorder: MediaRecorder;
    try {
      recorder = new MediaRecorder(stream, {
        ...(negotiated ? { mimeType: negotiated } : {}),
        videoBitsPerSecond: quality.videoBitsPerSecond,
        audioBitsPerSecond: quality.audioBitsPerSecond,
      });
    } catch {
      try {
        recorder = new MediaRecorder(stream);
      } catch {
        setError(fill(m.startFailed!, { message: m.recorderRefused! }));
        if (!restorePrevious()) setPhase({ kind: "ready" });
        return;
      }
    }
    const mimeType = recorder.mimeType || negotiated || "video/webm";

    let started;
    try {
      started = await startTake(token, question.id, mimeType, takeKey());
    } catch (err) {
      // A 409 (this key's take is in a state that cannot start again): a fresh key next time.
      if (err instanceof TakeApiError && err.status === 409) forgetTakeKey();
      setError(errorText(m, "startFailed", err));
      if (!restorePrevious()) setPhase({ kind: "ready" });
      return;
    }
    if (streamRef.current !== stream) return; // the page was left meanwhile

    const meta: TakeMeta = {
      ...started,
      token,
      questionId: question.id,
      mimeType,
      state: "recording",
      bytes: 0,
      chunks: 0,
      durationSeconds: 0,
      updatedAt: Date.now(),
      createdAt: Date.now(),
    };
    let storageError: unknown = null;
    await putTake(meta).catch((err: unknown) => {
      storageError = err ?? new Error("IndexedDB unavailable");
    });
    const log = TakeLog.recording(meta);
    if (storageError) log.storageError = storageError;
    const uploader = new TakeUploader(log);

    let startedAt = performance.now();
    const seconds = () => (performance.now() - startedAt) / 1000;
    let finished = false;
    let lost = false;
    // Once, whichever comes first: the recorder's stop, its error, the camera's end.
    const finish = () => {
      if (finished) return;
      finished = true;
      if (stopTimer.current) clearTimeout(stopTimer.current);
      const duration = Math.min(seconds(), question.maxSeconds);
      for (const t of stream.getTracks()) t.onended = null;
      stopCamera();
      void log
        .end(duration)
        .catch(() => {})
        .then(async () => {
          if (log.bytes === 0) {
            // Nothing was recorded: the take is dropped here and its key kept, so the next
            // start reuses the server's take (no attempt lost).
            uploader.stop();
            await deleteTake(meta.takeId).catch(() => {});
            setTake(null);
            if (!lost)
              setError(fill(m.startFailed!, { message: m.recorderRefused! }));
            if (!restorePrevious()) setPhase({ kind: "idle" });
            return;
          }
          setPhase({ kind: "review", recovered: false });
        });
    };
    recorder.ondataavailable = (e) => {
      // The recorder's own type is the truth (codecs included), never the one asked for.
      const actual = recorder.mimeType || e.data.type;
      if (actual && actual !== log.meta.mimeType && log.bytes === 0) {
        log.meta = { ...log.meta, mimeType: actual };
        void updateTake(meta.takeId, { mimeType: actual }).catch(() => {});
      }
      if (e.data.size > 0) {
        forgetTakeKey();
        previousTakeRef.current = null;
      }
      void log.append(e.data, seconds());
    };
    recorder.onstop = finish;
    recorder.onerror = () => {
      lost = true;
      setError(m.recorderError!);
      if (recorder.state !== "inactive") recorder.stop();
      else finish();
    };
    // The camera or microphone ended (unplugged, another app took it, permission revoked).
    for (const track of stream.getTracks()) {
      track.onended = () => {
        lost = true;
        setError(m.cameraLost!);
        if (recorder.state !== "inactive") recorder.stop();
        else finish();
      };
    }

    try {
      recorder.start(TIMESLICE_MS);
    } catch {
      for (const t of stream.getTracks()) t.onended = null;
      // Releases the recording Web Lock too (else the take would look alive to recovery).
      await log.end(0).catch(() => {});
      await deleteTake(meta.takeId).catch(() => {});
      // The key stays: the next start gets this same take back.
      setError(fill(m.startFailed!, { message: m.recorderRefused! }));
      if (!restorePrevious()) setPhase({ kind: "ready" });
      return;
    }
    recorderRef.current = recorder;
    setTake({ log, uploader });
    uploader.start();
    startedAt = performance.now();
    setPhase({ kind: "recording", startedAt: Date.now() });
    stopTimer.current = setTimeout(() => {
      if (recorder.state === "recording") recorder.stop();
    }, question.maxSeconds * 1000);
  }
  useEffect(() => {
    startRef.current = () => void startRecording();
  });

  function stopRecording() {
    const recorder = recorderRef.current;
    if (recorder && recorder.state !== "inactive") recorder.stop();
    // An inactive recorder whose stop was missed: the take ends through the camera's end.
    else if (recorder) recorder.onstop?.(new Event("stop"));
  }

  async function retake() {
    if (!take || retakesLeft <= 0) return;
    take.uploader.stop();
    // The candidate discards this take, but it stays in this browser (and on the server) until
    // the new one is submitted: a failed start or a reload brings it back for review.
    previousTakeRef.current = take;
    setTake(null);
    await turnOnCamera();
  }

  async function submit() {
    if (!take) return;
    setError(null);
    setPhase({ kind: "submitting" });
    try {
      await submitTake(take.log, take.uploader);
    } catch (err) {
      if (!mountedRef.current) return;
      setError(errorText(m, "submitFailed", err));
      setPhase({ kind: "review", recovered: false });
      return;
    }
    // Older takes of this question left in this browser were superseded.
    for (const other of await takesOfLink(token).catch(() => [])) {
      if (other.questionId === question.id)
        await deleteTake(other.takeId).catch(() => {});
    }
    if (!mountedRef.current) return;
    setPhase({ kind: "submitted" });
    // A full page load (the session cookie's path is /i/<token>, so the Pages Router's
    // client-side navigation, whose data requests go to /_next/data/…, would arrive without it).
    window.location.assign(nextHref);
  }

  const onRecovered = useCallback(
    (
      current: PendingTake | null,
      _worked: boolean,
      failed: RecoveryError | null,
    ) => {
      if (failed)
        setError(
          failed.recordAgain
            ? `${failed.message} ${m.recordAgainHint}`
            : failed.message,
        );
      if (current) {
        setTake(current);
        setPhase({ kind: "review", recovered: true });
      } else {
        setPhase({ kind: "idle" });
      }
    },
    [m],
  );

  const cameraMessage: Record<CameraProblem, string> = {
    denied: m.cameraDenied!,
    missing: m.cameraMissing!,
    busy: m.cameraBusy!,
    insecure: m.cameraInsecure!,
    unsupported: m.cameraUnsupported!,
  };
  const live =
    phase.kind === "thinking" ||
    phase.kind === "ready" ||
    phase.kind === "starting" ||
    phase.kind === "recording" ||
    phase.kind === "camera";
  const elapsed =
    phase.kind === "recording"
      ? Math.min(question.maxSeconds, (now - phase.startedAt) / 1000)
      : 0;
  // Spoken warnings near the limit (the visible timer is not announced every second).
  const left = Math.ceil(question.maxSeconds - elapsed);
  const announce =
    phase.kind !== "recording" || left > 30
      ? ""
      : fill(m.timeLeft!, { seconds: left > 10 ? 30 : 10 });
  const thinkLeft =
    phase.kind === "thinking"
      ? Math.max(0, Math.ceil((phase.until - now) / 1000))
      : 0;
  const thinkAnnounce =
    phase.kind !== "thinking" || thinkLeft > 30
      ? ""
      : fill(m.thinkMilestone!, { seconds: thinkLeft > 10 ? 30 : 10 });
  const busy =
    phase.kind === "starting" ||
    phase.kind === "recording" ||
    phase.kind === "submitting" ||
    phase.kind === "submitted" ||
    phase.kind === "recovering";

  return (
    <div
      ref={rootRef}
      className="space-y-4"
      data-testid="video-answer"
      data-phase={phase.kind}
    >
      <h2 className="text-base font-semibold text-slate-900">{m.videoTitle}</h2>
      {phase.kind === "recovering" && (
        <RecoveryPanel
          token={token}
          answeredIds={answeredIds}
          currentQuestionId={question.id}
          onDone={onRecovered}
          messages={m}
        />
      )}
      {error && (
        <p
          role="alert"
          data-testid="recorder-error"
          className="rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200 ring-inset"
        >
          {error}
        </p>
      )}
      {inApp && phase.kind !== "review" && phase.kind !== "submitting" && (
        <InAppNotice app={APP_NAMES[inApp]} token={token} messages={inAppMessages} />
      )}

      {(phase.kind === "idle" || phase.kind === "cameraError") && (
        <div className="space-y-3">
          <p className="text-sm text-slate-700">
            {fill(m.intro!, { max: clock(question.maxSeconds) })}
          </p>
          {phase.kind === "cameraError" && (
            <p
              role="alert"
              data-testid="camera-error"
              data-problem={phase.problem}
              className="rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200 ring-inset"
            >
              {cameraMessage[phase.problem]}
            </p>
          )}
          <Button
            data-primary
            type="button"
            onClick={() => void turnOnCamera()}
            className="w-full sm:w-auto"
          >
            {phase.kind === "cameraError" ? m.tryAgain : m.turnOnCamera}
          </Button>
        </div>
      )}

      {live && (
        <div className="space-y-3">
          <div className="relative overflow-hidden rounded-lg bg-slate-900">
            <video
              ref={previewRef}
              muted
              playsInline
              autoPlay
              aria-label={m.cameraPreview}
              className="aspect-video w-full -scale-x-100 object-cover"
            />
            {phase.kind === "recording" && (
              <span className="absolute top-2 left-2 inline-flex items-center gap-2 rounded-full bg-red-600 px-3 py-1 text-xs font-semibold text-white">
                <span
                  aria-hidden
                  className="size-2 animate-pulse rounded-full bg-white"
                />
                {m.recording}
              </span>
            )}
          </div>
          {phase.kind === "camera" && (
            <p className="text-sm text-slate-600">{m.cameraStarting}</p>
          )}
          {phase.kind === "thinking" && (
            <div className="space-y-2">
              <h3 className="text-sm font-semibold text-slate-900">
                {m.thinkTitle}
              </h3>
              {/* A timer is not announced every second; the milestones are, once each. */}
              <p
                data-testid="think-countdown"
                role="timer"
                className="text-2xl font-semibold text-slate-900 tabular-nums"
              >
                {fill(m.thinkCountdown!, {
                  time: clock(thinkLeft),
                })}
              </p>
              <p className="sr-only" aria-live="polite">
                {thinkAnnounce}
              </p>
              <Button
                data-primary
                type="button"
                onClick={() => void startRecording()}
                className="w-full sm:w-auto"
              >
                {m.startNow}
              </Button>
            </div>
          )}
          {(phase.kind === "ready" || phase.kind === "starting") && (
            <Button
              data-primary
              type="button"
              pending={phase.kind === "starting"}
              onClick={() => void startRecording()}
              className="w-full sm:w-auto"
            >
              {phase.kind === "starting" ? m.starting : m.startRecording}
            </Button>
          )}
          {phase.kind === "recording" && (
            <div className="space-y-3">
              <p
                data-testid="recorder-timer"
                role="timer"
                aria-label={m.recording}
                className="text-2xl font-semibold text-slate-900 tabular-nums"
              >
                {fill(m.timer!, {
                  elapsed: clock(elapsed),
                  max: clock(question.maxSeconds),
                })}
              </p>
              <p className="sr-only" aria-live="assertive">
                {announce}
              </p>
              <Button
                data-primary
                type="button"
                variant="danger"
                onClick={stopRecording}
                className="w-full sm:w-auto"
              >
                {m.stop}
              </Button>
            </div>
          )}
        </div>
      )}

      {(phase.kind === "review" ||
        phase.kind === "submitting" ||
        phase.kind === "submitted") &&
        take && (
          <div className="space-y-3">
            <h3
              ref={reviewHeading}
              tabIndex={-1}
              className="text-sm font-semibold text-slate-900 outline-none"
            >
              {m.reviewTitle}
            </h3>
            {phase.kind === "review" && phase.recovered && (
              <p className="text-sm text-slate-700">{m.recoveredTake}</p>
            )}
            <video
              src={reviewUrl ?? undefined}
              controls
              playsInline
              aria-label={m.reviewPlayer}
              data-testid="review-player"
              className="aspect-video w-full rounded-lg bg-slate-900"
            />
            {reviewFailed && (
              <p role="status" className="text-sm text-slate-700">
                {m.reviewUnavailable}
              </p>
            )}
            <p className="text-sm text-slate-600">
              {fill(m.duration!, {
                time: clock(take.log.meta.durationSeconds),
              })}{" "}
              ·{" "}
              {fill(m.attempt!, {
                attempt: take.log.meta.attempt,
                max: maxAttempts,
              })}
            </p>
            <div className="flex flex-col gap-2 sm:flex-row">
              <Button
                type="button"
                pending={phase.kind !== "review"}
                onClick={() => void submit()}
                className="w-full sm:w-auto"
              >
                {phase.kind === "review" ? m.submit : m.submitting}
              </Button>
              {retakesLeft > 0 ? (
                <Button
                  type="button"
                  variant="secondary"
                  disabled={phase.kind !== "review"}
                  onClick={() => void retake()}
                  className="w-full sm:w-auto"
                >
                  {m.retake}
                </Button>
              ) : null}
            </div>
            <p className="text-xs text-slate-600" data-testid="retakes-left">
              {retakesLeft > 0
                ? fill(m.retakesLeft!, { count: retakesLeft })
                : m.noRetakesLeft}
            </p>
          </div>
        )}

      {take && phase.kind !== "recovering" && (
        <UploadStatusView
          log={take.log}
          uploader={take.uploader}
          messages={m}
        />
      )}
      {phase.kind === "submitted" && (
        <p role="status" className="text-sm text-emerald-800">
          {m.submitted}
        </p>
      )}
      {/* Hidden while a recording or a submission is under way: leaving would cut it short. */}
      {skip && !busy && (
        <a
          href={skip.href}
          className={buttonClass("secondary", "mt-2")}
          data-testid="next-open-question"
        >
          {skip.label}
        </a>
      )}
    </div>
  );
}
