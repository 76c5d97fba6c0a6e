import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { NonRetriableError, RetryAfterError } from "inngest";
import { getDb, getDbHandle } from "@/lib/db/client";
import { inngest, subscribe } from "./inngest-client";
import { retryDelivery } from "@/lib/server/events/retry-delivery";
import { emit as emitFromFunction } from "./emit";
import { describeFunction } from "./functions";
import { EventRunner, type RunnerOptions } from "./runner";
import { parseWaitIf } from "./step-tools";
import { waitFor } from "@/tests/wait-for";
import { interviewCreated as createdInterview, storeEvent as emit } from "@/tests/events";

const runners: EventRunner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
});

function runner(fns: Parameters<typeof describeFunction>[0][], opts: Partial<RunnerOptions> = {}) {
  const r = new EventRunner({ functions: fns.map(describeFunction), backoffMs: () => 20, pollMs: 50, logger: quiet, ...opts });
  runners.push(r);
  return r;
}
const quiet = { info() {}, warn() {}, error() {} };


const interviewCreated = (userId: string, title?: string) => createdInterview(userId, title, "req-test");

async function deliveriesOf(functionId: string) {
  const handle = await getDbHandle();
  return handle.query<{ id: string; event_id: string; status: string; attempts: number; last_error: string | null; partition_key: string }>(
    `SELECT id::text AS id, event_id, status, attempts, last_error, partition_key FROM deliveries
     WHERE function_id = $1 ORDER BY event_seq`,
    [functionId],
  );
}

async function attemptsOf(deliveryId: string) {
  const handle = await getDbHandle();
  return handle.query<{ attempt: number; outcome: string; error: string | null }>(
    `SELECT attempt, outcome, error FROM delivery_attempts WHERE delivery_id = $1 ORDER BY id`,
    [deliveryId],
  );
}

/** Until `check` holds (draining `r` before each look, when given); fails naming `what` at the deadline. */
function until(what: string, check: () => Promise<boolean>, r?: EventRunner, timeoutMs = 10_000) {
  return waitFor(
    async () => {
      await r?.drain();
      return check();
    },
    { what, timeoutMs },
  );
}

const id = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

