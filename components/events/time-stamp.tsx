import { useLocale, useTranslations } from "next-intl";
import { toLocale } from "@/lib/i18n/config";
import { formatAbsolute, formatRelative } from "./format";

/** A time as "5 minutes ago", with the exact UTC time next to it (or only on hover, when compact). */
export function TimeStamp({ date, compact = false }: { date: Date; compact?: boolean }) {
  const locale = toLocale(useLocale());
  const t = useTranslations("events");
  const exact = formatAbsolute(date, locale);
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-1.5">
      <time dateTime={date.toISOString()} title={exact} className="text-slate-900">
        {formatRelative(date, { locale, justNow: t("justNow") })}
      </time>
      {!compact && <span className="text-xs text-slate-500">{exact}</span>}
    </span>
  );
}
