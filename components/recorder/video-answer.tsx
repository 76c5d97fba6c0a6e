"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { clock, fill } from "@/lib/client/recorder/format";
import {
  cameraProblemOf,
  chooseQuality,
  isInAppBrowser,
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
import { RecoveryPanel } from "./recovery-panel";
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
  messages: m,
}: {
  token: string;
  question: VideoQuestion;
  answeredIds: string[];
  nextHref: string;
  messages: RecorderMessages;
}) {
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>({ kind: "recovering" });
  const [take, setTake] = useState<Take | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reviewUrl, setReviewUrl] = useState<string | null>(null);
  const [inApp] = useState(
    () =>
      typeof navigator !== "undefined" && isInAppBrowser(navigator.userAgent),
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
  useEffect(
    () => () => {
      if (stopTimer.current) clearTimeout(stopTimer.current);
      if (recorderRef.current?.state === "recording") recorderRef.current.stop();
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
    void take.log.whole().then((blob) => {
      if (cancelled) return;
      url = URL.createObjectURL(blob);
      setReviewUrl(url);
    });
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
      setReviewUrl(null);
    };
  }, [phase.kind, take]);

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
      setPhase({ kind: "cameraError", problem });
      return;
    }
    setPhase(
      question.thinkSeconds > 0
        ? { kind: "thinking", until: Date.now() + question.thinkSeconds * 1000 }
        : { kind: "ready" },
    );
  }

  async function startRecording() {
    const stream = streamRef.current;
    if (!stream) return;
    setError(null);
    setPhase({ kind: "starting" });
    const negotiated = negotiateMimeType((t) =>
      MediaRecorder.isTypeSupported(t),
    );
    const quality = chooseQuality(
      navigator as Navigator & { deviceMemory?: number },
    );
    let started;
    try {
      started = await startTake(token, question.id, negotiated || "video/webm");
    } catch (err) {
      setError(errorText(m, "startFailed", err));
      setPhase({ kind: "ready" });
      return;
    }
    const recorder = new MediaRecorder(stream, {
      ...(negotiated ? { mimeType: negotiated } : {}),
      videoBitsPerSecond: quality.videoBitsPerSecond,
      audioBitsPerSecond: quality.audioBitsPerSecond,
    });
    const meta: TakeMeta = {
      ...started,
      token,
      questionId: question.id,
      mimeType: recorder.mimeType || negotiated || "video/webm",
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
    setTake({ log, uploader });
    uploader.start();

    let startedAt = performance.now();
    const seconds = () => (performance.now() - startedAt) / 1000;
    recorder.ondataavailable = (e) => {
      // The recorder's own type is the truth (codecs included), never the one asked for.
      const actual = recorder.mimeType || e.data.type;
      if (actual && actual !== log.meta.mimeType && log.bytes === 0) {
        log.meta = { ...log.meta, mimeType: actual };
        void updateTake(meta.takeId, { mimeType: actual }).catch(() => {});
      }
      void log.append(e.data, seconds());
    };
    recorder.onstop = () => {
      if (stopTimer.current) clearTimeout(stopTimer.current);
      const duration = Math.min(seconds(), question.maxSeconds);
      stopCamera();
      void log
        .end(duration)
        .then(() => setPhase({ kind: "review", recovered: false }));
    };
    recorderRef.current = recorder;
    recorder.start(TIMESLICE_MS);
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
    if (recorderRef.current?.state === "recording") recorderRef.current.stop();
  }

  async function retake() {
    if (!take || retakesLeft <= 0) return;
    take.uploader.stop();
    // The candidate discards this take; the server keeps it until the new one is submitted.
    await deleteTake(take.log.meta.takeId).catch(() => {});
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
      setError(errorText(m, "submitFailed", err));
      setPhase({ kind: "review", recovered: false });
      return;
    }
    // Older takes of this question left in this browser were superseded.
    for (const other of await takesOfLink(token).catch(() => [])) {
      if (other.questionId === question.id)
        await deleteTake(other.takeId).catch(() => {});
    }
    setPhase({ kind: "submitted" });
    router.push(nextHref);
    router.refresh();
  }

  const onRecovered = useCallback((current: PendingTake | null) => {
    if (current) {
      setTake(current);
      setPhase({ kind: "review", recovered: true });
    } else {
      setPhase({ kind: "idle" });
    }
  }, []);

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

  return (
    <div
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
        <p className="text-sm text-amber-800">{m.inAppBrowser}</p>
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
              <p
                data-testid="think-countdown"
                role="timer"
                aria-live="polite"
                className="text-2xl font-semibold text-slate-900 tabular-nums"
              >
                {fill(m.thinkCountdown!, {
                  time: clock(Math.ceil((phase.until - now) / 1000)),
                })}
              </p>
              <Button
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
            <h3 className="text-sm font-semibold text-slate-900">
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
    </div>
  );
}
