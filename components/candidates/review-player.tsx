"use client";

import { useTranslations } from "next-intl";
import { createContext, useContext, useEffect, useEffectEvent, useRef, useState, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { RATE_EVENT, shortcutFor, stepQuestion, type PlaybackRate, type RateEventDetail, type ShortcutAction } from "./player-keys";

/** One question of the page as the player knows it: where its heading is, and its video if it has one. */
export type PlayerQuestion = { id: string; position: number; anchorId: string; videoId: string | null };

type PlayerContextValue = { rate: PlaybackRate; setRate: (rate: PlaybackRate) => void };
const PlayerContext = createContext<PlayerContextValue | null>(null);

/** The page's playback speed (one for every answer, as reviewers keep the speed they chose); a video outside the player keeps its own. */
export function usePlaybackRate(): [PlaybackRate, (rate: PlaybackRate) => void] {
  const shared = useContext(PlayerContext);
  const [own, setOwn] = useState<PlaybackRate>(1);
  return shared ? [shared.rate, shared.setRate] : [own, setOwn];
}

const videoOf = (q: PlayerQuestion | undefined) => {
  const el = q?.videoId ? document.getElementById(q.videoId) : null;
  return el instanceof HTMLVideoElement ? el : null;
};

const blockOf = (q: PlayerQuestion) => {
  const heading = document.getElementById(q.anchorId);
  return heading?.closest("article") ?? heading;
};

function onScreen(el: Element | null): boolean {
  if (!el) return false;
  const r = el.getBoundingClientRect();
  return r.bottom > 0 && r.top < window.innerHeight;
}

const NAV_BUTTON =
  "inline-flex items-center rounded-md px-2.5 py-1 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50";

/**
 * The answers of a candidate with a player around them: per-question navigation (jump to a
 * question, previous, next), one playback speed for every video, and keyboard shortcuts with a
 * help dialog ("?"). The question the shortcuts act on is the one last navigated to or played,
 * or, once that has scrolled out of sight, the first one on screen.
 *
 * Rating is not the player's: 1–5 dispatch RATE_EVENT on `window` for the rating controls.
 */
export function ReviewPlayer({ questions, children }: { questions: PlayerQuestion[]; children: ReactNode }) {
  const t = useTranslations("review.player");
  const [rate, setRate] = useState<PlaybackRate>(1);
  const [current, setCurrent] = useState(0);
  const [notice, setNotice] = useState("");
  const root = useRef<HTMLDivElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  /** The question the reviewer is on: the current one while it is on screen, else the first one that is. */
  const resolveCurrent = (): number => {
    const q = questions[current];
    if (!q || onScreen(blockOf(q))) return current;
    const visible = questions.findIndex((x) => onScreen(blockOf(x)));
    return visible >= 0 ? visible : current;
  };

  const goTo = (index: number) => {
    const q = questions[index];
    if (!q) return;
    // One answer plays at a time: leaving a question stops its recording.
    for (const other of questions) if (other !== q) videoOf(other)?.pause();
    setCurrent(index);
    const heading = document.getElementById(q.anchorId);
    if (!heading) return;
    if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    heading.scrollIntoView({ block: "start", behavior: smooth ? "smooth" : "auto" });
    heading.focus({ preventScroll: true });
  };

  const openHelp = () => {
    const d = dialog.current;
    if (!d || d.open) return;
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    d.showModal();
    closeButton.current?.focus();
  };

  const run = (action: ShortcutAction) => {
    if (action.type === "help") return openHelp();
    const index = resolveCurrent();
    if (action.type === "question") return goTo(stepQuestion(index, action.step, questions.length));
    if (action.type === "rate") {
      const detail: RateEventDetail = { rating: action.rating, questionId: questions[index]?.id ?? null };
      window.dispatchEvent(new CustomEvent(RATE_EVENT, { detail, cancelable: true }));
      return;
    }
    const video = videoOf(questions[index]);
    if (!video) {
      setNotice(t("noVideo", { n: questions[index]?.position ?? 0 }));
      return;
    }
    setCurrent(index);
    if (action.type === "toggle") {
      if (video.paused) void video.play().catch(() => undefined);
      else video.pause();
    } else {
      const end = Number.isFinite(video.duration) ? video.duration : Number.POSITIVE_INFINITY;
      video.currentTime = Math.min(end, Math.max(0, video.currentTime + action.by));
    }
  };

  const onKeyDown = useEffectEvent((e: KeyboardEvent) => {
    if (e.defaultPrevented || dialog.current?.open) return;
    const el = e.target instanceof HTMLElement ? e.target : null;
    const action = shortcutFor({
      key: e.key,
      ctrlKey: e.ctrlKey,
      metaKey: e.metaKey,
      altKey: e.altKey,
      target: el ? { tagName: el.tagName, isContentEditable: el.isContentEditable, role: el.getAttribute("role") } : null,
    });
    if (!action) return;
    e.preventDefault();
    setNotice("");
    run(action);
  });

  // The question whose video starts playing becomes the current one, and the others stop.
  const onPlay = useEffectEvent((e: Event) => {
    const index = questions.findIndex((q) => q.videoId !== null && q.videoId === (e.target as Element | null)?.id);
    if (index < 0) return;
    setCurrent(index);
    for (const other of questions) if (other !== questions[index]) videoOf(other)?.pause();
  });

  useEffect(() => {
    const el = root.current;
    const keys = (e: KeyboardEvent) => onKeyDown(e);
    // Media events do not bubble: listened to on the way down.
    const play = (e: Event) => onPlay(e);
    window.addEventListener("keydown", keys);
    el?.addEventListener("play", play, true);
    return () => {
      window.removeEventListener("keydown", keys);
      el?.removeEventListener("play", play, true);
    };
  }, []);

  const onDialogClose = () => {
    // Back to where the reviewer was (the browser may not do it for a dialog opened by a key).
    const back = opener.current;
    opener.current = null;
    if (back?.isConnected) back.focus();
  };

  const shortcuts: { keys: string[]; what: string }[] = [
    { keys: [t("keys.space"), "K"], what: t("shortcuts.toggle") },
    { keys: ["J", "←"], what: t("shortcuts.back") },
    { keys: ["L", "→"], what: t("shortcuts.forward") },
    { keys: ["N"], what: t("shortcuts.next") },
    { keys: ["P"], what: t("shortcuts.previous") },
    { keys: ["1–5"], what: t("shortcuts.rate") },
    { keys: ["?"], what: t("shortcuts.help") },
    { keys: ["Esc"], what: t("shortcuts.close") },
  ];

  return (
    <PlayerContext.Provider value={{ rate, setRate }}>
      <div ref={root} className="space-y-4 [&_h3]:scroll-mt-20" data-testid="review-player">
        {questions.length > 0 ? (
          <nav aria-label={t("nav")} className="sticky top-0 z-10 flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2 shadow-sm">
            <button type="button" className={NAV_BUTTON} onClick={() => goTo(stepQuestion(resolveCurrent(), -1, questions.length))} data-testid="previous-question">
              <span aria-hidden>←&nbsp;</span>
              {t("previous")}
            </button>
            <ol className="flex flex-wrap gap-1">
              {questions.map((q, i) => (
                <li key={q.id}>
                  <a
                    href={`#${q.anchorId}`}
                    aria-label={t("jumpTo", { n: q.position })}
                    aria-current={i === current ? "true" : undefined}
                    onClick={(e) => {
                      e.preventDefault();
                      goTo(i);
                    }}
                    className={cn(
                      "inline-flex size-8 items-center justify-center rounded-md text-sm font-medium ring-1 ring-inset",
                      i === current ? "bg-brand-600 text-white ring-brand-600" : "text-slate-800 ring-slate-300 hover:bg-slate-50",
                    )}
                  >
                    {q.position}
                  </a>
                </li>
              ))}
            </ol>
            <button
              type="button"
              className={NAV_BUTTON}
              onClick={() => goTo(stepQuestion(resolveCurrent(), 1, questions.length))}
              data-testid="next-question"
            >
              {t("next")}
              <span aria-hidden>&nbsp;→</span>
            </button>
            <button type="button" className={cn(NAV_BUTTON, "ml-auto")} aria-haspopup="dialog" onClick={openHelp}>
              {t("shortcutsButton")}
              <kbd aria-hidden className="ml-1.5 rounded border border-slate-300 bg-slate-50 px-1 font-mono text-xs">
                ?
              </kbd>
            </button>
          </nav>
        ) : null}
        <p role="status" className="sr-only">
          {notice}
        </p>
        {children}
      </div>
      <dialog
        ref={dialog}
        aria-labelledby="shortcuts-heading"
        onClose={onDialogClose}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
        data-testid="shortcuts-dialog"
      >
        <div className="space-y-4 p-6">
          <h2 id="shortcuts-heading" className="text-lg font-semibold">
            {t("shortcutsTitle")}
          </h2>
          <p className="text-sm text-slate-600">{t("shortcutsHint")}</p>
          <dl className="space-y-2 text-sm">
            {shortcuts.map((s) => (
              <div key={s.what} className="flex items-center justify-between gap-4">
                <dt className="flex gap-1">
                  {s.keys.map((k, i) => (
                    <span key={k} className="flex items-center gap-1">
                      {i > 0 ? <span className="text-slate-600">{t("or")}</span> : null}
                      <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-900">{k}</kbd>
                    </span>
                  ))}
                </dt>
                <dd className="text-right text-slate-700">{s.what}</dd>
              </div>
            ))}
          </dl>
          <div className="flex justify-end">
            <button
              ref={closeButton}
              type="button"
              onClick={() => dialog.current?.close()}
              className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
            >
              {t("close")}
            </button>
          </div>
        </div>
      </dialog>
    </PlayerContext.Provider>
  );
}
