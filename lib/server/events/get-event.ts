import "server-only";
import { getDbHandle } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { catalog, isEventType } from "@/lib/events/catalog";
import { toDomainEvent } from "@/lib/events/stored";
import { eventIdSchema } from "@/lib/schemas/events";
import {
  isDeliveryStatus,
  toDate,
  toDateOrNull,
  type AttemptView,
  type CausationNode,
  type DeliveryView,
  type EventLink,
  type EventListItem,
  type PartitionKeyName,
  type SqlQuery,
  type StepView,
} from "./event-dto";

/** How deep the causation tree goes, and how many events it shows at most. */
export const CAUSATION_MAX_DEPTH = 10;
export const CAUSATION_MAX_NODES = 200;
/** Executions listed per delivery (the most recent ones). */
export const ATTEMPTS_SHOWN = 50;

export const NOT_FOUND_MESSAGE = "This event does not exist, or it is not one of yours.";

export type EventDetail = {
  event: Omit<EventListItem, "deliveries"> & {
    createdAt: Date;
    /** When the event was handed to its engine (runner dispatcher or Inngest relay). */
    relayedAt: Date | null;
    metadata: Record<string, unknown>;
    /** The event as consumers receive it: the standard envelope. */
    envelope: unknown;
    /** From the catalog, when the type is still in it. */
    description: string | null;
    consumers: readonly string[];
  };
  deliveries: DeliveryView[];
  /** The event whose handler published this one; `eventType` null when it is not visible. */
  causedBy: (Omit<EventLink, "eventType" | "timestamp"> & { eventType: string | null; timestamp: Date | null }) | null;
  /** Events this one caused, recursively. */
  caused: CausationNode[];
  /** The tree was cut at CAUSATION_MAX_DEPTH or CAUSATION_MAX_NODES. */
  causedTruncated: boolean;
};

type EventRow = {
  seq: string;
  eventId: string;
  eventType: string;
  topic: string;
  partitionKey: string;
  partitionKeyName: PartitionKeyName;
  timestamp: Date | string;
  data: unknown;
  metadata: unknown;
  correlationId: string | null;
  causationId: string | null;
  createdAt: Date | string;
  relayedAt: Date | string | null;
};

type LinkRow = { eventId: string; eventType: string; timestamp: Date | string };
type TreeRow = LinkRow & { causationId: string; seq: string; depth: number };

type JsonDate = string;
type DeliveryRow = {
  id: string;
  functionId: string;
  status: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  durationMs: number;
  runAt: Date | string;
  firstStartedAt: Date | string | null;
  finishedAt: Date | string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
  waitFor: unknown;
  output: unknown;
  attemptsCount: number;
  attemptsLog: Array<{
    attempt: number;
    workerId: string;
    startedAt: JsonDate;
    finishedAt: JsonDate | null;
    outcome: string | null;
    error: string | null;
    durationMs: number | null;
  }> | null;
  steps: Array<{ stepId: string; kind: string; result: unknown; createdAt: JsonDate }> | null;
};

/** The event itself, only if `ownerId` owns it (the unique event_id index). */
export function eventByIdQuery(ownerId: string, eventId: string): SqlQuery {
  return {
    text: `SELECT e.seq::text AS "seq", e.event_id::text AS "eventId", e.event_type AS "eventType", e.topic,
       e.partition_key AS "partitionKey",
       CASE WHEN e.session_id IS NULL THEN 'userId' ELSE 'sessionId' END AS "partitionKeyName",
       e.timestamp, e.data, e.metadata, e.correlation_id AS "correlationId", e.causation_id::text AS "causationId",
       e.created_at AS "createdAt", e.relayed_at AS "relayedAt"
FROM events e
WHERE e.event_id = $2::uuid AND e.owner_id = $1::uuid`,
    values: [ownerId, eventId],
  };
}

/** The parent link: the event that caused this one, if it is the owner's. */
export function causedByQuery(ownerId: string, causationId: string): SqlQuery {
  return {
    text: `SELECT e.event_id::text AS "eventId", e.event_type AS "eventType", e.timestamp
FROM events e
WHERE e.event_id = $2::uuid AND e.owner_id = $1::uuid`,
    values: [ownerId, causationId],
  };
}

