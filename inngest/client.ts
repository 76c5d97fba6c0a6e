// The Inngest client and its typed events, generated from the event catalog: an Inngest event
// is one domain event, `name` = eventType, `id` = eventId (Inngest de-duplicates on it),
// `data` = the whole standard envelope (so consumers see partition key and metadata too).
import { EventType as InngestEventType, Inngest, eventType, type StandardSchemaV1 } from "inngest";
import { catalog, eventSchema, eventTypes, type DomainEvent, type EventType } from "@/lib/events/catalog";
import { env, inngestEnabled } from "@/lib/env";

export type TypedEvents = { [T in EventType]: InngestEventType<T, StandardSchemaV1<DomainEvent<T>>> };

export const events = Object.fromEntries(
  eventTypes.map((type) => [type, eventType(type, { schema: eventSchema(type) as StandardSchemaV1<DomainEvent> })]),
) as unknown as TypedEvents;

function devServerUrl(value: string | undefined): string | undefined {
  if (!value || !/^https?:\/\//i.test(value)) return undefined;
  return value;
}

export const inngest = new Inngest({
  id: "intervue",
  // Passed explicitly: lib/env.ts is the one reader of process.env.
  eventKey: env.INNGEST_EVENT_KEY,
  signingKey: env.INNGEST_SIGNING_KEY,
  isDev: inngestEnabled(env) && !env.INNGEST_EVENT_KEY,
  baseUrl: env.INNGEST_BASE_URL ?? devServerUrl(env.INNGEST_DEV),
});

/** The Inngest form of a stored domain event. */
export function toInngestEvent(event: DomainEvent) {
  return {
    name: event.eventType,
    id: event.eventId,
    ts: Date.parse(event.timestamp),
    v: event.metadata.version,
    data: event,
  };
}

type Triggers<T extends readonly EventType[]> = { -readonly [K in keyof T]: TypedEvents[T[K]] };

/**
 * Triggers and per-partition ordering for a consumer of `types`: one run at a time per
 * partition key (Inngest's concurrency key; the embedded runner also keeps event order).
 */
export function subscribe<const T extends readonly EventType[]>(...types: T) {
  const keys = new Set(types.map((type) => catalog[type].partitionKey));
  const key =
    keys.size === 1
      ? `event.data.${[...keys][0]}`
      : "has(event.data.userId) ? event.data.userId : event.data.sessionId";
  return {
    triggers: types.map((type) => events[type]) as unknown as Triggers<T>,
    concurrency: { limit: 1, key },
  };
}
