import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { ActivityItem } from "@/lib/server/dashboard/get-dashboard-overview";

/**
 * The account's latest events in words, newest first, each linking to the event in the
 * explorer. Sentences live in the "dashboard" namespace under activity.<event type> (the
 * type's dot makes it a nested key); a type without one reads as "activity.other".
 */
export function ActivityList({ items, now }: { items: ActivityItem[]; now: Date }) {
  const t = useTranslations("dashboard.activity");
  const format = useFormatter();
  if (items.length === 0) return <p className="px-5 pt-1 pb-5 text-sm text-slate-600">{t("empty")}</p>;
  return (
    <ol className="mt-3 divide-y divide-slate-200" aria-labelledby="activity-heading">
      {items.map((item) => {
        const key = `types.${item.eventType}`;
        const sentence = t.has(key)
          ? t(key, item.values)
          : t("other", { eventType: item.eventType });
        const at = new Date(item.timestamp);
        return (
          <li key={item.eventId} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-5 py-3 text-sm">
            <Link href={`/events/${item.eventId}`} className="min-w-0 break-words text-slate-900 hover:text-brand-700 hover:underline">
              {sentence}
            </Link>
            <time dateTime={item.timestamp} title={format.dateTime(at, "long")} className="shrink-0 text-slate-500">
              {format.relativeTime(at, now)}
            </time>
          </li>
        );
      })}
    </ol>
  );
}