/**
 * Everything the event caused, breadth first through the causation_id index, the owner's
 * events only. One level deeper and one node more than shown are fetched to tell whether the
 * tree was cut; with no ORDER BY, LIMIT stops the recursion early on a huge tree.
 */
export function causationTreeQuery(
  ownerId: string,
  eventId: string,
  maxDepth = CAUSATION_MAX_DEPTH,
  maxNodes = CAUSATION_MAX_NODES,
): SqlQuery {
  return {
    text: `WITH RECURSIVE tree AS (
  SELECT e.event_id, e.event_type, e.timestamp, e.causation_id, e.seq, 1 AS depth
  FROM events e
  WHERE e.causation_id = $2::uuid AND e.owner_id = $1::uuid
  UNION ALL
  SELECT c.event_id, c.event_type, c.timestamp, c.causation_id, c.seq, t.depth + 1
  FROM tree t
  JOIN events c ON c.causation_id = t.event_id
  WHERE t.depth <= $3::int AND c.owner_id = $1::uuid
)
SELECT t.event_id::text AS "eventId", t.event_type AS "eventType", t.timestamp,
       t.causation_id::text AS "causationId", t.seq::text AS "seq", t.depth
FROM tree t
LIMIT $4::int`,
    values: [ownerId, eventId, maxDepth, maxNodes + 1],
  };
}

/**
 * The event's deliveries with their most recent executions and their memoised steps
 * (deliveries_event_seq_idx, delivery_attempts (delivery_id, id), delivery_steps' primary key).
 */
export function eventDeliveriesQuery(eventSeq: string, attemptsShown = ATTEMPTS_SHOWN): SqlQuery {
  return {
    text: `SELECT d.id::text AS "id", d.function_id AS "functionId", d.status, d.attempts, d.max_attempts AS "maxAttempts",
       d.last_error AS "lastError", d.duration_ms AS "durationMs", d.run_at AS "runAt",
       d.first_started_at AS "firstStartedAt", d.finished_at AS "finishedAt",
       d.created_at AS "createdAt", d.updated_at AS "updatedAt", d.wait_for AS "waitFor", d.output,
       (SELECT count(*)::int FROM delivery_attempts a WHERE a.delivery_id = d.id) AS "attemptsCount",
       (SELECT json_agg(json_build_object(
                 'attempt', a.attempt, 'workerId', a.worker_id, 'startedAt', a.started_at,
                 'finishedAt', a.finished_at, 'outcome', a.outcome, 'error', a.error, 'durationMs', a.duration_ms
               ) ORDER BY a.id)
          FROM (SELECT * FROM delivery_attempts a WHERE a.delivery_id = d.id ORDER BY a.id DESC LIMIT $2::int) a
       ) AS "attemptsLog",
       (SELECT json_agg(json_build_object(
                 'stepId', s.step_id, 'kind', s.kind, 'result', s.result, 'createdAt', s.created_at
               ) ORDER BY s.created_at, s.step_id)
          FROM delivery_steps s WHERE s.delivery_id = d.id
       ) AS "steps"
FROM deliveries d
WHERE d.event_seq = $1::bigint
ORDER BY d.function_id`,
    values: [eventSeq, attemptsShown],
  };
}

/**
 * One of the signed-in HR account's events with its deliveries (attempt log and steps), the
 * event that caused it and the tree of events it caused. Someone else's event, or an id that
 * is not one, is NOT_FOUND: the explorer never tells whether another account's event exists.
 */
