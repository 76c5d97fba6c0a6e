"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { APP_NAMES, InAppNotice } from "./in-app-notice";
import {
  browserFamily,
  detectInAppBrowser,
  levelOf,
  mediaProblem,
  megabitsPerSecond,
  SLOW_UPLOAD_MBPS,
  type BrowserFamily,
  type MediaProblem,
} from "./device-check-env";

const DENIED_HELP: Record<BrowserFamily, string> = {
  chrome: "deniedChrome",
  edge: "deniedEdge",
  firefox: "deniedFirefox",
  "safari-ios": "deniedSafariIos",
  safari: "deniedSafari",
  samsung: "deniedSamsung",
  other: "deniedOther",
};

/** Bytes the upload test sends: long enough to time, short enough for a slow phone (≈4 s at 1 Mbit/s). */
const SPEED_TEST_BYTES = 512 * 1024;
const PRACTICE_SECONDS = 15;
/** A level above this (0–100) at least once means the microphone hears something. */
const HEARD_LEVEL = 4;

const noSubscription = () => () => {};

/** A value only the browser knows (the server renders `onServer`), read without an effect. */
function useBrowserValue<T>(read: () => T, onServer: T): T {
  return useSyncExternalStore(noSubscription, read, () => onServer);
}

type CameraState = { kind: "asking" } | { kind: "ready"; stream: MediaStream } | { kind: "problem"; problem: MediaProblem };

/**
 * The device check (app/(candidate)/i/[token]/check): camera preview, microphone meter, upload
 * speed, a practice recording kept in the browser, help for a blocked camera or an in-app
 * browser. Whatever fails, the link to the questions stays.
 */
export function DeviceCheck({ token, questionsHref }: { token: string; questionsHref: string }) {
  const t = useTranslations("deviceCheck");
  const [camera, setCamera] = useState<CameraState>({ kind: "asking" });
  const [attempt, setAttempt] = useState(0);
  // The server's render has no user agent to compare with: "" until hydrated.
  const ua = useBrowserValue(() => navigator.userAgent, "");
  const inApp = ua ? detectInAppBrowser(ua) : null;
  const family = ua ? browserFamily(ua) : "other";

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | null = null;
    // No mediaDevices (an old browser, or a page not served over HTTPS): a TypeError, "unsupported".
    const asked = navigator.mediaDevices?.getUserMedia
      ? navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: "user" }, audio: true })
      : Promise.reject(new TypeError("navigator.mediaDevices is not available"));
    asked
      .then((s) => {
        if (stopped) {
          for (const track of s.getTracks()) track.stop();
          return;
        }
        stream = s;
        setCamera({ kind: "ready", stream: s });
      })
      .catch((err: unknown) => {
        if (!stopped) setCamera({ kind: "problem", problem: mediaProblem(err) });
      });
    return () => {
      stopped = true;
      // The camera light goes off when the candidate leaves the check.
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [attempt]);

  const stream = camera.kind === "ready" ? camera.stream : null;
  return (
    <div className="space-y-4">
      {inApp && <InAppNotice app={APP_NAMES[inApp]} token={token} />}

      <Card>
        <h2 className="text-base font-semibold text-slate-900">{t("cameraTitle")}</h2>
        <div className="mt-3 space-y-3">
          {camera.kind === "asking" && <Alert tone="info">{t("cameraAsking")}</Alert>}
          {camera.kind === "problem" && (
            <CameraProblem
              problem={camera.problem}
              family={family}
              onRetry={() => {
                setCamera({ kind: "asking" });
                setAttempt((n) => n + 1);
              }}
            />
          )}
          {stream && <Preview stream={stream} />}
          {stream && <p className="text-sm font-medium text-emerald-800">{t("cameraWorks")}</p>}
        </div>
      </Card>

      {stream && (
        <Card>
          <h2 className="text-base font-semibold text-slate-900">{t("micTitle")}</h2>
          <MicMeter stream={stream} />
        </Card>
      )}

      <Card>
        <h2 className="text-base font-semibold text-slate-900">{t("speedTitle")}</h2>
        <SpeedCheck token={token} />
      </Card>

      {stream && (
        <Card>
          <h2 className="text-base font-semibold text-slate-900">{t("practiceTitle")}</h2>
          <p className="mt-2 text-sm text-slate-700">{t("practiceText", { seconds: PRACTICE_SECONDS })}</p>
          <Practice stream={stream} />
        </Card>
      )}

      <Card>
        <h2 className="text-base font-semibold text-slate-900">{t("continueTitle")}</h2>
        <p className="mt-2 mb-4 text-sm text-slate-700">{t("continueText")}</p>
        <Link href={questionsHref} className={buttonClass("primary", "w-full sm:w-auto")}>
          {t("continue")}
        </Link>
      </Card>
    </div>
  );
}

