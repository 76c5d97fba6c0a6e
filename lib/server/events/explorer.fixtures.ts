// Test data for the events explorer's tests: events through the real outbox (publish), and
// deliveries produced by the real embedded runner running a function made for the purpose.
import { randomUUID } from "node:crypto";
import type { InngestFunction } from "inngest";
import { onTestFinished } from "vitest";
import { getDb, getDbHandle } from "@/lib/db/client";
import { registerFunctions } from "@/lib/engine/dispatch";
import { describeFunction } from "@/lib/engine/functions";
import { inngest, subscribe } from "@/lib/engine/inngest-client";
import { EventRunner } from "@/lib/engine/runner";
import { publish, type PublishInput } from "@/lib/events/publish";
import type { EventType } from "@/lib/events/catalog";
import { waitFor } from "@/tests/wait-for";
import type { DeliveryStatus } from "./event-dto";

export type Published = { eventId: string; eventType: EventType; seq: bigint; partitionKey: string };

export async function publishEvent<T extends EventType>(input: PublishInput<T>): Promise<Published> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const event = await publish(tx, input);
    const row = await tx.event.findUniqueOrThrow({ where: { eventId: event.eventId } });
    return { eventId: row.eventId, eventType: input.eventType, seq: row.seq, partitionKey: row.partitionKey };
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

type Retries = NonNullable<InngestFunction.Options["retries"]>;

export type DeliverySpec = {
  /**
   * The status the delivery is left in:
   * - completed: the handler returns `output` (after failing with `errors`, one try each);
   * - dead: every try fails, try n with `errors[n]` (the function has errors.length - 1 retries);
   * - queued: dispatched and never run; with one error, its first try failed and the retry is an hour away;
   * - sleeping: on `step.sleep` for an hour; waiting: on `step.waitForEvent` for an hour;
   * - running: the handler is blocked until the test ends (the runner holds it, with its lease).
   */
  status: DeliveryStatus;
  /** The start of the function's id, which gets a unique suffix (deliveries are listed by function id). */
  name?: string;
  /** `step.run` steps the handler runs first, returning these results (memoised once run). */
  steps?: Array<{ stepId: string; result: unknown }>;
  /** Error messages thrown by successive tries (stored as "Error: <message>"). */
  errors?: string[];
  /** The function's retries (default: what `status` and `errors` need). */
  retries?: number;
  /** `step.sleep` executions (1 ms each) before the end: each suspends and resumes the delivery. */
  naps?: number;
  output?: unknown;
};

const quiet = { info() {}, warn() {}, error() {} };

/** The worker id of the runner these fixtures run. */
export const FIXTURE_WORKER_ID = "explorer-fixture";

/** Only the delivery this fixture inserts: every stored event counts as dispatched. */
async function markAllDispatched(): Promise<void> {
  const handle = await getDbHandle();
  await handle.query("UPDATE events SET relayed_at = now() WHERE relayed_at IS NULL");
}

/**
 * A delivery of `event` to a new function that behaves as `spec` asks, left in `spec.status` by
 * the embedded runner running it (attempts, attempt log, steps, errors and durations are the
 * runner's own). The delivery row is the one dispatch would create; nothing else is dispatched.
 * Resolves to the delivery as stored.
 */
export async function addDelivery(event: Published, spec: DeliverySpec) {
  const { status, errors = [], steps = [], naps = 0 } = spec;
  if (status === "dead" && errors.length === 0) throw new Error("a dead delivery needs the errors of its tries");
  if (status === "queued" && errors.length > 1) throw new Error("a queued delivery has failed at most once");
  const retries = spec.retries ?? (status === "dead" ? errors.length - 1 : status === "queued" ? 1 : Math.max(errors.length, 4));
  const functionId = `${spec.name ?? `fixture-${status}`}-${randomUUID().slice(0, 8)}`;

  let reachedEnd = false;
  let blocked: () => void = () => {};
  const entered = new Promise<void>((resolve) => (blocked = resolve));
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));

  const fn = inngest.createFunction(
    { id: functionId, retries: retries as Retries, ...subscribe(event.eventType) },
    async ({ step, attempt }) => {
      for (const s of steps) await step.run(s.stepId, () => s.result);
      for (let i = 0; i < naps; i++) await step.sleep("nap", "1ms");
      const error = errors[attempt] ?? (status === "dead" ? errors.at(-1) : undefined);
      if (error !== undefined) throw new Error(error);
      reachedEnd = true;
      if (status === "sleeping") await step.sleep("until-later", "1h");
      if (status === "waiting") {
        // Matched on the triggering event's own id: no other event can satisfy it.
        await step.waitForEvent("reply", { event: "user.deleted", match: "data.eventId", timeout: "1h" });
      }
      if (status === "running") {
        blocked();
        await gate;
      }
      return spec.output ?? null;
    },
  );
  const described = describeFunction(fn);

  const handle = await getDbHandle();
  await markAllDispatched();
  const [row] = await handle.query<{ id: string }>(
    `INSERT INTO deliveries (event_seq, event_id, function_id, partition_key, max_attempts)
     VALUES ($1::bigint, $2::uuid, $3, $4, $5) RETURNING id::text AS id`,
    [String(event.seq), event.eventId, functionId, event.partitionKey, described.maxAttempts],
  );
  const deliveryId = BigInt(row!.id);
  const db = await getDb();
  const stored = () => db.delivery.findUniqueOrThrow({ where: { id: deliveryId } });

  if (status === "queued" && errors.length === 0) {
    // Subscribed, as a runner registers it, but no runner runs it.
    await handle.transaction((conn) => registerFunctions(conn, [described], FIXTURE_WORKER_ID));
    return stored();
  }

  const runner = new EventRunner({
    functions: [described],
    workerId: FIXTURE_WORKER_ID,
    // A failed try is retried at once, except the one a queued delivery waits on.
    backoffMs: () => (status === "queued" ? 3_600_000 : 0),
    logger: quiet,
  });
  const what = `delivery ${deliveryId} of ${functionId} to be ${status}`;

  if (status === "running") {
    // drain() waits for the blocked handler; it is awaited when the test has finished.
    let draining: Promise<void> | null = null;
    await waitFor(
      async () => {
        draining ??= runner.drain({ timeoutMs: 30 * 60_000 }).finally(() => (draining = null));
        // Until the handler is blocked, or the drain ends early (a nap not due yet: drain again).
        const state = await Promise.race([entered.then(() => "blocked" as const), draining.then(() => "drained" as const)]);
        return state === "blocked";
      },
      { what },
    );
    const running = draining;
    onTestFinished(async () => {
      await markAllDispatched();
      release();
      await running;
    });
    return stored();
  }

  await waitFor(
    async () => {
      await runner.drain();
      const d = await stored();
      if (d.status !== status) return false;
      return status === "completed" || status === "dead" || (status === "queued" && d.attempts > 0) || reachedEnd;
    },
    { what },
  );
  return stored();
}
