import { useTranslations } from "next-intl";

/** Pretty-printed JSON that scrolls inside itself instead of widening the page. */
export function JsonBlock({ value, label, maxChars = 20_000 }: { value: unknown; label: string; maxChars?: number }) {
  const t = useTranslations("events.detail");
  const text = JSON.stringify(value, null, 2) ?? "null";
  const shown = text.length > maxChars ? `${text.slice(0, maxChars)}\n${t("moreCharacters", { count: text.length - maxChars })}` : text;
  return (
    <pre
      aria-label={label}
      tabIndex={0}
      className="max-h-[32rem] max-w-full overflow-auto rounded-lg bg-slate-900 p-4 font-mono text-xs leading-relaxed text-slate-100"
    >
      <code>{shown}</code>
    </pre>
  );
}
