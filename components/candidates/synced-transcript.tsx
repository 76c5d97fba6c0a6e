"use client";

import { useEffect, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { clock } from "./answer-time";
import { segmentIndexAt } from "./player-keys";
import { SeekButton, seekVideo } from "./seek-button";

const SEEK = "rounded text-left text-brand-700 underline decoration-dotted underline-offset-2 hover:text-brand-800 focus-visible:outline-2 focus-visible:outline-brand-600";

/**
 * An answer's timed transcript beside its video (`videoId`): the line being spoken is marked
 * (aria-current) and kept in view as the video plays; each line's time is a button that plays
 * from there, and a click anywhere on a line does the same. Without a video the times are text.
 */
export function SyncedTranscript({ segments, videoId, playFrom, label }: { segments: { start: number; text: string }[]; videoId?: string; playFrom: string; label: string }) {
  // -1 until the video has played or been moved: nothing is "current" before that.
  const [current, setCurrent] = useState(-1);
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    const video = videoId ? document.getElementById(videoId) : null;
    if (!(video instanceof HTMLVideoElement)) return;
    const follow = () => setCurrent(segmentIndexAt(segments, video.currentTime));
    video.addEventListener("timeupdate", follow);
    video.addEventListener("seeked", follow);
    return () => {
      video.removeEventListener("timeupdate", follow);
      video.removeEventListener("seeked", follow);
    };
  }, [videoId, segments]);

  // Keeps the current line in the list's own view, without scrolling the page under the reviewer.
  useEffect(() => {
    const box = list.current;
    const line = current >= 0 ? box?.children[current] : null;
    if (!box || !(line instanceof HTMLElement)) return;
    const top = line.offsetTop - box.offsetTop;
    if (top < box.scrollTop || top + line.offsetHeight > box.scrollTop + box.clientHeight) box.scrollTop = Math.max(0, top - box.clientHeight / 3);
  }, [current]);

  return (
    <ol
      ref={list}
      // Scrollable: reachable by keyboard even when its lines have no buttons.
      tabIndex={videoId ? undefined : 0}
      aria-label={label}
      className="mt-2 max-h-64 space-y-0.5 overflow-y-auto rounded-md"
      data-testid="transcript"
    >
      {segments.map((s, i) => (
        <li
          key={i}
          aria-current={i === current ? "true" : undefined}
          data-current={i === current ? "true" : undefined}
          onClick={
            videoId
              ? (e) => {
                  // The time button seeks by itself; a click elsewhere on the line does the same.
                  if (!(e.target instanceof Element && e.target.closest("button"))) seekVideo(videoId, s.start);
                }
              : undefined
          }
          className={cn("flex gap-2 rounded px-1.5 py-0.5", videoId && "cursor-pointer hover:bg-slate-50", i === current && "bg-amber-100 hover:bg-amber-100")}
        >
          {videoId ? (
            <SeekButton videoId={videoId} time={s.start} className={cn(SEEK, "shrink-0")}>
              <span className="sr-only">{playFrom} </span>
              <span className="font-mono text-xs">{clock(s.start)}</span>
            </SeekButton>
          ) : (
            <span className="shrink-0 font-mono text-xs">{clock(s.start)}</span>
          )}
          <span className="break-words text-slate-900">{s.text}</span>
        </li>
      ))}
    </ol>
  );
}
