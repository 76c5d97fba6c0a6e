import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { fieldErrorsOf } from "@/lib/errors";
import { canonicalEventsHref, eventFiltersSchema, eventsHref, filterParams, type EventFiltersInput } from "@/lib/schemas/events";
import { listEvents } from "@/lib/server/events/list-events";
import { Alert } from "@/components/ui/alert";
import { EventFilters } from "@/components/events/event-filters";
import { EventList, EventsEmpty, Pagination } from "@/components/events/event-list";

export const metadata: Metadata = { title: "Events" };

export default async function EventsPage({ searchParams }: { searchParams: Promise<EventFiltersInput> }) {
  const user = await requireUser("/events");
  const params = await searchParams;
  const values = filterParams(params);
  const canonical = canonicalEventsHref(params);
  if (canonical) redirect(canonical);
  const parsed = eventFiltersSchema.safeParse(params);
  const errors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const page = parsed.success ? await listEvents({ actor: user, filters: parsed.data }) : null;
  const badCursor = errors.before ?? errors.after;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Events</h1>
        <p className="mt-1 max-w-prose text-slate-600">
          What happened in your workspace and in your candidates’ sessions, newest first, and what each background
          function did with it.
        </p>
      </div>
      <EventFilters values={values} errors={errors} />
      {!parsed.success && (
        <Alert tone="error">
          {badCursor ? (
            <>
              {badCursor[0]}{" "}
              <Link href={eventsHref(values)} className="font-medium underline">
                Newest events
              </Link>
            </>
          ) : (
            "Some filters are not valid. Correct them and apply again."
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