function CameraProblem({ problem, family, onRetry }: { problem: MediaProblem; family: BrowserFamily; onRetry: () => void }) {
  const t = useTranslations("deviceCheck");
  const text =
    problem === "denied" ? (
      <>
        <p>{t("deniedText")}</p>
        <p className="mt-2 font-medium">{t(DENIED_HELP[family] as "deniedOther")}</p>
      </>
    ) : (
      <p>{t(`${problem}Text`)}</p>
    );
  // A region holding the heading and the button; only the short explanation is the alert
  // (an alert is read out whole, controls included).
  return (
    <section aria-labelledby="camera-problem-title" className="rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-inset ring-red-200">
      <h3 id="camera-problem-title" className="font-semibold">
        {t(`${problem}Title`)}
      </h3>
      <div role="alert" className="mt-1">
        {text}
      </div>
      <Button type="button" variant="secondary" className="mt-3" onClick={onRetry}>
        {t("retry")}
      </Button>
    </section>
  );
}

function Preview({ stream }: { stream: MediaStream }) {
  const t = useTranslations("deviceCheck");
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (video.current) video.current.srcObject = stream;
  }, [stream]);
  return (
    <video
      ref={video}
      autoPlay
      muted
      playsInline
      aria-label={t("cameraPreview")}
      // Mirrored, as people expect to see themselves; the recording is not.
      className="aspect-video w-full -scale-x-100 rounded-lg bg-slate-900 object-cover"
    />
  );
}

function MicMeter({ stream }: { stream: MediaStream }) {
  const t = useTranslations("deviceCheck");
  const [level, setLevel] = useState(0);
  const [heard, setHeard] = useState(false);
  // iOS Safari keeps an AudioContext made without a tap suspended (resume() outside a user
  // gesture is refused): the candidate taps "Test the microphone", or anywhere on the page.
  const [suspended, setSuspended] = useState(false);
  const contextRef = useRef<AudioContext | null>(null);
  useEffect(() => {
    const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx || stream.getAudioTracks().length === 0) return;
    const context = new Ctx();
    contextRef.current = context;
    const onState = () => setSuspended(context.state === "suspended");
    context.addEventListener("statechange", onState);
    const resumeOnTap = () => void context.resume().catch(() => {});
    document.addEventListener("pointerdown", resumeOnTap, true);
    document.addEventListener("keydown", resumeOnTap, true);
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    const source = context.createMediaStreamSource(stream);
    source.connect(analyser);
    const samples = new Uint8Array(analyser.fftSize);
    // Ten readings a second: enough for the eye, little work for a phone.
    const timer = window.setInterval(() => {
      onState();
      if (context.state === "suspended") return;
      analyser.getByteTimeDomainData(samples);
      const now = levelOf(samples);
      setLevel(now);
      if (now >= HEARD_LEVEL) setHeard(true);
    }, 100);
    return () => {
      window.clearInterval(timer);
      context.removeEventListener("statechange", onState);
      document.removeEventListener("pointerdown", resumeOnTap, true);
      document.removeEventListener("keydown", resumeOnTap, true);
      source.disconnect();
      contextRef.current = null;
      void context.close().catch(() => {});
    };
  }, [stream]);
  return (
    <div className="mt-3 space-y-2">
      <p className="text-sm text-slate-700">{t("micHint")}</p>
      {suspended && (
        <Button type="button" variant="secondary" onClick={() => void contextRef.current?.resume().catch(() => {})}>
          {t("micStart")}
        </Button>
      )}
      <div
        role="meter"
        aria-label={t("micLevel")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={level}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full bg-emerald-600 transition-[width] duration-100" style={{ width: `${level}%` }} />
      </div>
      <p aria-live="polite" className={heard ? "text-sm font-medium text-emerald-800" : "text-sm text-slate-700"}>
        {heard ? t("micWorks") : t("micSilent")}
      </p>
    </div>
  );
}

type SpeedState = { kind: "measuring" } | { kind: "done"; mbps: number } | { kind: "failed" };

