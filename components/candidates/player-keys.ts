// The review page's player rules, kept free of React and the DOM so they are tested directly:
// the playback speeds, which transcript line is current at a moment, and what a key press does.

export const PLAYBACK_RATES = [0.75, 1, 1.25, 1.5, 2] as const;
export type PlaybackRate = (typeof PLAYBACK_RATES)[number];

/** How far j/l and the arrow keys move the playhead. */
export const SEEK_STEP_SECONDS = 5;

/**
 * The event the 1–5 keys dispatch on `window` for the rating controls to pick up (the player
 * does not own ratings): `detail` is `{ rating, questionId }`, the question the reviewer is on
 * (null when the page has none). A listener that handles it calls `preventDefault()`.
 */
export const RATE_EVENT = "review:rate";
export type RateEventDetail = { rating: number; questionId: string | null };

/** The index of the transcript line being spoken at `time`: the last one started by then; -1 before the first. */
export function segmentIndexAt(segments: readonly { start: number }[], time: number): number {
  let current = -1;
  for (let i = 0; i < segments.length; i++) {
    // A small tolerance: a seek to a line's start can read back a hair before it.
    if (segments[i]!.start <= time + 0.01) current = i;
    else break;
  }
  return current;
}

export type ShortcutAction =
  | { type: "toggle" }
  | { type: "seek"; by: number }
  | { type: "question"; step: 1 | -1 }
  | { type: "rate"; rating: number }
  | { type: "help" };

/** What the key handler needs to know about the focused element. */
export type KeyTarget = { tagName?: string; isContentEditable?: boolean; role?: string | null } | null;
export type KeyPress = { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; target: KeyTarget };

const TYPING = new Set(["INPUT", "TEXTAREA", "SELECT"]);
// Elements whose own keys (Space presses a button, arrows move a slider or the video's playhead) come first.
const INTERACTIVE_TAGS = new Set(["BUTTON", "A", "SUMMARY", "VIDEO", "AUDIO", "DIALOG"]);
const INTERACTIVE_ROLES = new Set(["button", "link", "checkbox", "radio", "slider", "tab", "menuitem", "option", "switch", "spinbutton", "textbox", "combobox"]);

/** Whether keys typed here are text: no shortcut at all then. */
export function isTyping(target: KeyTarget): boolean {
  if (!target) return false;
  return TYPING.has(target.tagName ?? "") || target.isContentEditable === true || target.role === "textbox" || target.role === "combobox";
}

function isInteractive(target: KeyTarget): boolean {
  if (!target) return false;
  return INTERACTIVE_TAGS.has(target.tagName ?? "") || INTERACTIVE_ROLES.has(target.role ?? "");
}

/**
 * The shortcut a key press means, or null: Space or k play/pause, j/← and l/→ five seconds back
 * and on, n/p the next/previous question, 1–5 a rating, ? the list of shortcuts. Nothing while
 * typing or with Ctrl, Cmd or Alt (the browser's own shortcuts); Space and the arrows are left
 * to a focused button, link, video or slider.
 */
export function shortcutFor(e: KeyPress): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  const ownKeys = isInteractive(e.target);
  switch (key) {
    case " ":
      return ownKeys ? null : { type: "toggle" };
    case "k":
      return { type: "toggle" };
    case "ArrowLeft":
      return ownKeys ? null : { type: "seek", by: -SEEK_STEP_SECONDS };
    case "j":
      return { type: "seek", by: -SEEK_STEP_SECONDS };
    case "ArrowRight":
      return ownKeys ? null : { type: "seek", by: SEEK_STEP_SECONDS };
    case "l":
      return { type: "seek", by: SEEK_STEP_SECONDS };
    case "n":
      return { type: "question", step: 1 };
    case "p":
      return { type: "question", step: -1 };
    case "?":
      return { type: "help" };
    default:
      return /^[1-5]$/.test(key) ? { type: "rate", rating: Number(key) } : null;
  }
}

/** The question `step` away from `current`, kept within the list (no wrapping: the ends are ends). */
export function stepQuestion(current: number, step: 1 | -1, count: number): number {
  if (count === 0) return -1;
  return Math.min(count - 1, Math.max(0, current + step));
}

/** A rate label as the speed buttons show it ("0.75×", "2×"), in the locale's digits. */
export function rateLabel(rate: number, locale: string): string {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(rate)}×`;
}
