// The dashboard's languages. Candidate pages and candidate emails use the interview's
// language instead (lib/schemas/interview.ts LANGUAGES is the same list).
// No server or React imports: the browser bundle, the proxy and scripts may use this file.
export const LOCALES = ["en", "ru"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
/** Set by the language switch for visitors who are not signed in (sign-in, sign-up). */
export const LOCALE_COOKIE = "NEXT_LOCALE";
/** How long a visitor's choice is kept (one year, in seconds). */
export const LOCALE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** One of ours, or the default (for next-intl's `useLocale()`, typed as any string). */
export function toLocale(value: unknown): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

/** BCP 47 tags for Intl formatting. */
export const INTL_LOCALE: Record<Locale, string> = { en: "en-US", ru: "ru-RU" };

/** Each language in its own language: what a language switch lists, whatever the page's language. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", ru: "Русский" };

/**
 * The best of our languages for an Accept-Language header ("ru-RU,ru;q=0.9,en;q=0.8"):
 * highest quality first (ties keep their order), a region ignored ("ru-RU" is "ru"), q=0 and
 * "*" skipped; none of ours → the default.
 */
export function preferredLocale(acceptLanguage: string | null | undefined): Locale {
  const ranges = (acceptLanguage ?? "")
    .slice(0, 1000)
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.split(";").map((s) => s.trim());
      const q = params.find((p) => /^q=/i.test(p));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { language: tag.toLowerCase().split("-")[0], quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((r) => r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { language } of ranges) if (isLocale(language)) return language;
  return DEFAULT_LOCALE;
}
