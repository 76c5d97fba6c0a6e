// The dashboard's languages. Candidate pages and candidate emails use the interview's
// language instead (lib/schemas/interview.ts LANGUAGES is the same list).
export const LOCALES = ["en", "ru"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
/** Set by the language switch for visitors who are not signed in (sign-in, sign-up). */
export const LOCALE_COOKIE = "NEXT_LOCALE";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** BCP 47 tags for Intl formatting. */
export const INTL_LOCALE: Record<Locale, string> = { en: "en-US", ru: "ru-RU" };