describe("embedded runner", () => {
  it("delivers each event once to every subscribed function, and to no other", async () => {
    const seen: string[] = [];
    const fnId = id("count");
    const fn = inngest.createFunction({ id: fnId, ...subscribe("interview.created") }, async ({ event }) => {
      seen.push(event.data.eventId);
      return { title: event.data.data.title };
    });
    const userId = randomUUID();
    const a = await interviewCreated(userId, "A");
    await emit({ eventType: "user.created", userId, data: { keycloakId: null, email: "x@example.com", fullName: "X", createdAt: new Date().toISOString() } });
    const b = await interviewCreated(userId, "B");
    const r = runner([fn]);
    await r.drain();
    await r.drain();
    expect(seen).toEqual([a.eventId, b.eventId]);
    const rows = await deliveriesOf(fnId);
    expect(rows.map((d) => [d.event_id, d.status, d.attempts])).toEqual([
      [a.eventId, "completed", 1],
      [b.eventId, "completed", 1],
    ]);
    const db = await getDb();
    const stored = await db.delivery.findFirstOrThrow({ where: { eventId: a.eventId, functionId: fnId } });
    expect(stored.output).toEqual({ title: "A" });
    const event = await db.event.findUniqueOrThrow({ where: { eventId: a.eventId } });
    expect(event.relayedAt).not.toBeNull();
  });

  it("retries a failing function without repeating finished steps: one effect, three attempts", async () => {
    let effects = 0;
    let calls = 0;
    const fnId = id("flaky");
    const fn = inngest.createFunction({ id: fnId, retries: 4, ...subscribe("interview.created") }, async ({ step }) => {
      await step.run("effect", () => ++effects);
      await step.run("flaky", () => {
        calls++;
        if (calls <= 2) throw new Error(`boom ${calls}`);
        return "ok";
      });
    });
    await interviewCreated(randomUUID());
    const r = runner([fn]);
    await until("the flaky delivery to complete", async () => (await deliveriesOf(fnId))[0]?.status === "completed", r);
    expect(effects).toBe(1);
    expect(calls).toBe(3);
    const [d] = await deliveriesOf(fnId);
    // Tries are counted per step: "flaky" succeeded on its third; that ends the execution (as a
    // step's request on Inngest), and the handler resumes at once for the next step, its try 1.
    expect(d!.attempts).toBe(1);
    expect(await attemptsOf(d!.id)).toEqual([
      { attempt: 1, outcome: "failed", error: "Error: boom 1" },
      { attempt: 2, outcome: "failed", error: "Error: boom 2" },
      { attempt: 3, outcome: "suspended", error: null },
      { attempt: 1, outcome: "completed", error: null },
    ]);
  });

  it("ends dead after the function's retries, and runs again when retried from the explorer", async () => {
    let healthy = false;
    let runs = 0;
    const fnId = id("always-fails");
    const fn = inngest.createFunction({ id: fnId, retries: 2, ...subscribe("interview.created") }, async () => {
      runs++;
      if (!healthy) throw new Error("downstream is down");
      return "recovered";
    });
    const owner = randomUUID();
    await interviewCreated(owner);
    const r = runner([fn]);
    await until("the delivery to be dead", async () => (await deliveriesOf(fnId))[0]?.status === "dead", r);
    const [dead] = await deliveriesOf(fnId);
    expect(dead).toMatchObject({ attempts: 3, last_error: "Error: downstream is down" });
    expect(runs).toBe(3);
    await r.drain();
    expect(runs).toBe(3);

    healthy = true;
    expect(await retryDelivery({ actor: { id: owner }, deliveryId: dead!.id })).toMatchObject({ maxAttempts: 6 });
    await r.drain();
    expect((await deliveriesOf(fnId))[0]).toMatchObject({ status: "completed", attempts: 4 });
    expect(runs).toBe(4);
  });

  it("retries a RetryAfterError after the seconds it asks for", async () => {
    const fnId = id("retry-after");
    const fn = inngest.createFunction({ id: fnId, retries: 2, ...subscribe("interview.created") }, async () => {
      throw new RetryAfterError("rate limited", 30_000); // ms; Inngest stores it as seconds ("30")
    });
    await interviewCreated(randomUUID());
    const before = Date.now();
    await runner([fn]).drain();
    const db = await getDb();
    const d = await db.delivery.findFirstOrThrow({ where: { functionId: fnId } });
    expect(d).toMatchObject({ status: "queued", attempts: 1 });
    expect(d.runAt.getTime() - before).toBeGreaterThan(25_000);
    expect(d.runAt.getTime() - before).toBeLessThan(40_000);
  });

  it("does not retry a NonRetriableError", async () => {
    const fnId = id("non-retriable");
    const fn = inngest.createFunction({ id: fnId, retries: 5, ...subscribe("interview.created") }, async () => {
      throw new NonRetriableError("bad input");
    });
    await interviewCreated(randomUUID());
    await runner([fn]).drain();
    expect((await deliveriesOf(fnId))[0]).toMatchObject({ status: "dead", attempts: 1, last_error: "NonRetriableError: bad input" });
  });

  it("keeps event order within a partition key, also across retries, while other keys go on", async () => {
    const order: string[] = [];
    const failedOnce = new Set<string>();
    const fnId = id("ordered");
    const fn = inngest.createFunction({ id: fnId, retries: 3, ...subscribe("interview.created") }, async ({ event }) => {
      const title = event.data.data.title;
      // A key's head fails, and on another key a delivery in the middle of a claimed run.
      if ((title === "k0-0" || title === "k1-2") && !failedOnce.has(title)) {
        failedOnce.add(title);
        throw new Error("first try fails");
      }
      order.push(title);
    });
    const keys = [randomUUID(), randomUUID(), randomUUID()];
    for (let i = 0; i < 5; i++) for (const [k, userId] of keys.entries()) await interviewCreated(userId, `k${k}-${i}`);
    const r = runner([fn], { concurrency: 4 });
    await until("all 15 deliveries to complete", async () => (await deliveriesOf(fnId)).filter((d) => d.status === "completed").length === 15, r);
    for (let k = 0; k < 3; k++) {
      expect(order.filter((t) => t.startsWith(`k${k}-`))).toEqual([0, 1, 2, 3, 4].map((i) => `k${k}-${i}`));
    }
    expect(order).toHaveLength(15);
  });

  it("sleeps without holding a worker and resumes after the time", async () => {
    let before = 0;
    let after = 0;
    const fnId = id("sleeper");
    const fn = inngest.createFunction({ id: fnId, ...subscribe("interview.created") }, async ({ step }) => {
      await step.run("before", () => ++before);
      await step.sleep("pause", "300ms");
      await step.run("after", () => ++after);
    });
    await interviewCreated(randomUUID());
    const r = runner([fn]);
    await r.drain();
    expect((await deliveriesOf(fnId))[0]?.status).toBe("sleeping");
    expect([before, after]).toEqual([1, 0]);
    await until("the sleeper to resume and complete", async () => (await deliveriesOf(fnId))[0]?.status === "completed", r);
    expect([before, after]).toEqual([1, 1]);
    const [d] = await deliveriesOf(fnId);
    expect(d!.attempts).toBe(1);
    expect((await attemptsOf(d!.id)).map((a) => a.outcome)).toEqual(["suspended", "completed"]);
  });

  it("waits for a matching event, and returns null on time-out", async () => {
    const results: Record<string, unknown> = {};
    const fnId = id("waiter");
    const fn = inngest.createFunction({ id: fnId, ...subscribe("user.created") }, async ({ event, step }) => {
      const updated = await step.waitForEvent("profile-updated", {
        event: "user.updated",
        match: "data.userId",
        timeout: event.data.data.fullName === "Patient" ? "20s" : "300ms",
      });
      results[event.data.data.fullName] = updated ? (updated as unknown as { data: { data: unknown } }).data.data : null;
    });
    const patient = randomUUID();
    const hasty = randomUUID();
    for (const [userId, fullName] of [[patient, "Patient"], [hasty, "Hasty"]] as const) {
      await emit({ eventType: "user.created", userId, data: { keycloakId: null, email: `${fullName}@example.com`, fullName, createdAt: new Date().toISOString() } });
    }
    const r = runner([fn]);
    await r.drain();
    expect((await deliveriesOf(fnId)).map((d) => d.status)).toEqual(["waiting", "waiting"]);
    // Another user's update does not match.
    await emit({ eventType: "user.updated", userId: randomUUID(), data: { changes: { fullName: "Someone" } } });
    await emit({ eventType: "user.updated", userId: patient, data: { changes: { companyName: "Acme" } } });
    await until("both waits to end (matched, timed out)", async () => (await deliveriesOf(fnId)).filter((d) => d.status === "completed").length === 2, r);
    expect(results).toEqual({ Patient: { changes: { companyName: "Acme" } }, Hasty: null });
  });

  it("waits on an `if` comparing different paths of the two events, and refuses other expressions", async () => {
    const fnId = id("if-waiter");
    const got: unknown[] = [];
    const fn = inngest.createFunction({ id: fnId, ...subscribe("candidate.started") }, async ({ step }) => {
      const done = await step.waitForEvent("done", { event: "media.deleted", if: "event.data.sessionId == async.data.data.fileId", timeout: "20s" });
      got.push(done ? (done as unknown as { data: { data: { fileSize: number } } }).data.data.fileSize : null);
    });
    const sessionId = randomUUID();
    await emit({
      eventType: "candidate.started",
      sessionId,
      data: { interviewId: randomUUID(), candidateEmail: "c@example.com", startedAt: new Date().toISOString(), userAgent: "test" },
    });
    const r = runner([fn]);
    await r.drain();
    expect((await deliveriesOf(fnId)).map((d) => d.status)).toEqual(["waiting"]);
    await emit({ eventType: "media.deleted", userId: randomUUID(), data: { fileId: randomUUID(), fileSize: 1, deletedAt: new Date().toISOString() } });
    await emit({ eventType: "media.deleted", userId: randomUUID(), data: { fileId: sessionId, fileSize: 2, deletedAt: new Date().toISOString() } });
    await until("the wait to match", async () => (await deliveriesOf(fnId))[0]?.status === "completed", r);
    expect(got).toEqual([2]);
    expect(() => parseWaitIf("x", "event.data.a == event.data.b")).toThrow(/only as "event.<path> == async.<path>"/);
    expect(() => parseWaitIf("x", "async.data.a > 3")).toThrow(/need Inngest/);
    expect(parseWaitIf("x", "async.data.data.sessionId == event.data.sessionId")).toEqual({ eventPath: "data.sessionId", asyncPath: "data.data.sessionId" });
  });

  it("publishes emit()ted events through the outbox with cause and correlation, exactly once", async () => {
    const senderId = id("sender");
    const receiverId = id("receiver");
    const received: { causationId?: string; correlationId?: string }[] = [];
    let failOnce = true;
    const sender = inngest.createFunction({ id: senderId, ...subscribe("interview.created") }, async ({ event, step }) => {
      await emitFromFunction({ event, step, functionId: senderId }, "count-it", {
        eventType: "media.deleted",
        userId: event.data.userId,
        data: { fileId: randomUUID(), fileSize: 10, deletedAt: new Date().toISOString() },
      });
      if (failOnce) {
        failOnce = false;
        throw new Error("fails after sending");
      }
    });
    const receiver = inngest.createFunction({ id: receiverId, ...subscribe("media.deleted") }, async ({ event }) => {
      received.push(event.data.metadata);
    });
    const trigger = await interviewCreated(randomUUID());
    const r = runner([sender, receiver]);
    await until("sender and receiver to complete", async () => (await deliveriesOf(receiverId)).length === 1 && (await deliveriesOf(receiverId))[0]!.status === "completed" && (await deliveriesOf(senderId))[0]!.status === "completed", r);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ causationId: trigger.eventId, correlationId: "req-test" });
    const db = await getDb();
    expect(await db.event.count({ where: { causationId: trigger.eventId } })).toBe(1);
  });

  it("on stop, releases what did not finish in the grace period; the next runner resumes it", async () => {
    let first = 0;
    let release: () => void = () => {};
    const blocked = new Promise<void>((res) => (release = res));
    let block = true;
    const fnId = id("slow");
    const fn = inngest.createFunction({ id: fnId, ...subscribe("interview.created") }, async ({ step }) => {
      await step.run("first", () => ++first);
      await step.run("slow", async () => {
        if (block) await blocked;
        return "done";
      });
    });
    await interviewCreated(randomUUID());
    const a = runner([fn], { shutdownGraceMs: 100 });
    await a.start();
    await until("the slow delivery to be running past its first step", async () => (await deliveriesOf(fnId))[0]?.status === "running" && first === 1);
    await a.stop();
    const [released] = await deliveriesOf(fnId);
    expect(released).toMatchObject({ status: "queued", attempts: 0 });
    expect((await attemptsOf(released!.id)).map((x) => x.outcome)).toEqual(["released"]);
    block = false;
    release();
    const b = runner([fn]);
    await b.drain();
    expect((await deliveriesOf(fnId))[0]).toMatchObject({ status: "completed", attempts: 1 });
    expect(first).toBe(1);
  });

  it("wakes up on NOTIFY when an event is committed", async () => {
    const fnId = id("notified");
    const seen: string[] = [];
    const fn = inngest.createFunction({ id: fnId, ...subscribe("interview.created") }, async ({ event }) => {
      seen.push(event.data.eventId);
    });
    // Earlier tests' parked deliveries (a RetryAfterError's retry) would wake the runner by timer:
    // moved out of this test's window, so that only a notification can wake it in time.
    const handle = await getDbHandle();
    await handle.query(
      `UPDATE deliveries SET run_at = run_at + interval '1 day' WHERE status IN ('queued', 'sleeping', 'waiting') AND run_at > now()`,
    );
    // A poll interval far longer than the test. The first event is stored before the runner
    // starts: once it is handled, the start-up rounds are over and the runner is idle.
    const first = await interviewCreated(randomUUID());
    const r = runner([fn], { pollMs: 60_000 });
    await r.start();
    await waitFor(async () => (await deliveriesOf(fnId))[0]?.status === "completed", { what: "the event stored before start to be handled" });
    const e = await interviewCreated(randomUUID());
    await waitFor(() => seen.length === 2, { what: "the event stored while idle to be handled", timeoutMs: 5_000 });
    expect(seen).toEqual([first.eventId, e.eventId]);
  });
});
