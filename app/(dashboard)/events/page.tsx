import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { fieldErrorsOf } from "@/lib/errors";
import { localizeFieldErrors } from "@/lib/i18n/localize-message";
import { canonicalEventsHref, eventFiltersSchema, eventsHref, filterParams, type EventFiltersInput } from "@/lib/schemas/events";
import { listEvents } from "@/lib/server/events/list-events";
import { Alert } from "@/components/ui/alert";
import { EventFilters } from "@/components/events/event-filters";
import { EventList, EventsEmpty, Pagination } from "@/components/events/event-list";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("events"))("metaTitle") };
}

export default async function EventsPage({ searchParams }: { searchParams: Promise<EventFiltersInput> }) {
  const user = await requireUser("/events");
  const params = await searchParams;
  const values = filterParams(params);
  const canonical = canonicalEventsHref(params);
  if (canonical) redirect(canonical);
  const parsed = eventFiltersSchema.safeParse(params);
  const [t, tValidation] = await Promise.all([getTranslations("events"), getTranslations("common.validation")]);
  const errors = parsed.success ? {} : localizeFieldErrors(fieldErrorsOf(parsed.error), (key) => tValidation(key));
  const page = parsed.success ? await listEvents({ actor: user, filters: parsed.data }) : null;
  const badCursor = errors.before ?? errors.after;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
        <p className="mt-1 max-w-prose text-slate-600">{t("intro")}</p>
      </div>
      <EventFilters values={values} errors={errors} />
      {!parsed.success && (
        <Alert tone="error">
          {badCursor ? (
            <>
              {badCursor[0]}{" "}
              <Link href={eventsHref(values)} className="font-medium underline">
                {t("newestEvents")}
              </Link>
            </>
          ) : (
            t("invalidFilters")
          )}
        </Alert>
      )}
      {page &&
        (page.events.length ? (
          <>
            <EventList events={page.events} filters={values} />
            <Pagination filters={values} newer={page.newer} older={page.older} />
          </>
        ) : (
          <EventsEmpty filtered={Object.keys(values).length > 0} paged={Boolean(params.before || params.after)} />
        ))}
    </div>
  );
}
