// The review player's rules: which transcript line is current at a moment, what each key does
// (and that nothing fires while typing or with the browser's modifier keys), question steps.
import { describe, expect, it } from "vitest";
import { PLAYBACK_RATES, rateLabel, segmentIndexAt, shortcutFor, stepQuestion, type KeyPress, type KeyTarget } from "./player-keys";

const SEGMENTS = [
  { start: 0, end: 4.79 },
  { start: 4.79, end: 9.5 },
  { start: 12, end: 14 },
];

describe("segmentIndexAt", () => {
  it("is the last line started by then, kept through a pause between lines", () => {
    expect([0, 2, 4.7, 4.79, 9.6, 11.9, 12, 99].map((t) => segmentIndexAt(SEGMENTS, t))).toEqual([0, 0, 0, 1, 1, 1, 2, 2]);
  });

  it("is -1 before the first line and with no lines; a seek landing just before a line's start counts as that line", () => {
    expect(segmentIndexAt([{ start: 1.5 }], 0.5)).toBe(-1);
    expect(segmentIndexAt([], 3)).toBe(-1);
    expect(segmentIndexAt(SEGMENTS, 4.785)).toBe(1);
  });
});

const press = (key: string, target: KeyTarget = { tagName: "BODY" }, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target,
  ...mods,
});

describe("shortcutFor", () => {
  it("maps the player's keys", () => {
    expect(shortcutFor(press(" "))).toEqual({ type: "toggle" });
    expect(shortcutFor(press("k"))).toEqual({ type: "toggle" });
    expect(shortcutFor(press("K"))).toEqual({ type: "toggle" });
    expect(shortcutFor(press("j"))).toEqual({ type: "seek", by: -5 });
    expect(shortcutFor(press("ArrowLeft"))).toEqual({ type: "seek", by: -5 });
    expect(shortcutFor(press("l"))).toEqual({ type: "seek", by: 5 });
    expect(shortcutFor(press("ArrowRight"))).toEqual({ type: "seek", by: 5 });
    expect(shortcutFor(press("n"))).toEqual({ type: "question", step: 1 });
    expect(shortcutFor(press("p"))).toEqual({ type: "question", step: -1 });
    expect(shortcutFor(press("?"))).toEqual({ type: "help" });
    expect([1, 2, 3, 4, 5].map((n) => shortcutFor(press(String(n))))).toEqual([1, 2, 3, 4, 5].map((rating) => ({ type: "rate", rating })));
  });

  it("ignores other keys, 0 and 6 to 9 included", () => {
    for (const key of ["0", "6", "9", "a", "Enter", "Escape", "Tab", "ArrowUp", "F5"]) expect(shortcutFor(press(key)), key).toBeNull();
  });

  it("does nothing while typing: inputs, text areas, selects, editable text and text boxes", () => {
    for (const target of [{ tagName: "INPUT" }, { tagName: "TEXTAREA" }, { tagName: "SELECT" }, { tagName: "DIV", isContentEditable: true }, { tagName: "DIV", role: "textbox" }]) {
      for (const key of [" ", "k", "j", "n", "3", "?", "ArrowLeft"]) expect(shortcutFor(press(key, target)), `${key} in ${JSON.stringify(target)}`).toBeNull();
    }
  });

  it("leaves the browser's shortcuts alone (Ctrl, Cmd, Alt), but Shift is how ? is typed", () => {
    for (const mods of [{ ctrlKey: true }, { metaKey: true }, { altKey: true }]) {
      expect(shortcutFor(press("k", { tagName: "BODY" }, mods))).toBeNull();
      expect(shortcutFor(press("ArrowLeft", { tagName: "BODY" }, mods))).toBeNull();
    }
    expect(shortcutFor(press("?", { tagName: "BODY" }, { shiftKey: true } as Partial<KeyPress>))).toEqual({ type: "help" });
  });

  it("leaves Space and the arrows to a focused button, link, video or slider; the letters still work there", () => {
    for (const target of [{ tagName: "BUTTON" }, { tagName: "A" }, { tagName: "VIDEO" }, { tagName: "SUMMARY" }, { tagName: "DIV", role: "slider" }, { tagName: "SPAN", role: "button" }]) {
      expect(shortcutFor(press(" ", target))).toBeNull();
      expect(shortcutFor(press("ArrowRight", target))).toBeNull();
      expect(shortcutFor(press("k", target))).toEqual({ type: "toggle" });
      expect(shortcutFor(press("l", target))).toEqual({ type: "seek", by: 5 });
    }
    expect(shortcutFor(press(" ", null))).toEqual({ type: "toggle" });
    expect(shortcutFor(press(" ", { tagName: "H3" }))).toEqual({ type: "toggle" });
  });
});

describe("stepQuestion", () => {
  it("moves one question, stopping at the first and the last", () => {
    expect([stepQuestion(0, 1, 3), stepQuestion(2, 1, 3), stepQuestion(1, -1, 3), stepQuestion(0, -1, 3), stepQuestion(0, 1, 0)]).toEqual([1, 2, 0, 0, -1]);
  });
});

describe("rateLabel", () => {
  it("writes the five speeds in the locale's digits", () => {
    expect(PLAYBACK_RATES.map((r) => rateLabel(r, "en"))).toEqual(["0.75×", "1×", "1.25×", "1.5×", "2×"]);
    expect(PLAYBACK_RATES.map((r) => rateLabel(r, "ru"))).toEqual(["0,75×", "1×", "1,25×", "1,5×", "2×"]);
  });
});