function SpeedCheck({ token }: { token: string }) {
  const t = useTranslations("deviceCheck");
  const [state, setState] = useState<SpeedState>({ kind: "measuring" });
  const [run, setRun] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    let timedOut = false;
    // Half a minute is below 0.15 Mbit/s: slow enough to say so without waiting longer.
    const timeout = window.setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, 30_000);
    // Random bytes, so nothing on the way can compress them into a faster figure.
    const body = new Uint8Array(SPEED_TEST_BYTES);
    for (let at = 0; at < body.length; at += 65_536) crypto.getRandomValues(body.subarray(at, at + 65_536));
    const started = performance.now();
    fetch(`/i/${token}/speed-check`, {
      method: "POST",
      body,
      headers: { "content-type": "application/octet-stream" },
      cache: "no-store",
      signal: controller.signal,
    })
      .then(async (res) => {
        if (!res.ok) throw new Error(`speed check ${res.status}`);
        await res.arrayBuffer();
        setState({ kind: "done", mbps: megabitsPerSecond(SPEED_TEST_BYTES, performance.now() - started) });
      })
      .catch(() => {
        if (timedOut) setState({ kind: "done", mbps: megabitsPerSecond(SPEED_TEST_BYTES, performance.now() - started) });
        else if (!controller.signal.aborted) setState({ kind: "failed" });
      })
      .finally(() => window.clearTimeout(timeout));
    return () => {
      window.clearTimeout(timeout);
      controller.abort();
    };
  }, [token, run]);

  return (
    <div className="mt-3 space-y-3" aria-live="polite">
      {state.kind === "measuring" && <p className="text-sm text-slate-700">{t("speedMeasuring")}</p>}
      {state.kind === "done" && (
        <>
          <p className="text-sm font-medium text-slate-900">
            {t("speedResult", { mbps: Number.isFinite(state.mbps) ? state.mbps.toLocaleString() : "100+" })}
          </p>
          {state.mbps < SLOW_UPLOAD_MBPS ? <Alert tone="error">{t("speedSlow")}</Alert> : <p className="text-sm text-emerald-800">{t("speedGood")}</p>}
        </>
      )}
      {state.kind === "failed" && <Alert tone="error">{t("speedFailed")}</Alert>}
      {state.kind !== "measuring" && (
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            setState({ kind: "measuring" });
            setRun((n) => n + 1);
          }}
        >
          {t("speedAgain")}
        </Button>
      )}
    </div>
  );
}

/** A MediaRecorder type this browser records (WebM where it can, MP4 on Safari), or "" for its default. */
function practiceType(): string {
  // VP8 before VP9: a phone encodes it far faster, and the practice is only watched here.
  for (const type of ["video/webm;codecs=vp8,opus", "video/webm", "video/mp4"]) {
    if (MediaRecorder.isTypeSupported?.(type)) return type;
  }
  return "";
}

type PracticeState = { kind: "idle" } | { kind: "recording"; left: number } | { kind: "stopping" } | { kind: "done"; url: string };

function Practice({ stream }: { stream: MediaStream }) {
  const t = useTranslations("deviceCheck");
  const [state, setState] = useState<PracticeState>({ kind: "idle" });
  const recorderExists = useBrowserValue(() => typeof MediaRecorder !== "undefined", true);
  const [failed, setFailed] = useState(false);
  const recorder = useRef<MediaRecorder | null>(null);
  const url = useRef<string | null>(null);

  useEffect(() => {
    return () => {
      if (recorder.current?.state === "recording") recorder.current.stop();
      if (url.current) URL.revokeObjectURL(url.current);
    };
  }, []);

  useEffect(() => {
    if (state.kind !== "recording") return;
    const timer = window.setTimeout(() => {
      if (state.left <= 1) stop();
      else setState({ kind: "recording", left: state.left - 1 });
    }, 1000);
    return () => window.clearTimeout(timer);
  }, [state]);

  // A slow device may take a moment to finish encoding: "stop" fires then, not at once.
  function stop() {
    if (recorder.current?.state === "recording") recorder.current.stop();
    setState({ kind: "stopping" });
  }

  function start() {
    if (url.current) URL.revokeObjectURL(url.current);
    url.current = null;
    const type = practiceType();
    let rec: MediaRecorder;
    try {
      rec = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
    } catch {
      setFailed(true);
      return;
    }
    // Kept in this page's memory only: never uploaded, never written to storage.
    const chunks: Blob[] = [];
    rec.ondataavailable = (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    };
    rec.onstop = () => {
      const blob = new Blob(chunks, { type: rec.mimeType || type || "video/webm" });
      url.current = URL.createObjectURL(blob);
      setState({ kind: "done", url: url.current });
    };
    recorder.current = rec;
    rec.start();
    setState({ kind: "recording", left: PRACTICE_SECONDS });
  }

  if (!recorderExists || failed) return <p className="mt-3 text-sm text-slate-700">{t("practiceUnavailable")}</p>;
  return (
    <div className="mt-3 space-y-3">
      {state.kind === "recording" ? (
        <>
          <p aria-live="polite" className="text-sm font-medium text-red-700">
            {t("practiceRecording", { seconds: state.left })}
          </p>
          <Button type="button" variant="danger" onClick={stop}>
            {t("practiceStop")}
          </Button>
        </>
      ) : state.kind === "stopping" ? (
        <p aria-live="polite" className="text-sm text-slate-700">
          {t("practicePreparing")}
        </p>
      ) : (
        <Button type="button" variant="secondary" onClick={start}>
          {state.kind === "done" ? t("practiceAgain") : t("practiceStart")}
        </Button>
      )}
      {state.kind === "done" && (
        <video src={state.url} controls playsInline aria-label={t("practicePlayback")} className="aspect-video w-full rounded-lg bg-slate-900" />
      )}
    </div>
  );
}
