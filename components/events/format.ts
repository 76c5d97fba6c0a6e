// How the events explorer writes times, durations and ids. Times are UTC, like the filters.

const absolute = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "28 Nov 2026, 14:30:12 UTC" */
export function formatAbsolute(date: Date): string {
  return `${absolute.format(date)} UTC`;
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "just now", "5 minutes ago", "yesterday", "in 2 hours" (a due time). */
export function formatRelative(date: Date, now: Date = new Date()): string {
  const diff = date.getTime() - now.getTime();
  if (Math.abs(diff) < 45_000) return "just now";
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === "minute") return relative.format(Math.round(diff / ms), unit);
  }
  return "just now";
}

/** "850 ms", "2.4 s", "3 min 5 s" */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
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
