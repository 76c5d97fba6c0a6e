// The events explorer's input: the list page's search params (its GET filter form and its
// pagination links) and the retry action. One schema for the page and the use cases.
import { z } from "zod";
import { text } from "./text";
import { eventTypes, topics, type EventType, type Topic } from "@/lib/events/catalog";

/** Events per page of the explorer. */
export const EVENT_PAGE_SIZE = 50;

/** The search params the explorer understands, in the order the filter form shows them. */
export const EVENT_FILTER_KEYS = ["eventType", "topic", "partitionKey", "correlationId", "from", "to"] as const;
export type EventFilterKey = (typeof EVENT_FILTER_KEYS)[number];
export const EVENT_CURSOR_KEYS = ["before", "after"] as const;

export const topicNames = Object.keys(topics) as Topic[];

const DATE_HINT = "Enter a date and time such as 2026-11-28T14:30 (UTC).";
// What <input type="datetime-local"> sends (read as UTC), or a plain date.
const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;
const ISO_WITH_ZONE = z.iso.datetime({ offset: true });

/**
 * A point in time from a filter field: a datetime-local value or a date (both UTC), or ISO
 * 8601 with a zone. A bare date means the start of that day for "from", its end for "to".
 */
export function parseInstant(value: string, edge: "start" | "end"): Date | null {
  const m = LOCAL_DATETIME.exec(value);
  if (m) {
    const [, y, mo, d, h, mi, s, ms] = m;
    const dateOnly = h === undefined;
    const parts = [Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), Number((ms ?? "0").padEnd(3, "0"))] as const;
    const date = new Date(Date.UTC(...parts));
    // Date.UTC rolls 2026-02-31 over to March: a value that does not come back unchanged is not a real date.
    if (
      date.getUTCFullYear() !== parts[0] ||
      date.getUTCMonth() !== parts[1] ||
      date.getUTCDate() !== parts[2] ||
      date.getUTCHours() !== parts[3] ||
      date.getUTCMinutes() !== parts[4] ||
      date.getUTCSeconds() !== parts[5]
    ) {
      return null;
    }
    return dateOnly && edge === "end" ? new Date(date.getTime() + 86_400_000 - 1) : date;
  }
  if (ISO_WITH_ZONE.safeParse(value).success) {
    const date = new Date(value);
    // Years 1..9999 once in UTC: PostgreSQL cannot read the toISOString() of year 0000 or 10000.
    const year = date.getUTCFullYear();
    return Number.isNaN(date.getTime()) || year < 1 || year > 9999 ? null : date;
  }
  return null;
}

/** A search param as one trimmed string; an empty field is no filter. */
function param<T extends z.ZodType>(inner: T) {
  return z.preprocess((v) => {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first !== "string") return undefined;
    const trimmed = first.trim();
    return trimmed === "" ? undefined : trimmed;
  }, inner.optional());
}

function instant(edge: "start" | "end") {
  return z.string().transform((value, ctx) => {
    const date = parseInstant(value, edge);
    if (!date) {
      ctx.addIssue({ code: "custom", message: DATE_HINT });
      return z.NEVER;
    }
    return date;
  });
}

// A cursor is an event's sequence number; 18 digits stay within PostgreSQL's bigint.
const cursor = z.string().regex(/^[1-9]\d{0,17}$/, "That page link is not valid. Start again from the newest events.");

export const eventFiltersSchema = z
  .object({
    eventType: param(z.enum(eventTypes as [EventType, ...EventType[]], { error: "Choose an event type from the list." })),
    topic: param(z.enum(topicNames as [Topic, ...Topic[]], { error: "Choose a topic from the list." })),
    partitionKey: param(z.uuid({ error: "A partition key is a user id or a candidate session id (a UUID)." })),
    correlationId: param(text().max(200, "A correlation id is at most 200 characters.")),
    from: param(instant("start")),
    to: param(instant("end")),
    before: param(cursor),
    after: param(cursor),
  })
  .superRefine((f, ctx) => {
    if (f.from && f.to && f.from > f.to) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "“To” must not be earlier than “From”." });
    }
    if (f.before && f.after) {
      ctx.addIssue({ code: "custom", path: ["before"], message: "That page link is not valid. Start again from the newest events." });
    }
  });

/** Search params as Next.js gives them to a page, or any object of strings. */
export type EventFiltersInput = Record<string, string | string[] | undefined>;
export type EventFilters = z.output<typeof eventFiltersSchema>;

/**
 * The explorer's own params from a request, as single trimmed strings (what the form shows
 * and the pagination links carry on), unknown keys and empty fields dropped.
 */
export function filterParams(input: EventFiltersInput): Partial<Record<EventFilterKey, string>> {
  const out: Partial<Record<EventFilterKey, string>> = {};
  for (const key of EVENT_FILTER_KEYS) {
    const raw = input[key];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (value) out[key] = value;
  }
  return out;
}

/** The explorer's URL for these filters, optionally at a page cursor. */
export function eventsHref(
  filters: Partial<Record<EventFilterKey, string>>,
  cursor?: { before: string } | { after: string },
): string {
  const params = new URLSearchParams();
  for (const key of EVENT_FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (cursor && "before" in cursor) params.set("before", cursor.before);
  if (cursor && "after" in cursor) params.set("after", cursor.after);
  const query = params.toString();
  return query ? `/events?${query}` : "/events";
}

/**
 * The address without the blank fields a GET form also submits (`?eventType=x&topic=&…`), to
 * redirect to; null when the address is fine as it is.
 */
export function canonicalEventsHref(input: EventFiltersInput): string | null {
  const values = Object.values(input).flatMap((v) => (v === undefined ? [] : [v].flat()));
  if (!values.some((v) => !v.trim())) return null;
  const first = (v: string | string[] | undefined) => [v ?? []].flat()[0]?.trim();
  const before = first(input.before);
  const after = first(input.after);
  return eventsHref(filterParams(input), before ? { before } : after ? { after } : undefined);
}

/** An event id from a URL: anything but a UUID is a 404. */
export const eventIdSchema = z.uuid();

export const retryDeliverySchema = z.object({
  deliveryId: z.string({ error: "Which delivery?" }).regex(/^[1-9]\d{0,17}$/, "That delivery does not exist."),
});
export type RetryDeliveryInput = z.input<typeof retryDeliverySchema>;
