import Link from "next/link";
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
  return (
    <Card className="p-0">
      <ol className="divide-y divide-slate-200" aria-label="Events" data-testid="event-list">
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
                  <FilterLink filters={filters} set={{ partitionKey: e.partitionKey }} label={`Only events with ${e.partitionKeyName} ${e.partitionKey}`}>
                    {shortId(e.partitionKey)}
                  </FilterLink>
                </span>
                {e.correlationId && (
                  <span>
                    correlation{" "}
                    <FilterLink filters={filters} set={{ correlationId: e.correlationId }} label={`Only events with correlation id ${e.correlationId}`}>
                      {shortId(e.correlationId)}
                    </FilterLink>
                  </span>
                )}
                {e.causationId && <span title={`Caused by event ${e.causationId}`}>caused by {shortId(e.causationId)}</span>}
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
    <nav aria-label="Pages" className="flex items-center justify-between gap-3">
      {link(Boolean(newer), eventsHref(filters, newer ? { after: newer } : undefined), "prev", "← Newer")}
      {newer && (
        <Link href={eventsHref(filters)} className="text-sm font-medium text-brand-600 hover:text-brand-700">
          Newest
        </Link>
      )}
      {link(Boolean(older), eventsHref(filters, older ? { before: older } : undefined), "next", "Older →")}
    </nav>
  );
}

/** No events at all yet, none matching the filters, or a page past the end. */
export function EventsEmpty({ filtered, paged }: { filtered: boolean; paged: boolean }) {
  if (filtered || paged) {
    return (
      <Card>
        <h2 className="font-semibold">{filtered ? "No events match these filters" : "No more events this way"}</h2>
        <p className="mt-1 text-sm text-slate-600">
          {filtered ? "Widen the time range or remove a filter. " : ""}
          <Link href="/events" className="font-medium text-brand-600 hover:text-brand-700">
            {filtered ? "Clear all filters" : "Back to the newest events"}
          </Link>
        </p>
      </Card>
    );
  }
  return (
    <Card>
      <h2 className="font-semibold">No events yet</h2>
      <div className="mt-1 max-w-prose space-y-2 text-sm text-slate-600">
        <p>
          An event is a record of something that happened in your workspace: you signed in, changed your profile,
          published an interview, a candidate submitted an answer. Each one is stored the moment it happens and then
          handed to the background functions that react to it, such as sending a notification or analysing a video.
        </p>
        <p>They appear here as you use the app, with what every function did with them.</p>
      </div>
    </Card>
  );
}
