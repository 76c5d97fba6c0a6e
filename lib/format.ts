import { DEFAULT_LOCALE, INTL_LOCALE, type Locale } from "@/lib/i18n/config";

// Unit abbreviations as each language writes them (Intl's "kB"/"byte" differ from ours).
const BYTE_UNITS: Record<Locale, { b: string; kb: string; mb: string; gb: string }> = {
  en: { b: "bytes", kb: "KB", mb: "MB", gb: "GB" },
  ru: { b: "байт", kb: "КБ", mb: "МБ", gb: "ГБ" },
};

/** "1.5 MB" / "1,5 МБ". Server messages (API errors) keep the English default. */
export function formatBytes(n: number, locale: Locale = DEFAULT_LOCALE): string {
  const units = BYTE_UNITS[locale];
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(INTL_LOCALE[locale], { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(value);
  if (n >= 1024 * 1024 * 1024) return `${number(n / 1024 ** 3, 1)} ${units.gb}`;
  if (n >= 1024 * 1024) return `${number(n / (1024 * 1024), n % (1024 * 1024) === 0 ? 0 : 1)} ${units.mb}`;
  if (n >= 1024) return `${number(Math.round(n / 1024), 0)} ${units.kb}`;
  return `${number(n, 0)} ${units.b}`;
}
