// The standard DomainEvent envelope shared by every event type.
import { z } from "zod";
import { isoDateTime, text, uuid } from "./fields";

export type PartitionKey = "userId" | "sessionId";

export const metadataSchema = z.strictObject({
  /** The publishing module, e.g. "users". */
  service: text(),
  /** Version of the event's data schema; consumers branch on it when a schema evolves. */
  version: text(),
  /** Ties together everything caused by one request. */
  correlationId: text().optional(),
  /** eventId of the event whose handler published this one. */
  causationId: uuid().optional(),
});
export type EventMetadata = z.output<typeof metadataSchema>;

/**
 * The envelope of one event type. Exactly one partition key is allowed, so an event cannot
 * be routed by one key in the outbox and by another in Inngest. The key is a UUID unless the
 * topic says otherwise (`key`).
 */
export function envelopeSchema<T extends string, D extends z.ZodType>(
  eventType: T,
  partitionKey: PartitionKey,
  data: D,
  key: z.ZodType<string> = uuid(),
) {
  return z.strictObject({
    eventId: uuid(),
    eventType: z.literal(eventType),
    timestamp: isoDateTime(),
    [partitionKey]: key,
    data,
    // Required although the seed marks it optional: service and schema version are what
    // the events explorer and future consumers need to interpret an old event.
    metadata: metadataSchema,
  });
}

/** Any well-formed envelope; used to report envelope errors when the event type is unknown. */
export const anyEnvelopeSchema = z.strictObject({
  eventId: uuid(),
  eventType: text(),
  timestamp: isoDateTime(),
  userId: uuid().optional(),
  sessionId: uuid().optional(),
  data: z.record(z.string(), z.unknown()),
  metadata: metadataSchema,
});