export async function getEvent({ actor, eventId }: { actor: { id: string }; eventId: string }): Promise<EventDetail> {
  if (!eventIdSchema.safeParse(eventId).success) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
  const db = await getDbHandle();
  const byId = eventByIdQuery(actor.id, eventId);
  const [row] = await db.query<EventRow>(byId.text, byId.values);
  if (!row) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);

  const deliveriesQ = eventDeliveriesQuery(row.seq);
  const treeQ = causationTreeQuery(actor.id, row.eventId);
  const parentQ = row.causationId ? causedByQuery(actor.id, row.causationId) : null;
  const [deliveryRows, treeRows, parentRows] = await Promise.all([
    db.query<DeliveryRow>(deliveriesQ.text, deliveriesQ.values),
    db.query<TreeRow>(treeQ.text, treeQ.values),
    parentQ ? db.query<LinkRow>(parentQ.text, parentQ.values) : Promise.resolve([]),
  ]);

  const parent = parentRows[0];
  const tree = buildTree(row.eventId, treeRows);
  const known = isEventType(row.eventType) ? catalog[row.eventType] : null;
  return {
    event: {
      seq: row.seq,
      eventId: row.eventId,
      eventType: row.eventType,
      topic: row.topic,
      partitionKeyName: row.partitionKeyName,
      partitionKey: row.partitionKey,
      timestamp: toDate(row.timestamp),
      createdAt: toDate(row.createdAt),
      relayedAt: toDateOrNull(row.relayedAt),
      correlationId: row.correlationId,
      causationId: row.causationId,
      metadata: isRecord(row.metadata) ? row.metadata : {},
      envelope: envelopeOf(row),
      description: known?.description ?? null,
      consumers: known?.consumers ?? [],
    },
    deliveries: deliveryRows.map(toDeliveryView),
    causedBy: row.causationId
      ? {
          eventId: row.causationId,
          eventType: parent?.eventType ?? null,
          timestamp: parent ? toDate(parent.timestamp) : null,
        }
      : null,
    caused: tree.roots,
    causedTruncated: tree.truncated,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// The standard envelope; a type since dropped from the catalog is still shown, as stored.
function envelopeOf(row: EventRow): unknown {
  if (isEventType(row.eventType)) return toDomainEvent(row);
  return {
    eventId: row.eventId,
    eventType: row.eventType,
    timestamp: toDate(row.timestamp).toISOString(),
    [row.partitionKeyName]: row.partitionKey,
    data: row.data,
    metadata: row.metadata,
  };
}

function buildTree(rootId: string, rows: TreeRow[]): { roots: CausationNode[]; truncated: boolean } {
  const shown = rows.slice(0, CAUSATION_MAX_NODES).filter((r) => r.depth <= CAUSATION_MAX_DEPTH);
  const truncated = shown.length < rows.length;
  const byParent = new Map<string, TreeRow[]>();
  for (const r of shown) {
    const siblings = byParent.get(r.causationId) ?? [];
    siblings.push(r);
    byParent.set(r.causationId, siblings);
  }
  // Each node is built once, so even a cycle in bad data cannot recurse forever.
  const seen = new Set<string>([rootId]);
  const build = (parentId: string): CausationNode[] => {
    const children = (byParent.get(parentId) ?? []).filter((r) => !seen.has(r.eventId));
    children.forEach((r) => seen.add(r.eventId));
    return children
      .sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1))
      .map((r) => ({
        eventId: r.eventId,
        eventType: r.eventType,
        timestamp: toDate(r.timestamp),
        depth: r.depth,
        children: build(r.eventId),
      }));
  };
  return { roots: build(rootId), truncated };
}

function toDeliveryView(r: DeliveryRow): DeliveryView {
  const attemptsLog: AttemptView[] = (r.attemptsLog ?? []).map((a) => ({
    attempt: a.attempt,
    workerId: a.workerId,
    startedAt: toDate(a.startedAt),
    finishedAt: toDateOrNull(a.finishedAt),
    outcome: a.outcome,
    error: a.error,
    durationMs: a.durationMs,
  }));
  const steps: StepView[] = (r.steps ?? []).map((s) => ({
    stepId: s.stepId,
    kind: s.kind,
    result: s.result,
    createdAt: toDate(s.createdAt),
  }));
  return {
    id: r.id,
    functionId: r.functionId,
    // The CHECK constraint allows nothing else; a surprise is shown as queued rather than crashing.
    status: isDeliveryStatus(r.status) ? r.status : "queued",
    attempts: r.attempts,
    maxAttempts: r.maxAttempts,
    lastError: r.lastError,
    durationMs: r.durationMs,
    runAt: toDate(r.runAt),
    firstStartedAt: toDateOrNull(r.firstStartedAt),
    finishedAt: toDateOrNull(r.finishedAt),
    createdAt: toDate(r.createdAt),
    updatedAt: toDate(r.updatedAt),
    waitFor: r.waitFor,
    output: r.output,
    attemptsLog,
    attemptsOmitted: Math.max(0, r.attemptsCount - attemptsLog.length),
    steps,
  };
}
