import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import type { EventDetail } from "@/lib/server/events/get-event";
import { eventsHref } from "@/lib/schemas/events";
import { TimeStamp } from "./time-stamp";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-2.5 sm:grid-cols-[11rem_minmax(0,1fr)] sm:gap-4">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="min-w-0 text-sm break-words">{children}</dd>
    </div>
  );
}

const link = "font-medium text-brand-600 hover:text-brand-700";

/** Where the event sits: its ids, partition, times, producer and its links to related events. */
export function EventOverview({ detail }: { detail: EventDetail }) {
  const { event, causedBy } = detail;
  const service = typeof event.metadata.service === "string" ? event.metadata.service : null;
  const version = typeof event.metadata.version === "string" ? event.metadata.version : null;
  return (
    <Card>
      <CardHeader title="Details" />
      <dl className="-my-2.5 divide-y divide-slate-100">
        <Row label="Event id">
          <span className="font-mono break-all">{event.eventId}</span>
        </Row>
        <Row label="Sequence">
          <span className="font-mono">{event.seq}</span>
        </Row>
        <Row label="Topic">
          <Link href={eventsHref({ topic: event.topic })} className={link}>
            {event.topic}
          </Link>
        </Row>
        <Row label={`Partition key (${event.partitionKeyName})`}>
          <Link href={eventsHref({ partitionKey: event.partitionKey })} className={`${link} font-mono break-all`}>
            {event.partitionKey}
          </Link>
        </Row>
        <Row label="Happened">
          <TimeStamp date={event.timestamp} />
        </Row>
        <Row label="Handed to the runner">
          {event.relayedAt ? <TimeStamp date={event.relayedAt} /> : <span className="text-slate-600">not yet</span>}
        </Row>
        <Row label="Published by">
          {service ?? "—"}
          {version && <span className="text-slate-500"> · schema version {version}</span>}
        </Row>
        <Row label="Correlation id">
          {event.correlationId ? (
            <span className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
              <span className="font-mono break-all">{event.correlationId}</span>
              <Link href={eventsHref({ correlationId: event.correlationId })} className={link}>
                All events of this request
              </Link>
            </span>
          ) : (
            <span className="text-slate-600">none</span>
          )}
        </Row>
        <Row label="Caused by">
          {causedBy ? (
            causedBy.eventType ? (
              <Link href={`/events/${causedBy.eventId}`} className={link}>
                <span className="font-mono">{causedBy.eventType}</span>{" "}
                <span className="font-mono text-xs break-all text-slate-500">{causedBy.eventId}</span>
              </Link>
            ) : (
              <span className="font-mono break-all text-slate-600" title="That event is no longer stored, or is not yours">
                {causedBy.eventId}
              </span>
            )
          ) : (
            <span className="text-slate-600">no event: the app published it in response to a request</span>
          )}
        </Row>
      </dl>
    </Card>
  );
}
