// Retries are counted per step, as on Inngest: each step has its own `retries` budget, the
// `attempt` a handler sees is its current step's try, and back-off starts again for each step.
// On the embedded runner only: @inngest/test (1.0) runs one execution with `attempt: 0` and no
// retries, so it cannot express a retry budget.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { getDbHandle } from "@/lib/db/client";
import type { DomainEvent } from "@/lib/events/catalog";
import { interviewCreated } from "@/tests/events";
import { waitFor } from "@/tests/wait-for";
import { requeueDead } from "./delivery-state";
import { describeFunction } from "./functions";
import { inngest, subscribe } from "./inngest-client";
import { EventRunner } from "./runner";

const quiet = { info() {}, warn() {}, error() {} };
const runners: EventRunner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
});

type Fn = Parameters<typeof describeFunction>[0];

/** Runs `fn` on the runner until `trigger`'s delivery has ended; resolves to the back-off asked for each retry. */
async function run(fn: Fn, trigger: DomainEvent): Promise<number[]> {
  const backoffs: number[] = [];
  const r = new EventRunner({
    functions: [describeFunction(fn)],
    backoffMs: (attempt) => {
      backoffs.push(attempt);
      return 10;
    },
    pollMs: 50,
    logger: quiet,
  });
  runners.push(r);
  await r.start();
  await waitFor(async () => ["completed", "dead"].includes((await deliveryOf(describeFunction(fn).id, trigger).catch(() => null))?.status ?? ""), {
    what: "the delivery to end",
  });
  await r.stop();
  return backoffs;
}

async function deliveryOf(functionId: string, trigger: DomainEvent) {
  const handle = await getDbHandle();
  const [d] = await handle.query<{ id: string; status: string; attempts: number; last_error: string | null }>(
    `SELECT id::text AS id, status, attempts, last_error FROM deliveries WHERE function_id = $1 AND event_id = $2`,
    [functionId, trigger.eventId],
  );
  if (!d) return null;
  const log = await handle.query<{ attempt: number; outcome: string }>(
    `SELECT attempt, outcome FROM delivery_attempts WHERE delivery_id = $1 ORDER BY id`,
    [d.id],
  );
  return { ...d, log: log.map((a) => [a.attempt, a.outcome]) };
}

/** A step body that throws its first `n` runs. */
function failing(n: number, name: string) {
  let runs = 0;
  return () => {
    runs++;
    if (runs <= n) throw new Error(`${name} failed (${runs})`);
    return `${name} done`;
  };
}

const id = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

