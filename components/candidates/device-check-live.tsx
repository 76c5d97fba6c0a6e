"use client";

// The parts of the device check that appear only once the camera and microphone are allowed:
// the preview, the microphone meter and the practice recording. Loaded apart from the page
// (device-check.tsx fetches this chunk after the page's load event, and shows these once the
// stream is there), so the first load carries only what the first screen needs.
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import type { Translate } from "@/lib/client/translate";
import { levelOf, PRACTICE_SECONDS } from "./device-check-env";

/** A level above this (0–100) at least once means the microphone hears something. */
const HEARD_LEVEL = 4;

const noSubscription = () => () => {};

export function Preview({ stream, t }: { stream: MediaStream; t: Translate }) {
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

export function MicMeter({ stream, t }: { stream: MediaStream; t: Translate }) {
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

/** A MediaRecorder type this browser records (WebM where it can, MP4 on Safari), or "" for its default. */
function practiceType(): string {
  // VP8 before VP9: a phone encodes it far faster, and the practice is only watched here.
  for (const type of ["video/webm;codecs=vp8,opus", "video/webm", "video/mp4"]) {
    if (MediaRecorder.isTypeSupported?.(type)) return type;
  }
  return "";
}

type PracticeState = { kind: "idle" } | { kind: "recording"; left: number } | { kind: "stopping" } | { kind: "done"; url: string };

export function Practice({ stream, t }: { stream: MediaStream; t: Translate }) {
  const [state, setState] = useState<PracticeState>({ kind: "idle" });
  const recorderExists = useSyncExternalStore(noSubscription, () => typeof MediaRecorder !== "undefined", () => true);
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
