// The one way an event enters the system: validated against the catalog and written to the
// outbox (the events table) inside the caller's transaction, so the event exists exactly when
// the state change it describes was committed.
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import { catalog, eventSchema, schemaVersion, type DomainEvent, type EventData, type EventIssue, type EventType, type PartitionKeyOf } from "./catalog";
import { toIssues } from "./issues";

export class InvalidEventError extends Error {
  constructor(
    readonly eventType: string,
    readonly issues: EventIssue[],
  ) {
    super(`invalid ${eventType} event: ${issues.map((i) => `${i.path || "(event)"}: ${i.message}`).join("; ")}`);
    this.name = "InvalidEventError";
  }
}

export type PublishInput<T extends EventType> = {
  eventType: T;
  data: EventData<T>;
  /** The request id (or the triggering event's correlationId, for consumers). */
  correlationId?: string;
  /** eventId of the event whose handler publishes this one. */
  causationId?: string;
  /** A fixed id (emit() derives one per function run and step, so a replay publishes nothing new). */
  eventId?: string;
} & { [K in PartitionKeyOf<T>]: string };

/** Builds and validates the standard envelope; throws InvalidEventError with every failing field. */
export function buildEvent<T extends EventType>(input: PublishInput<T>): DomainEvent<T> {
  const { eventType, data, correlationId, causationId, eventId } = input;
  const entry = catalog[eventType];
  const key = entry.partitionKey as PartitionKeyOf<T>;
  const candidate = {
    eventId: eventId ?? randomUUID(),
    eventType,
    timestamp: new Date().toISOString(),
    [key]: (input as Record<string, unknown>)[key],
    data,
    metadata: {
      service: entry.producer,
      version: schemaVersion,
      ...(correlationId ? { correlationId } : {}),
      ...(causationId ? { causationId } : {}),
    },
  };
  const parsed = eventSchema(eventType).safeParse(candidate);
  if (!parsed.success) throw new InvalidEventError(eventType, toIssues(parsed.error));
  return parsed.data;
}

/** Validates the event and stores it in the outbox within `tx`. Returns the stored event. */
export async function publish<T extends EventType>(tx: Tx, input: PublishInput<T>): Promise<DomainEvent<T>> {
  const event = buildEvent(input);
  const { topic, partitionKey } = catalog[event.eventType];
  const keyValue = (event as Record<string, unknown>)[partitionKey] as string;
  await tx.event.create({
    data: {
      eventId: event.eventId,
      eventType: event.eventType,
      topic,
      partitionKey: keyValue,
      userId: partitionKey === "userId" ? keyValue : null,
      sessionId: partitionKey === "sessionId" ? keyValue : null,
      ownerId: partitionKey === "userId" ? keyValue : await sessionOwner(tx, keyValue),
      timestamp: new Date(event.timestamp),
      data: event.data as object,
      metadata: event.metadata,
      correlationId: event.metadata.correlationId ?? null,
      causationId: event.metadata.causationId ?? null,
    },
  });
  return event;
}

// A candidate session's events belong to the HR account that owns the interview.
async function sessionOwner(tx: Tx, sessionId: string): Promise<string | null> {
  const session = await tx.candidateSession.findUnique({
    where: { id: sessionId },
    select: { interview: { select: { userId: true } } },
  });
  return session?.interview.userId ?? null;
}
