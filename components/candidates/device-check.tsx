"use client";

import { lazy, Suspense, useEffect, useState, useSyncExternalStore } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { translator, type Messages, type Translate } from "@/lib/client/translate";
import { APP_NAMES } from "./device-check-env";
import {
  browserFamily,
  detectInAppBrowser,
  mediaProblem,
  megabitsPerSecond,
  PRACTICE_SECONDS,
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

// Shown once the camera and microphone are allowed, so not part of the first load (see device-check-live.tsx).
const loadLive = () => import("./device-check-live");
const Preview = lazy(() => loadLive().then((m) => ({ default: m.Preview })));
const MicMeter = lazy(() => loadLive().then((m) => ({ default: m.MicMeter })));
const Practice = lazy(() => loadLive().then((m) => ({ default: m.Practice })));
// Only for a candidate inside an app's built-in browser.
const InAppNotice = lazy(() => import("./in-app-notice").then((m) => ({ default: m.InAppNotice })));

const noSubscription = () => () => {};

/** A value only the browser knows (the server renders `onServer`), read without an effect. */
function useBrowserValue<T>(read: () => T, onServer: T): T {
  return useSyncExternalStore(noSubscription, read, () => onServer);
}

type CameraState = { kind: "asking" } | { kind: "ready"; stream: MediaStream } | { kind: "problem"; problem: MediaProblem };

/**
 * The device check (pages/i/[token]/check.tsx): camera preview, microphone meter, upload
 * speed, a practice recording kept in the browser, help for a blocked camera or an in-app
 * browser. Whatever fails, the link to the questions stays.
 */
export function DeviceCheck({ token, questionsHref, messages }: { token: string; questionsHref: string; messages: Messages }) {
  const t = translator(messages, "deviceCheck");
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

  // Fetched once the page has loaded, so it is there when the candidate allows the camera.
  useEffect(() => {
    const prefetch = () => void loadLive().catch(() => {});
    if (document.readyState === "complete") prefetch();
    else window.addEventListener("load", prefetch, { once: true });
    return () => window.removeEventListener("load", prefetch);
  }, []);

  const stream = camera.kind === "ready" ? camera.stream : null;
  return (
    <div className="space-y-4">
      {inApp && (
        <Suspense fallback={null}>
          <InAppNotice app={APP_NAMES[inApp]} token={token} messages={messages} />
        </Suspense>
      )}

      <Card>
        <h2 className="text-base font-semibold text-slate-900">{t("cameraTitle")}</h2>
        <div className="mt-3 space-y-3">
          {camera.kind === "asking" && <Alert tone="info">{t("cameraAsking")}</Alert>}
          {camera.kind === "problem" && (
            <CameraProblem
              problem={camera.problem}
              family={family}
              t={t}
              onRetry={() => {
                setCamera({ kind: "asking" });
                setAttempt((n) => n + 1);
              }}
            />
          )}
          {stream && (
            <Suspense fallback={null}>
              <Preview stream={stream} t={t} />
            </Suspense>
          )}
          {stream && <p className="text-sm font-medium text-emerald-800">{t("cameraWorks")}</p>}
        </div>
      </Card>

      {stream && (
        <Card>
          <h2 className="text-base font-semibold text-slate-900">{t("micTitle")}</h2>
          <Suspense fallback={null}>
            <MicMeter stream={stream} t={t} />
          </Suspense>
        </Card>
      )}

      <Card>
        <h2 className="text-base font-semibold text-slate-900">{t("speedTitle")}</h2>
        <SpeedCheck token={token} t={t} />
      </Card>

      {stream && (
        <Card>
          <h2 className="text-base font-semibold text-slate-900">{t("practiceTitle")}</h2>
          <p className="mt-2 text-sm text-slate-700">{t("practiceText", { seconds: PRACTICE_SECONDS })}</p>
          <Suspense fallback={null}>
            <Practice stream={stream} t={t} />
          </Suspense>
        </Card>
      )}

      <Card>
        <h2 className="text-base font-semibold text-slate-900">{t("continueTitle")}</h2>
        <p className="mt-2 mb-4 text-sm text-slate-700">{t("continueText")}</p>
        <a href={questionsHref} className={buttonClass("primary", "w-full sm:w-auto")}>
          {t("continue")}
        </a>
      </Card>
    </div>
  );
}

function CameraProblem({ problem, family, onRetry, t }: { problem: MediaProblem; family: BrowserFamily; onRetry: () => void; t: Translate }) {
  const text =
    problem === "denied" ? (
      <>
        <p>{t("deniedText")}</p>
        <p className="mt-2 font-medium">{t(DENIED_HELP[family])}</p>
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

type SpeedState = { kind: "measuring" } | { kind: "done"; mbps: number } | { kind: "failed" };

function SpeedCheck({ token, t }: { token: string; t: Translate }) {
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

