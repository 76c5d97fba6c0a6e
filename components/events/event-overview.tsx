import Link from "next/link";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("events.detail");
  const { event, causedBy } = detail;
  const service = typeof event.metadata.service === "string" ? event.metadata.service : null;
  const version = typeof event.metadata.version === "string" ? event.metadata.version : null;
  return (
    <Card>
      <CardHeader title={t("details")} />
      <dl className="-my-2.5 divide-y divide-slate-100">
        <Row label={t("eventId")}>
          <span className="font-mono break-all">{event.eventId}</span>
        </Row>
        <Row label={t("sequence")}>
          <span className="font-mono">{event.seq}</span>
        </Row>
        <Row label={t("topic")}>
          <Link href={eventsHref({ topic: event.topic })} className={link}>
            {event.topic}
          </Link>
        </Row>
        <Row label={t("partitionKey", { name: event.partitionKeyName })}>
          <Link href={eventsHref({ partitionKey: event.partitionKey })} className={`${link} font-mono break-all`}>
            {event.partitionKey}
          </Link>
        </Row>
        <Row label={t("happened")}>
          <TimeStamp date={event.timestamp} />
        </Row>
        <Row label={t("relayed")}>
          {event.relayedAt ? <TimeStamp date={event.relayedAt} /> : <span className="text-slate-600">{t("notYet")}</span>}
        </Row>
        <Row label={t("publishedBy")}>
          {service ?? "—"}
          {version && <span className="text-slate-500"> · {t("schemaVersion", { version })}</span>}
        </Row>
        <Row label={t("correlationId")}>
          {event.correlationId ? (
            <span className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
              <span className="font-mono break-all">{event.correlationId}</span>
              <Link href={eventsHref({ correlationId: event.correlationId })} className={link}>
                {t("allOfRequest")}
              </Link>
            </span>
          ) : (
            <span className="text-slate-600">{t("none")}</span>
          )}
        </Row>
        <Row label={t("causedBy")}>
          {causedBy ? (
            causedBy.eventType ? (
              <Link href={`/events/${causedBy.eventId}`} className={link}>
                <span className="font-mono">{causedBy.eventType}</span>{" "}
                <span className="font-mono text-xs break-all text-slate-500">{causedBy.eventId}</span>
              </Link>
            ) : (
              <span className="font-mono break-all text-slate-600" title={t("causeGone")}>
                {causedBy.eventId}
              </span>
            )
          ) : (
            <span className="text-slate-600">{t("noCause")}</span>
          )}
        </Row>
      </dl>
    </Card>
  );
}
