// What the events explorer shows of events and deliveries, and the raw rows it reads them from.
// Queries select bigints as text: PGlite would hand them back as lossy JS numbers.

export const deliveryStatuses = ["queued", "running", "sleeping", "waiting", "completed", "dead"] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** How many of an event's deliveries are in each status (statuses with none are left out). */
export type DeliverySummary = Partial<Record<DeliveryStatus, number>>;

/** A parameterised SQL statement, so the benchmark can EXPLAIN exactly what a use case runs. */
export type SqlQuery = { text: string; values: unknown[] };

export type PartitionKeyName = "userId" | "sessionId";

export type EventListItem = {
  seq: string;
  eventId: string;
  eventType: string;
  topic: string;
  partitionKeyName: PartitionKeyName;
  partitionKey: string;
  timestamp: Date;
  correlationId: string | null;
  causationId: string | null;
  deliveries: DeliverySummary;
};

export type AttemptView = {
  attempt: number;
  workerId: string;
  startedAt: Date;
  finishedAt: Date | null;
  /** completed | failed | suspended | released | lost; null while running. */
  outcome: string | null;
  error: string | null;
  durationMs: number | null;
};

export type StepView = {
  stepId: string;
  kind: string;
  result: unknown;
  createdAt: Date;
};

export type DeliveryView = {
  id: string;
  functionId: string;
  status: DeliveryStatus;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  durationMs: number;
  runAt: Date;
  firstStartedAt: Date | null;
  finishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  waitFor: unknown;
  output: unknown;
  /** The most recent executions, oldest first. */
  attemptsLog: AttemptView[];
  /** Older executions left out of attemptsLog. */
  attemptsOmitted: number;
  steps: StepView[];
};

export type EventLink = { eventId: string; eventType: string; timestamp: Date };

export type CausationNode = EventLink & { depth: number; children: CausationNode[] };

export function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

export function toDateOrNull(value: Date | string | null | undefined): Date | null {
  return value == null ? null : toDate(value);
}

export function isDeliveryStatus(value: unknown): value is DeliveryStatus {
  return typeof value === "string" && (deliveryStatuses as readonly string[]).includes(value);
}

/** The per-status counts of a row's JSON aggregate, unknown statuses ignored. */
export function toDeliverySummary(value: unknown): DeliverySummary {
  const out: DeliverySummary = {};
  if (typeof value !== "object" || value === null) return out;
  for (const [status, n] of Object.entries(value)) {
    if (isDeliveryStatus(status) && typeof n === "number" && n > 0) out[status] = n;
  }
  return out;
}
