// next-intl's request configuration (wired in next.config.ts): which language this request
// renders in. Signed-in HR users get the language of their settings; visitors the cookie set
// by the language switch, else their browser's preference.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/current-user";
import { INTL_LOCALE, isLocale, LOCALE_COOKIE, preferredLocale, type Locale } from "./config";
import { getMessages } from "./messages";

async function requestLocale(): Promise<Locale> {
  const user = await getCurrentUser().catch(() => null);
  if (user && isLocale(user.locale)) return user.locale;
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(cookie)) return cookie;
  return preferredLocale((await headers()).get("accept-language"));
}

export default getRequestConfig(async ({ requestLocale: explicit }) => {
  // A page may render in a given language (candidate pages: the interview's).
  const asked = await explicit;
  const locale = isLocale(asked) ? asked : await requestLocale();
  return {
    locale,
    messages: await getMessages(locale),
    timeZone: "UTC",
    formats: {
      dateTime: {
        short: { dateStyle: "medium" },
        long: { dateStyle: "medium", timeStyle: "short" },
      },
    },
    // Missing keys show the key instead of crashing a page; the parity test keeps them rare.
    onError: (error) => {
      if (error.code !== "MISSING_MESSAGE") console.error(error);
    },
    getMessageFallback: ({ namespace, key }) => [namespace, key].filter(Boolean).join("."),
  };
});

export { INTL_LOCALE, preferredLocale };
