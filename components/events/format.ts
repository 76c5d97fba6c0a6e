// How the events explorer writes times, durations and ids, in the page's language. Times are
// UTC, like the filters. Words ("just now", unit abbreviations) come from the "events"
// messages; numbers, dates and relative phrases ("5 minutes ago", "5 минут назад") from Intl.
import { DEFAULT_LOCALE, INTL_LOCALE, type Locale } from "@/lib/i18n/config";

const absolute = new Map<Locale, Intl.DateTimeFormat>();
const relative = new Map<Locale, Intl.RelativeTimeFormat>();

function absoluteFormat(locale: Locale): Intl.DateTimeFormat {
  let format = absolute.get(locale);
  if (!format) {
    // English keeps the day-month order of "28 Nov 2026" (en-GB); Russian writes "28 нояб. 2026 г.".
    format = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : INTL_LOCALE[locale], {
      timeZone: "UTC",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hour12: false,
    });
    absolute.set(locale, format);
  }
  return format;
}

function relativeFormat(locale: Locale): Intl.RelativeTimeFormat {
  let format = relative.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(INTL_LOCALE[locale], { numeric: "auto" });
    relative.set(locale, format);
  }
  return format;
}

/** "28 Nov 2026, 14:30:12 UTC" / "28 нояб. 2026 г., 14:30:12 UTC" */
export function formatAbsolute(date: Date, locale: Locale = DEFAULT_LOCALE): string {
  return `${absoluteFormat(locale).format(date)} UTC`;
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/**
 * "5 minutes ago", "yesterday", "in 2 hours" (a due time); `justNow` (the caller's words for
 * "just now") within 45 seconds either way.
 */
export function formatRelative(
  date: Date,
  { now = new Date(), locale = DEFAULT_LOCALE, justNow = "just now" }: { now?: Date; locale?: Locale; justNow?: string } = {},
): string {
  const diff = date.getTime() - now.getTime();
  if (Math.abs(diff) < 45_000) return justNow;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === "minute") return relativeFormat(locale).format(Math.round(diff / ms), unit);
  }
  return justNow;
}

/** A duration as a message of the "events.duration" namespace and its values. */
export type DurationMessage =
  | { key: "ms"; values: { ms: string } }
  | { key: "seconds"; values: { seconds: string } }
  | { key: "minutes"; values: { minutes: string } }
  | { key: "minutesSeconds"; values: { minutes: string; seconds: string } };

/** "850 ms", "2.4 s", "3 min 5 s": the numbers written for the locale ("2,4 с"). */
export function durationMessage(ms: number, locale: Locale = DEFAULT_LOCALE): DurationMessage {
  const number = (n: number, digits = 0) =>
    new Intl.NumberFormat(INTL_LOCALE[locale], { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(n);
  if (ms < 1000) return { key: "ms", values: { ms: number(ms) } };
  if (ms < 60_000) return { key: "seconds", values: { seconds: number(ms / 1000, ms < 10_000 ? 1 : 0) } };
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds
    ? { key: "minutesSeconds", values: { minutes: number(minutes), seconds: number(seconds) } }
    : { key: "minutes", values: { minutes: number(minutes) } };
}

/** The first block of a UUID, enough to tell events apart on screen. */
export function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

/** UTC, as <input type="datetime-local"> shows it. */
export function toDatetimeLocal(date: Date): string {
  const iso = date.toISOString();
  return date.getUTCSeconds() || date.getUTCMilliseconds() ? iso.slice(0, 19) : iso.slice(0, 16);
}
