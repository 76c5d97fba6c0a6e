// Messages live in one JSON file per namespace and language (messages/<locale>/<namespace>.json),
// so that features own their strings. A namespace is added here once; the test beside this
// file checks that every language has the same keys.
import type { Locale } from "./config";

export const NAMESPACES = ["common", "nav", "auth", "dashboard", "settings", "events", "apiKeys", "apiDocs", "emails", "mailbox", "interviews", "usage", "candidates", "candidate", "deviceCheck", "recorder", "review", "compare", "reports", "webhooks", "retention"] as const;
export type Namespace = (typeof NAMESPACES)[number];

export type Messages = Record<string, unknown>;

const cache = new Map<Locale, Promise<Messages>>();

async function load(locale: Locale): Promise<Messages> {
  const entries = await Promise.all(
    NAMESPACES.map(async (ns) => [ns, (await import(`./messages/${locale}/${ns}.json`)).default] as const),
  );
  return Object.fromEntries(entries);
}

export function getMessages(locale: Locale): Promise<Messages> {
  let messages = cache.get(locale);
  if (!messages) {
    messages = load(locale);
    cache.set(locale, messages);
  }
  return messages;
}
