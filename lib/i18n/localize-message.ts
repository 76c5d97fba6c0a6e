// Messages the app's own schemas and use cases produce in English (API messages stay English)
// shown in a form in the page's language: a message is known when it is one of the English
// texts of "common.validation" (messages/en/common.json), and is then shown as that key's
// translation. Anything else (a message with values in it, a new one) is shown as it came.
import { useTranslations } from "next-intl";
import type { FieldErrors } from "@/lib/errors";
import en from "./messages/en/common.json";

/** A translator for the "common.validation" namespace. */
export type Translate = (key: string) => string;

const keyByText = new Map<string, string>(Object.entries(en.validation).map(([key, text]) => [text, key]));

/** The "common.validation" key of a known English message. */
export function knownMessageKey(message: string): string | undefined {
  return keyByText.get(message);
}

export function localizeMessage(message: string, t: Translate): string {
  const key = keyByText.get(message);
  return key ? t(key) : message;
}

export function localizeFieldErrors(errors: FieldErrors, t: Translate): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([field, messages]) => [field, messages.map((m) => localizeMessage(m, t))]));
}

/** For components (client, or server ones that are not async): `localize(message)`. */
export function useLocalizeMessage(): (message: string) => string {
  const t = useTranslations("common.validation");
  return (message) => localizeMessage(message, (key) => t(key));
}
