// An events-table row back in the standard envelope (what consumers and the explorer show).
import { catalog, isEventType, type DomainEvent, type EventMetadata } from "./catalog";

export type StoredEventRow = {
  eventId: string;
  eventType: string;
  partitionKey: string;
  timestamp: Date | string;
  data: unknown;
  metadata: unknown;
};

export function toDomainEvent(row: StoredEventRow): DomainEvent {
  if (!isEventType(row.eventType)) throw new Error(`stored event ${row.eventId} has unknown type ${row.eventType}`);
  const key = catalog[row.eventType].partitionKey;
  return {
    eventId: row.eventId,
    eventType: row.eventType,
    timestamp: new Date(row.timestamp).toISOString(),
    [key]: row.partitionKey,
    data: row.data,
    metadata: row.metadata as EventMetadata,
  } as DomainEvent;
}
