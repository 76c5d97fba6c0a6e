"use server";

import { headers } from "next/headers";
import { env } from "@/lib/env";
import { isLocale } from "@/lib/i18n/config";
import { rememberLocale } from "@/lib/i18n/locale-cookie";
import { isSameOriginRequest } from "@/lib/same-origin";

/**
 * The language switch of the sign-in and sign-up pages (a form posting `locale`): sets the
 * NEXT_LOCALE cookie to "en" or "ru", nothing else. Setting a cookie in an action re-renders
 * the page, so it shows in the new language, with or without JavaScript. Refused (nothing
 * set) when the request came from another site: Next.js and proxy.ts check Server Actions'
 * Origin already, this is the same check once more where the cookie is written.
 */
export async function setVisitorLocaleAction(form: FormData): Promise<void> {
  // Anyone can call an action with any arguments (a JSON list, null, a string): only a form is one.
  if (!(form instanceof FormData)) return;
  const locale = form.get("locale");
  if (!isLocale(locale)) return;
  const request = new Request(env.APP_URL, { method: "POST", headers: await headers() });
  if (!isSameOriginRequest(request)) return;
  await rememberLocale(locale);
}
