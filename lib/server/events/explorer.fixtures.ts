// Test data for the events explorer's tests: events through the real outbox (publish), and
// deliveries written directly, as the runner would leave them.
import { getDb } from "@/lib/db/client";
import { publish, type PublishInput } from "@/lib/events/publish";
import type { EventType } from "@/lib/events/catalog";
import type { DeliveryStatus } from "./event-dto";

export type Published = { eventId: string; seq: bigint; partitionKey: string };

export async function publishEvent<T extends EventType>(input: PublishInput<T>): Promise<Published> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const event = await publish(tx, input);
    const row = await tx.event.findUniqueOrThrow({ where: { eventId: event.eventId } });
    return { eventId: row.eventId, seq: row.seq, partitionKey: row.partitionKey };
  });
}

/** A user.updated event of `userId` (any number of them can be published). */
export function profileChange(userId: string, fullName: string, extra: { correlationId?: string; causationId?: string } = {}) {
  return publishEvent({ eventType: "user.updated", userId, data: { changes: { fullName } }, ...extra });
}

/** An interview of `ownerId` and one candidate session in it: the session's events are the owner's. */
export async function createSession(ownerId: string): Promise<{ interviewId: string; sessionId: string }> {
  const db = await getDb();
  const interview = await db.interview.create({ data: { userId: ownerId, title: "Backend engineer" } });
  const session = await db.candidateSession.create({
    data: { interviewId: interview.id, candidateEmail: "candidate@example.com", candidateName: "Cand Idate" },
  });
  return { interviewId: interview.id, sessionId: session.id };
}

export function candidateStarted(sessionId: string, interviewId: string, extra: { correlationId?: string; causationId?: string } = {}) {
  return publishEvent({
    eventType: "candidate.started",
    sessionId,
    data: { interviewId, candidateEmail: "candidate@example.com", startedAt: new Date().toISOString(), userAgent: "test" },
    ...extra,
  });
}

export async function addDelivery(
  event: Published,
  {
    functionId,
    status,
    attempts = status === "queued" ? 0 : 1,
    maxAttempts = 5,
    lastError = null,
    durationMs = 0,
    log = [],
    steps = [],
  }: {
    functionId: string;
    status: DeliveryStatus;
    attempts?: number;
    maxAttempts?: number;
    lastError?: string | null;
    durationMs?: number;
    log?: Array<{ attempt: number; outcome: string | null; error?: string; durationMs?: number }>;
    steps?: Array<{ stepId: string; kind: string; result?: unknown }>;
  },
) {
  const db = await getDb();
  const finished = status === "completed" || status === "dead";
  return db.delivery.create({
    data: {
      eventSeq: event.seq,
      eventId: event.eventId,
      functionId,
      partitionKey: event.partitionKey,
      status,
      attempts,
      maxAttempts,
      lastError,
      durationMs,
      firstStartedAt: attempts > 0 ? new Date() : null,
      finishedAt: finished ? new Date() : null,
      lockedBy: status === "running" ? "worker-1" : null,
      leaseUntil: status === "running" ? new Date(Date.now() + 60_000) : null,
      attemptsLog: {
        create: log.map((a) => ({
          attempt: a.attempt,
          workerId: "worker-1",
          outcome: a.outcome,
          error: a.error ?? null,
          durationMs: a.durationMs ?? null,
          finishedAt: a.outcome ? new Date() : null,
        })),
      },
      steps: {
        create: steps.map((s) => ({ stepId: s.stepId, kind: s.kind, ...(s.result === undefined ? {} : { result: s.result as object }) })),
      },
    },
  });
}
