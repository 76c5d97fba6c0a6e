// The interview schema's and use cases' English messages (lib/schemas/interview.ts, API
// messages) shown in the dashboard's language: a message that is one of the English texts of
// "interviews.validation" is shown as that key's translation; else the shared
// "common.validation" list is tried (control characters, "Please correct the highlighted
// fields.", ...); anything else is shown as it came.
import { useTranslations } from "next-intl";
import en from "@/lib/i18n/messages/en/interviews.json";
import { useLocalizeMessage } from "@/lib/i18n/localize-message";

const keyByText = new Map<string, string>(Object.entries(en.validation).map(([key, text]) => [text, key]));

/** The "interviews.validation" key of a known English message. */
export function interviewMessageKey(message: string): string | undefined {
  return keyByText.get(message);
}

export function useLocalizeInterviewMessage(): (message: string) => string {
  const t = useTranslations("interviews.validation");
  const common = useLocalizeMessage();
  return (message) => {
    const key = keyByText.get(message);
    return key ? t(key) : common(message);
  };
}

/** Every message of every field, localized. */
export function localizeErrors(errors: Record<string, string[]>, localize: (m: string) => string): Record<string, string[]> {
  return Object.fromEntries(Object.entries(errors).map(([k, messages]) => [k, messages.map(localize)]));
}
