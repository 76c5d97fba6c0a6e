// The connection to Inngest (event key, signing key, Dev Server URL), built from the typed env,
// and the catalog's events typed for Inngest: an Inngest event is one domain event, `name` =
// eventType, `id` = eventId (Inngest de-duplicates on it), `data` = the whole standard envelope
// (so consumers see partition key and metadata too). It lives in the engine because the relay
// sends through it; `inngest/client.ts` re-exports it for the function definitions.
import { EventType as InngestEventType, Inngest, eventType, type StandardSchemaV1 } from "inngest";
import { eventSchema, eventTypes, type DomainEvent, type EventType } from "@/lib/events/catalog";
import { env, inngestEnabled } from "@/lib/env";
import { partitionKeyExpression } from "./functions";

function devServerUrl(value: string | undefined): string | undefined {
  if (!value || !/^https?:\/\//i.test(value)) return undefined;
  return value;
}

/** The app id Inngest knows the web app by; a worker host serves its own app (see placement). */
export const INNGEST_APP_ID = "intervue";

export function createInngestClient(id: string = INNGEST_APP_ID): Inngest {
  return new Inngest({
    id,
    // Passed explicitly: lib/env.ts is the one reader of process.env.
    eventKey: env.INNGEST_EVENT_KEY,
    signingKey: env.INNGEST_SIGNING_KEY,
    isDev: inngestEnabled(env) && !env.INNGEST_EVENT_KEY,
    baseUrl: env.INNGEST_BASE_URL ?? devServerUrl(env.INNGEST_DEV),
  });
}

export const inngest = createInngestClient();

/** The Inngest form of a stored domain event: `name` = eventType, `id` = eventId, `data` = the envelope. */
export function toInngestEvent(event: DomainEvent) {
  return {
    name: event.eventType,
    id: event.eventId,
    ts: Date.parse(event.timestamp),
    v: event.metadata.version,
    data: event,
  };
}

export type TypedEvents = { [T in EventType]: InngestEventType<T, StandardSchemaV1<DomainEvent<T>>> };

export const events = Object.fromEntries(
  eventTypes.map((type) => [type, eventType(type, { schema: eventSchema(type) as StandardSchemaV1<DomainEvent> })]),
) as unknown as TypedEvents;

type Triggers<T extends readonly EventType[]> = { -readonly [K in keyof T]: TypedEvents[T[K]] };

/**
 * Triggers and per-partition ordering for a consumer of `types`: one run at a time per
 * partition key (Inngest's concurrency key; the embedded runner also keeps event order).
 */
export function subscribe<const T extends readonly EventType[]>(...types: T) {
  return {
    triggers: types.map((type) => events[type]) as unknown as Triggers<T>,
    // An array so that a consumer can add a function-wide limit:
    // `concurrency: [...sub.concurrency, { limit: 2 }]` (see docs/writing-a-consumer.md).
    concurrency: [{ limit: 1, key: partitionKeyExpression(types) }] as [{ limit: number; key: string }],
  };
}
