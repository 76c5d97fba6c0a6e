import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { integrations } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { eventIdSchema } from "@/lib/schemas/events";
import { getEvent } from "@/lib/server/events/get-event";
import { Card, CardHeader } from "@/components/ui/card";
import { CausationTree } from "@/components/events/causation-tree";
import { DeliveryList } from "@/components/events/delivery-list";
import { EventOverview } from "@/components/events/event-overview";
import { JsonBlock } from "@/components/events/json-block";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("events"))("eventMetaTitle") };
}

export default async function EventPage({ params }: { params: Promise<{ eventId: string }> }) {
  const { eventId } = await params;
  if (!eventIdSchema.safeParse(eventId).success) notFound();
  const user = await requireUser(`/events/${eventId}`);
  const detail = await getEvent({ actor: user, eventId }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const { event } = detail;
  const t = await getTranslations("events.detail");
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link href="/events" className="text-sm font-medium text-brand-600 hover:text-brand-700">
          {t("allEvents")}
        </Link>
        <h1 className="font-mono text-xl font-bold tracking-tight break-all sm:text-2xl">{event.eventType}</h1>
        {event.description && <p className="max-w-prose text-slate-600">{event.description}</p>}
      </div>
      <EventOverview detail={detail} />
      <DeliveryList
        deliveries={detail.deliveries}
        consumers={event.consumers}
        relayed={Boolean(event.relayedAt)}
        engine={integrations.events}
      />
      <Card>
        <CardHeader title={t("causedTitle")} description={t("causedDescription")} />
        <CausationTree nodes={detail.caused} truncated={detail.causedTruncated} />
      </Card>
      <Card>
        <CardHeader title={t("jsonTitle")} description={t("jsonDescription")} />
        <JsonBlock value={event.envelope} label={t("jsonTitle")} />
      </Card>
    </div>
  );
}
