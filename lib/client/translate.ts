// The candidate pages' client components get their strings from the server as plain messages
// (one namespace, already in the interview's language): no i18n library in the browser, which
// keeps those pages within their JavaScript budget (docs/decisions/0011-candidate-pages-router.md).
// The messages they use have only "{name}" placeholders (no plurals): translate.test.ts checks it.

export type Messages = Record<string, string>;
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** t(key, values) over one namespace's messages; a missing key shows as "namespace.key", as next-intl does here. */
export function translator(messages: Messages, namespace: string): Translate {
  return (key, values) => {
    const message = messages[key];
    if (message === undefined) return `${namespace}.${key}`;
    return values ? message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole)) : message;
  };
}
