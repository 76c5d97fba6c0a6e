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

/** An events row as raw SQL returns it (`seq` as text: JavaScript numbers cannot hold a bigint). */
export type EventSqlRow = {
  seq: string;
  event_id: string;
  event_type: string;
  partition_key: string;
  timestamp: Date;
  data: unknown;
  metadata: unknown;
};

export function fromEventSqlRow(row: Omit<EventSqlRow, "seq">): DomainEvent {
  return toDomainEvent({
    eventId: row.event_id,
    eventType: row.event_type,
    partitionKey: row.partition_key,
    timestamp: row.timestamp,
    data: row.data,
    metadata: row.metadata,
  });
}

/**
 * The oldest events not yet handed to an engine (the runner's dispatcher, or the Inngest relay),
 * in seq order. Ordered by events.seq, not by the text alias, which would put "10" before "9".
 */
export function selectUnrelayed(
  conn: { query: <T>(sql: string, params?: unknown[]) => Promise<T[]> },
  limit: number,
  { lock = false } = {},
): Promise<EventSqlRow[]> {
  return conn.query<EventSqlRow>(
    `SELECT seq::text AS seq, event_id, event_type, partition_key, timestamp, data, metadata
     FROM events WHERE relayed_at IS NULL ORDER BY events.seq LIMIT $1${lock ? " FOR UPDATE SKIP LOCKED" : ""}`,
    [limit],
  );
}