describe("retries are counted per step on the embedded runner", () => {
  it("three steps that each fail twice complete with retries: 2; attempt and back-off restart for each step", async () => {
    const fnId = id("per-step");
    const trigger = await interviewCreated(randomUUID(), fnId);
    const seen: number[] = [];
    const a = failing(2, "a");
    const b = failing(2, "b");
    const c = failing(2, "c");
    const fn = inngest.createFunction({ id: fnId, retries: 2, ...subscribe("interview.created") }, async ({ event, step, attempt }) => {
      if (event.data.eventId !== trigger.eventId) return null;
      seen.push(attempt);
      return [await step.run("a", a), await step.run("b", b), await step.run("c", c)];
    });
    const backoffs = await run(fn, trigger);
    const d = (await deliveryOf(fnId, trigger))!;
    expect(d).toMatchObject({ status: "completed", last_error: "Error: c failed (2)" });
    // Each step runs at attempts 0, 1, 2: a step that succeeds on a retry ends the execution
    // (suspended, resumed at once), so the next step starts at 0, as with a request per step on Inngest.
    expect(seen).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2, 0]);
    expect(backoffs).toEqual([1, 2, 1, 2, 1, 2]);
    // One log row per execution, numbered within the step it ran.
    expect(d.log).toEqual([
      [1, "failed"],
      [2, "failed"],
      [3, "suspended"],
      [1, "failed"],
      [2, "failed"],
      [3, "suspended"],
      [1, "failed"],
      [2, "failed"],
      [3, "suspended"],
      [1, "completed"],
    ]);
  });

  it("a step that fails three times with retries: 2 is dead, after the steps before it had their own retries", async () => {
    const fnId = id("per-step-dead");
    const trigger = await interviewCreated(randomUUID(), fnId);
    let bRuns = 0;
    const a = failing(2, "a");
    const fn = inngest.createFunction({ id: fnId, retries: 2, ...subscribe("interview.created") }, async ({ event, step }) => {
      if (event.data.eventId !== trigger.eventId) return null;
      await step.run("a", a);
      await step.run("b", () => {
        bRuns++;
        throw new Error(`b failed (${bRuns})`);
      });
    });
    const backoffs = await run(fn, trigger);
    const d = (await deliveryOf(fnId, trigger))!;
    expect(bRuns).toBe(3);
    expect(d).toMatchObject({ status: "dead", attempts: 3, last_error: "Error: b failed (3)" });
    expect(backoffs).toEqual([1, 2, 1, 2]);
    expect(d.log).toEqual([
      [1, "failed"],
      [2, "failed"],
      [3, "suspended"],
      [1, "failed"],
      [2, "failed"],
      [3, "failed"],
    ]);
  });

  it("a try without progress counts against the step: retries: 1 fails twice, dead", async () => {
    const fnId = id("no-progress");
    const trigger = await interviewCreated(randomUUID(), fnId);
    let runs = 0;
    const fn = inngest.createFunction({ id: fnId, retries: 1, ...subscribe("interview.created") }, async ({ event, step }) => {
      if (event.data.eventId !== trigger.eventId) return null;
      await step.run("done once", () => "ok");
      runs++;
      throw new Error("after the step");
    });
    await run(fn, trigger);
    // Try 1 memoised a step, so its failure is the next step's first try; try 2 made no progress.
    expect(runs).toBe(2);
    expect(await deliveryOf(fnId, trigger)).toMatchObject({ status: "dead", attempts: 2 });
  });

  it("after a step's retries and a sleep, the handler resumes at attempt 0 for the next step", async () => {
    const fnId = id("per-step-sleep");
    const trigger = await interviewCreated(randomUUID(), fnId);
    const seen: [number, string][] = [];
    const a = failing(1, "a");
    const b = failing(1, "b");
    const fn = inngest.createFunction({ id: fnId, retries: 1, ...subscribe("interview.created") }, async ({ event, step, attempt }) => {
      if (event.data.eventId !== trigger.eventId) return null;
      seen.push([attempt, "start"]);
      await step.run("a", a);
      await step.sleep("nap", "50ms");
      seen.push([attempt, "after the nap"]);
      return step.run("b", b);
    });
    const backoffs = await run(fn, trigger);
    const d = (await deliveryOf(fnId, trigger))!;
    expect(d).toMatchObject({ status: "completed" });
    // a: tries 0 and 1 (retries: 1 used up); the nap and b start again at 0, b has its own two tries.
    expect(seen).toEqual([
      [0, "start"],
      [1, "start"],
      [0, "start"],
      [0, "start"],
      [0, "after the nap"],
      [1, "start"],
      [1, "after the nap"],
      [0, "start"],
      [0, "after the nap"],
    ]);
    expect(backoffs).toEqual([1, 1]);
  });

  it("a dead delivery re-queued from the explorer gives each later step the function's retries, not the enlarged total", async () => {
    const fnId = id("per-step-requeued");
    const trigger = await interviewCreated(randomUUID(), fnId);
    let healthy = false;
    let cRuns = 0;
    const seen: number[] = [];
    const fn = inngest.createFunction({ id: fnId, retries: 1, ...subscribe("interview.created") }, async ({ event, step, attempt }) => {
      if (event.data.eventId !== trigger.eventId) return null;
      seen.push(attempt);
      await step.run("a", () => "a done");
      await step.run("b", () => {
        if (!healthy) throw new Error("b is down");
        return "b done";
      });
      await step.run("c", () => {
        cRuns++;
        throw new Error(`c failed (${cRuns})`);
      });
    });
    await run(fn, trigger);
    const dead = (await deliveryOf(fnId, trigger))!;
    expect(dead).toMatchObject({ status: "dead", attempts: 2, last_error: "Error: b is down" });
    healthy = true;
    const handle = await getDbHandle();
    // What retryDelivery does: the tries used so far plus the function's tries.
    await handle.transaction((conn) => requeueDead(conn, dead.id, dead.attempts + 2));
    await run(fn, trigger);
    // c gets retries: 1 (two tries), not the four the re-queued total would allow; attempt restarts at 0.
    expect(cRuns).toBe(2);
    expect(seen).toEqual([0, 1, 0, 1]);
    expect(await deliveryOf(fnId, trigger)).toMatchObject({ status: "dead", attempts: 4, last_error: "Error: c failed (2)" });
  });
});
