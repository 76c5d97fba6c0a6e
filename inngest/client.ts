// The Inngest client and its typed events, generated from the event catalog: an Inngest event
// is one domain event, `name` = eventType, `id` = eventId (Inngest de-duplicates on it),
// `data` = the whole standard envelope (so consumers see partition key and metadata too).
import { EventType as InngestEventType, eventType, type StandardSchemaV1 } from "inngest";
import { partitionKeyExpression } from "@/lib/engine/functions";
import { eventSchema, eventTypes, type DomainEvent, type EventType } from "@/lib/events/catalog";

export { inngest, toInngestEvent } from "@/lib/engine/inngest-client";

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
