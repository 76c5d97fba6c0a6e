"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { PLAYBACK_RATES, type PlaybackRate } from "./player-keys";
import { PlaybackSpeed } from "./playback-speed";
import { usePlaybackRate } from "./review-player";

/** A signed URL without its query: the file it points at (signatures change on every render). */
function fileOf(url: string): string {
  return url.split("?")[0]!;
}

/**
 * An answer's video for HR. Until processing is done it plays the original, which is deleted
 * once the processed MP4 is stored: a page opened before that finds its URL gone (or its
 * signature expired) mid-review. On such an error the page data is read again, once per file,
 * and playback resumes where it stopped on the new URL.
 *
 * The page's data is re-read every few seconds while answers are processing, and each read
 * signs every URL afresh: the element keeps the URL it has (a new src would restart playback)
 * and takes a new one only when it points at another file (the processed MP4) and playback has
 * not begun, or after an error.
 *
 * `id` lets the answer's analysis beside it seek it (a quote's or a transcript segment's time).
 * `captionsSrc`: the answer's transcript as WebVTT, offered as a captions track (off until the
 * reviewer turns it on). The speed buttons below set the page's one playback speed.
 */
export function AnswerVideo({
  id,
  src,
  poster,
  label,
  fallback,
  captionsSrc,
}: {
  id?: string;
  src: string;
  poster?: string;
  label: string;
  fallback: string;
  captionsSrc?: string;
}) {
  const router = useRouter();
  const t = useTranslations("review.player");
  const [rate, setRate] = usePlaybackRate();
  const video = useRef<HTMLVideoElement>(null);
  const [current, setCurrent] = useState(src);
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const [posterNow, setPosterNow] = useState(poster);
  // Once HR has pressed play, the file is not swapped under them: the original plays on until
  // it is gone (then the error path takes the processed file, at the same moment).
  const [engaged, setEngaged] = useState(false);
  const retried = useRef(new Set<string>());
  const resumeAt = useRef<{ time: number; playing: boolean } | null>(null);

  // Adjusted while rendering (not in an effect): a newly signed URL of the same file is ignored
  // unless the current one failed.
  if (src !== current && ((fileOf(src) !== fileOf(current) && !engaged) || failedSrc === current)) {
    setCurrent(src);
    setFailedSrc(null);
  }
  if ((poster && fileOf(poster)) !== (posterNow && fileOf(posterNow))) setPosterNow(poster);

  useEffect(() => {
    const v = video.current;
    const resume = resumeAt.current;
    if (!v || !resume) return;
    resumeAt.current = null;
    const onLoaded = () => {
      v.currentTime = resume.time;
      if (resume.playing) void v.play().catch(() => undefined);
    };
    v.addEventListener("loadedmetadata", onLoaded, { once: true });
    return () => v.removeEventListener("loadedmetadata", onLoaded);
  }, [current]);

  // The chosen speed, kept across a new file (loading resets playbackRate to defaultPlaybackRate).
  useEffect(() => {
    const v = video.current;
    if (!v) return;
    v.defaultPlaybackRate = rate;
    v.playbackRate = rate;
  }, [rate, current]);

  const onRateChange = () => {
    // The browser's own speed menu: taken up when it is one of the page's speeds.
    const r = video.current?.playbackRate;
    const known = PLAYBACK_RATES.find((x) => x === r);
    if (known !== undefined && known !== rate) setRate(known as PlaybackRate);
  };

  const onError = () => {
    const v = video.current;
    const file = fileOf(current);
    // Once per file: a recording the browser cannot play stays an error, not a reload loop.
    if (!v || retried.current.has(file)) return;
    retried.current.add(file);
    setFailedSrc(current);
    resumeAt.current = { time: v.currentTime, playing: !v.paused };
    router.refresh();
  };

  return (
    <div className="space-y-2">
      <video
        id={id}
        ref={video}
        controls
        preload="metadata"
        playsInline
        src={current}
        poster={posterNow}
        aria-label={label}
        onError={onError}
        onPlay={() => setEngaged(true)}
        onRateChange={onRateChange}
        className="aspect-video w-full max-w-2xl rounded-lg bg-slate-900"
        data-testid="answer-video"
      >
        {captionsSrc ? <track kind="captions" src={captionsSrc} label={t("captions")} /> : null}
        {fallback}
      </video>
      <PlaybackSpeed rate={rate} onChange={setRate} />
    </div>
  );
}
