"use client";

import type { ReactNode } from "react";

/** Plays the video with this id from `time`, once it knows its length if it does not yet. */
export function seekVideo(videoId: string, time: number): void {
  const video = document.getElementById(videoId);
  if (!(video instanceof HTMLVideoElement)) return;
  const go = () => {
    video.currentTime = time;
    void video.play().catch(() => undefined);
  };
  if (video.readyState >= HTMLMediaElement.HAVE_METADATA) go();
  else {
    video.addEventListener("loadedmetadata", go, { once: true });
    video.load();
  }
  video.scrollIntoView({ block: "nearest", behavior: "smooth" });
}

/** A button that plays the answer's video from a moment (an evidence quote, a transcript segment). */
export function SeekButton({ videoId, time, className, children }: { videoId: string; time: number; className?: string; children: ReactNode }) {
  return (
    <button type="button" onClick={() => seekVideo(videoId, time)} className={className} data-seek={time}>
      {children}
    </button>
  );
}
