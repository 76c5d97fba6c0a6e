"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * An answer's video for HR. Until processing is done it plays the original, which is deleted
 * once the processed MP4 is stored: a page opened before that finds its URL gone (or its
 * signature expired) mid-review. On such an error the page data is read again once for that
 * URL, and playback resumes where it stopped on the new one.
 */
export function AnswerVideo({ src, poster, label, fallback }: { src: string; poster?: string; label: string; fallback: string }) {
  const router = useRouter();
  const video = useRef<HTMLVideoElement>(null);
  const retried = useRef<string | null>(null);
  const resumeAt = useRef<{ time: number; playing: boolean } | null>(null);

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
  }, [src]);

  const onError = () => {
    const v = video.current;
    if (!v || retried.current === src) return;
    retried.current = src;
    resumeAt.current = { time: v.currentTime, playing: !v.paused };
    router.refresh();
  };

  return (
    <video
      ref={video}
      controls
      preload="metadata"
      playsInline
      src={src}
      poster={poster}
      aria-label={label}
      onError={onError}
      className="aspect-video w-full max-w-2xl rounded-lg bg-slate-900"
      data-testid="answer-video"
    >
      {fallback}
    </video>
  );
}
