import { describe, expect, it } from "vitest";
import { durationMessage, formatAbsolute, formatRelative } from "./format";

const at = new Date("2026-11-28T14:30:12Z");

describe("formatAbsolute", () => {
  it("writes the UTC time in the page's language", () => {
    expect(formatAbsolute(at)).toBe("28 Nov 2026, 14:30:12 UTC");
    expect(formatAbsolute(at, "en")).toBe("28 Nov 2026, 14:30:12 UTC");
    expect(formatAbsolute(at, "ru")).toBe("28 нояб. 2026 г., 14:30:12 UTC");
  });
});

describe("formatRelative", () => {
  const ago = (ms: number) => new Date(at.getTime() - ms);
  it("in English", () => {
    expect(formatRelative(ago(10_000), { now: at })).toBe("just now");
    expect(formatRelative(ago(5 * 60_000), { now: at, locale: "en" })).toBe("5 minutes ago");
    expect(formatRelative(ago(86_400_000), { now: at, locale: "en" })).toBe("yesterday");
    expect(formatRelative(new Date(at.getTime() + 2 * 3_600_000), { now: at, locale: "en" })).toBe("in 2 hours");
  });
  it("in Russian, with the caller's words for just now", () => {
    expect(formatRelative(ago(10_000), { now: at, locale: "ru", justNow: "только что" })).toBe("только что");
    expect(formatRelative(ago(5 * 60_000), { now: at, locale: "ru" })).toBe("5 минут назад");
    expect(formatRelative(ago(2 * 60_000), { now: at, locale: "ru" })).toBe("2 минуты назад");
    expect(formatRelative(ago(86_400_000), { now: at, locale: "ru" })).toBe("вчера");
    expect(formatRelative(new Date(at.getTime() + 2 * 3_600_000), { now: at, locale: "ru" })).toBe("через 2 часа");
  });
});

describe("durationMessage", () => {
  it("picks the unit and writes the number for the locale", () => {
    expect(durationMessage(850)).toEqual({ key: "ms", values: { ms: "850" } });
    expect(durationMessage(2400, "en")).toEqual({ key: "seconds", values: { seconds: "2.4" } });
    expect(durationMessage(2400, "ru")).toEqual({ key: "seconds", values: { seconds: "2,4" } });
    expect(durationMessage(12_400, "ru")).toEqual({ key: "seconds", values: { seconds: "12" } });
    expect(durationMessage(185_000, "en")).toEqual({ key: "minutesSeconds", values: { minutes: "3", seconds: "5" } });
    expect(durationMessage(180_000, "en")).toEqual({ key: "minutes", values: { minutes: "3" } });
  });
});
