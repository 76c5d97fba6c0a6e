import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { EventListItem } from "@/lib/server/events/event-dto";
import { eventsHref, type EventFilterKey } from "@/lib/schemas/events";
import { DeliverySummaryChips } from "./delivery-status";
import { shortId } from "./format";
import { TimeStamp } from "./time-stamp";

type Filters = Partial<Record<EventFilterKey, string>>;

function FilterLink({ filters, set, label, children }: { filters: Filters; set: Filters; label: string; children: React.ReactNode }) {
  return (
    <Link
      href={eventsHref({ ...filters, ...set })}
      aria-label={label}
      title={label}
      className="font-mono text-slate-600 underline decoration-slate-300 underline-offset-2 hover:text-brand-700"
    >
      {children}
    </Link>
  );
}

/** The events of one page, newest first: one row each, stacking into a card on a phone. */
export function EventList({ events, filters }: { events: EventListItem[]; filters: Filters }) {
  const t = useTranslations("events.list");
  return (
    <Card className="p-0">
      <ol className="divide-y divide-slate-200" aria-label={t("label")} data-testid="event-list">
        {events.map((e) => (
          <li key={e.eventId} className="grid gap-x-4 gap-y-1.5 px-4 py-3 md:grid-cols-[minmax(0,1fr)_12rem_11rem] md:items-center sm:px-5">
            <div className="min-w-0 space-y-1">
              <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
                <Link href={`/events/${e.eventId}`} className="font-mono text-sm font-semibold text-brand-700 hover:text-brand-600 hover:underline">
                  {e.eventType}
                </Link>
                <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{e.topic}</span>
              </div>
              <p className="flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-500">
                <span>
                  {e.partitionKeyName}{" "}
                  <FilterLink filters={filters} set={{ partitionKey: e.partitionKey }} label={t("onlyPartition", { name: e.partitionKeyName, value: e.partitionKey })}>
                    {shortId(e.partitionKey)}
                  </FilterLink>
                </span>
                {e.correlationId && (
                  <span>
                    {t("correlation")}{" "}
                    <FilterLink filters={filters} set={{ correlationId: e.correlationId }} label={t("onlyCorrelation", { id: e.correlationId })}>
                      {shortId(e.correlationId)}
                    </FilterLink>
                  </span>
                )}
                {e.causationId && <span title={t("causedByTitle", { id: e.causationId })}>{t("causedBy", { id: shortId(e.causationId) })}</span>}
              </p>
            </div>
            <div className="text-sm">
              <TimeStamp date={e.timestamp} />
            </div>
            <div className="md:justify-self-end">
              <DeliverySummaryChips summary={e.deliveries} />
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}

export function Pagination({ filters, newer, older }: { filters: Filters; newer: string | null; older: string | null }) {
  const t = useTranslations("events.list");
  if (!newer && !older) return null;
  const link = (enabled: boolean, href: string, rel: "prev" | "next", text: string) =>
    enabled ? (
      <Link href={href} rel={rel} className={buttonClass("secondary")}>
        {text}
      </Link>
    ) : (
      <span aria-disabled className={cn(buttonClass("secondary"), "cursor-not-allowed opacity-50")}>
        {text}
      </span>
    );
  return (
    <nav aria-label={t("pages")} className="flex items-center justify-between gap-3">
      {link(Boolean(newer), eventsHref(filters, newer ? { after: newer } : undefined), "prev", t("newer"))}
      {newer && (
        <Link href={eventsHref(filters)} className="text-sm font-medium text-brand-600 hover:text-brand-700">
          {t("newest")}
        </Link>
      )}
      {link(Boolean(older), eventsHref(filters, older ? { before: older } : undefined), "next", t("older"))}
    </nav>
  );
}

/** No events at all yet, none matching the filters, or a page past the end. */
export function EventsEmpty({ filtered, paged }: { filtered: boolean; paged: boolean }) {
  const t = useTranslations("events.empty");
  if (filtered || paged) {
    return (
      <Card>
        <h2 className="font-semibold">{filtered ? t("noMatchTitle") : t("noMoreTitle")}</h2>
        <p className="mt-1 text-sm text-slate-600">
          {filtered && <>{t("widen")} </>}
          <Link href="/events" className="font-medium text-brand-600 hover:text-brand-700">
            {filtered ? t("clearAll") : t("backToNewest")}
          </Link>
        </p>
      </Card>
    );
  }
  return (
    <Card>
      <h2 className="font-semibold">{t("noneTitle")}</h2>
      <div className="mt-1 max-w-prose space-y-2 text-sm text-slate-600">
        <p>{t("noneWhat")}</p>
        <p>{t("noneWhen")}</p>
      </div>
    </Card>
  );
}
