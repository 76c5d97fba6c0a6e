// The engine contract: the runner's known defects fixed (each test here failed on the runner
// before the engine module), limits and placement honoured, emit() the same on both engines.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { NonRetriableError } from "inngest";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb, getDbHandle, pgConfigFromUrl } from "@/lib/db/client";
import { toDomainEvent } from "@/lib/events/stored";
import { engines } from "@/tests/engines";
import { itOnPostgres } from "@/tests/postgres-only";
import { waitFor } from "@/tests/wait-for";
import { registerFunctions } from "./dispatch";
import { emit } from "./emit";
import { describeFunction } from "./functions";
import { inngest, subscribe } from "./inngest-client";
import { EventRunner, type RunnerOptions } from "./runner";
import { interviewCreated as createdInterview, storeEvent as store } from "@/tests/events";

const quiet = { info() {}, warn() {}, error() {} };
const runners: EventRunner[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(runners.splice(0).map((r) => r.stop()));
});

function runner(fns: Parameters<typeof describeFunction>[0][], opts: Partial<RunnerOptions> = {}) {
  const r = new EventRunner({ functions: fns.map(describeFunction), backoffMs: () => 20, pollMs: 50, logger: quiet, ...opts });
  runners.push(r);
  return r;
}


const interviewCreated = (userId: string, title?: string) => createdInterview(userId, title, "req-contract");

const userCreated = (userId: string) =>
  store({ eventType: "user.created", userId, data: { keycloakId: null, email: `${userId.slice(0, 8)}@example.com`, fullName: "W", createdAt: new Date().toISOString() } });

type Row = { id: string; event_id: string; status: string; attempts: number; last_error: string | null; first_started_at: Date | null };

async function deliveriesOf(functionId: string): Promise<Row[]> {
  const handle = await getDbHandle();
  return handle.query<Row>(
    `SELECT id::text AS id, event_id, status, attempts, last_error, first_started_at FROM deliveries
     WHERE function_id = $1 ORDER BY deliveries.id`,
    [functionId],
  );
}

/** Until `check` holds (draining `drain` between looks, when given); fails naming `what` at the deadline. */
function until(what: string, check: () => Promise<boolean> | boolean, { timeoutMs = 10_000, drain }: { timeoutMs?: number; drain?: EventRunner } = {}) {
  return waitFor(
    async () => {
      if (await check()) return true;
      await drain?.drain();
      return false;
    },
    { what, timeoutMs },
  );
}

const id = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

describe("runner defects, fixed", () => {
  itOnPostgres("a waitForEvent match dispatched while the wait is being parked is not lost", async () => {
    let reached!: () => void;
    const atGate = new Promise<void>((res) => (reached = res));
    let openGate!: () => void;
    const gate = new Promise<void>((res) => (openGate = res));
    let first = true;
    const results: string[] = [];
    const fnId = id("parker");
    const fn = inngest.createFunction({ id: fnId, ...subscribe("user.created") }, async ({ step }) => {
      if (first) {
        first = false;
        reached();
        await gate;
      }
      const got = await step.waitForEvent("profile-updated", { event: "user.updated", match: "data.userId", timeout: "4s" });
      results.push(got ? "matched" : "timed out");
    });
    const userId = randomUUID();
    await userCreated(userId);
    const r = runner([fn]);
    await r.start();
    await atGate;
    const [delivery] = await deliveriesOf(fnId);
    // Hold the delivery's row: the runner's write that parks it on the wait blocks here…
    const blocker = new pg.Client(pgConfigFromUrl(process.env.DATABASE_URL!));
    await blocker.connect();
    try {
      await blocker.query("BEGIN");
      await blocker.query("SELECT 1 FROM deliveries WHERE id = $1 FOR UPDATE", [delivery!.id]);
      openGate();
      const handle = await getDbHandle();
      await until("the parking write to block on the row lock", async () => {
        const [row] = await handle.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
           WHERE NOT l.granted AND a.datname = current_database() AND a.query ILIKE '%UPDATE deliveries%'`,
        );
        return (row?.n ?? 0) > 0;
      });
      // …while the awaited event is stored and dispatched (by the runner's own dispatcher).
      const updated = await store({ eventType: "user.updated", userId, data: { changes: { fullName: "New" } } });
      const db = await getDb();
      await until("the awaited event to be dispatched", async () => (await db.event.findUniqueOrThrow({ where: { eventId: updated.eventId } })).relayedAt !== null);
      await blocker.query("COMMIT");
    } finally {
      await blocker.end();
    }
    await until("the function to finish", () => results.length > 0, { timeoutMs: 15_000 });
    expect(results).toEqual(["matched"]);
  }, 30_000);

  it("times sleeps and retries by the database's clock, whatever this process's clock says", async () => {
    // This process's clock runs an hour ahead of the database's.
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    vi.setSystemTime(Date.now() + 60 * 60 * 1000);
    let tries = 0;
    const fnId = id("skewed");
    const fn = inngest.createFunction({ id: fnId, retries: 2, ...subscribe("interview.created") }, async ({ step }) => {
      await step.sleep("nap", "1s");
      await step.run("flaky", () => {
        if (++tries === 1) throw new Error("first try fails");
        return tries;
      });
    });
    await interviewCreated(randomUUID());
    const r = runner([fn]);
    await r.start();
    await until("the delivery to complete", async () => (await deliveriesOf(fnId))[0]?.status === "completed", { timeoutMs: 8_000 });
    const [d] = await deliveriesOf(fnId);
    const handle = await getDbHandle();
    const attempts = await handle.query<{ outcome: string }>(`SELECT outcome FROM delivery_attempts WHERE delivery_id = $1 ORDER BY id`, [d!.id]);
    // One suspension for the sleep, one failed try, the retry that succeeded (ending the
    // execution, as a step that succeeds on a retry does), the completion: no loop of early wake-ups.
    expect(attempts.map((a) => a.outcome)).toEqual(["suspended", "failed", "suspended", "completed"]);
  });

  it("an output the database cannot store fails only its own delivery, once", async () => {
    const goodId = id("good");
    const bigintId = id("bigint");
    const nulId = id("nul");
    const good = inngest.createFunction({ id: goodId, ...subscribe("interview.created") }, async () => ({ ok: true }));
    const bigint = inngest.createFunction({ id: bigintId, ...subscribe("interview.created") }, async () => ({ size: BigInt(1) }) as never);
    const nul = inngest.createFunction({ id: nulId, ...subscribe("interview.created") }, async () => ({ text: "a\u0000b" }));
    // The text "\u0000" (a backslash, then u0000: an escaped snippet) is fine.
    const escapedId = id("escaped");
    const escaped = inngest.createFunction({ id: escapedId, ...subscribe("interview.created") }, async () => ({ code: "a\\u0000b \\ud800" }));
    await interviewCreated(randomUUID());
    await runner([good, bigint, nul, escaped]).drain();
    expect(await deliveriesOf(goodId)).toMatchObject([{ status: "completed", attempts: 1 }]);
    expect(await deliveriesOf(escapedId)).toMatchObject([{ status: "completed", attempts: 1 }]);
    expect(await deliveriesOf(bigintId)).toMatchObject([
      { status: "dead", attempts: 1, last_error: expect.stringMatching(/^the function's return value could not be stored: .*BigInt/) },
    ]);
    expect(await deliveriesOf(nulId)).toMatchObject([
      { status: "dead", attempts: 1, last_error: "the function's return value could not be stored: it contains a NUL character (\\u0000)" },
    ]);
  });

  itOnPostgres("a database error while recording a result is not taken for an unstorable output: the delivery is not killed", async () => {
    let reached!: () => void;
    const atGate = new Promise<void>((res) => (reached = res));
    let openGate!: () => void;
    const gate = new Promise<void>((res) => (openGate = res));
    const fnId = id("interrupted");
    const fn = inngest.createFunction({ id: fnId, ...subscribe("interview.created") }, async () => {
      reached();
      await gate;
      return { ok: true };
    });
    await interviewCreated(randomUUID());
    const r = runner([fn], { leaseMs: 600 });
    const handle = await getDbHandle();
    const blocker = new pg.Client(pgConfigFromUrl(process.env.DATABASE_URL!));
    await blocker.connect();
    try {
      // Hold the delivery's row while it runs, so the runner's outcome write blocks on it…
      await r.start();
      await atGate;
      await blocker.query("BEGIN");
      await blocker.query("SELECT 1 FROM deliveries WHERE function_id = $1 FOR UPDATE", [fnId]);
      openGate();
      // …then kill the connection the write is waiting on.
      let pid: number | undefined;
      await until("the outcome write to block", async () => {
        const [row] = await handle.query<{ pid: number }>(
          `SELECT a.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
           WHERE NOT l.granted AND a.datname = current_database() AND a.query ILIKE '%WITH input AS%'`,
        );
        pid = row?.pid;
        return pid !== undefined;
      });
      await handle.query("SELECT pg_terminate_backend($1)", [pid]);
      await blocker.query("COMMIT");
    } finally {
      await blocker.end();
    }
    await until("the delivery to complete after its lease", async () => (await deliveriesOf(fnId))[0]?.status === "completed", { timeoutMs: 15_000 });
    expect((await deliveriesOf(fnId))[0]).toMatchObject({ status: "completed", last_error: null });
  }, 30_000);

  it("a crashed worker's followers that never started are not charged a try", async () => {
    const fnId = id("crash-followers");
    const ran: string[] = [];
    const fn = inngest.createFunction({ id: fnId, retries: 1, ...subscribe("interview.created") }, async ({ event }) => {
      ran.push(event.data.data.title);
    });
    const userId = randomUUID();
    for (const title of ["head", "second", "third"]) await interviewCreated(userId, title);
    // A worker claims the key's head with its two followers, then dies without running them.
    const { claimFree } = await import("./claim");
    const { dispatchRound } = await import("./dispatch");
    const handle = await getDbHandle();
    await handle.transaction((conn) => registerFunctions(conn, [describeFunction(fn)], "dead-worker"));
    await handle.transaction((conn) => dispatchRound(conn));
    const claimed = await handle.transaction((conn) =>
      claimFree(conn, { workerId: "dead-worker", leaseMs: 200, held: [], functionIds: [fnId], limit: 1, followers: 5 }),
    );
    expect(claimed).toHaveLength(3);
    await until("the dead worker's lease to expire", async () => {
      const [row] = await handle.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM deliveries WHERE function_id = $1 AND lease_until < now()`,
        [fnId],
      );
      return row?.n === 3;
    });
    await runner([fn]).drain();
    expect(ran).toEqual(["head", "second", "third"]);
    // The head may have run when the worker died: that try counts. The followers never ran.
    expect((await deliveriesOf(fnId)).map((d) => [d.status, d.attempts])).toEqual([
      ["completed", 2],
      ["completed", 1],
      ["completed", 1],
    ]);
  });

  it("a wait matches an event published by a process whose clock is behind the database's", async () => {
    const results: string[] = [];
    const fnId = id("skewed-producer");
    const fn = inngest.createFunction({ id: fnId, ...subscribe("user.created") }, async ({ step }) => {
      const got = await step.waitForEvent("profile-updated", { event: "user.updated", match: "data.userId", timeout: "1m" });
      results.push(got ? "matched" : "timed out");
    });
    const userId = randomUUID();
    await userCreated(userId);
    const r = runner([fn]);
    await r.drain();
    expect((await deliveriesOf(fnId)).map((d) => d.status)).toEqual(["waiting"]);
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    vi.setSystemTime(Date.now() - 10 * 60 * 1000);
    await store({ eventType: "user.updated", userId, data: { changes: { fullName: "Later" } } });
    vi.useRealTimers();
    await until("the wait to resolve", () => results.length > 0, { drain: r });
    expect(results).toEqual(["matched"]);
  });

  it("a dispatcher that does not know a newer release's function still creates its deliveries", async () => {
    const oldId = id("old-release");
    const newId = id("new-release");
    const seen: string[] = [];
    const oldFn = inngest.createFunction({ id: oldId, ...subscribe("interview.created") }, async () => null);
    const newFn = inngest.createFunction({ id: newId, ...subscribe("interview.created") }, async ({ event }) => {
      seen.push(event.data.data.title);
    });
    const older = runner([oldFn]);
    await interviewCreated(randomUUID(), "history");
    await older.drain();
    // A process of the newer release starts (and registers its functions)…
    const newer = runner([newFn]);
    const handle = await getDbHandle();
    await handle.transaction((conn) => registerFunctions(conn, [describeFunction(newFn)], "newer-release"));
    // …and the old process dispatches the next event.
    const next = await interviewCreated(randomUUID(), "after the upgrade");
    await older.drain();
    expect((await deliveriesOf(newId)).map((d) => [d.event_id, d.status])).toEqual([[next.eventId, "queued"]]);
    await newer.drain();
    // History dispatched before it registered is not replayed to it.
    expect(seen).toEqual(["after the upgrade"]);
    expect((await deliveriesOf(oldId)).map((d) => d.status)).toEqual(["completed", "completed"]);
  });

  it("during a rolling deploy an old process (re)registering keeps the new release's triggers; a host that is down keeps its subscription", async () => {
    const fnId = id("redeployed");
    const v1 = inngest.createFunction({ id: fnId, ...subscribe("interview.created") }, async () => null);
    const v2 = inngest.createFunction({ id: fnId, ...subscribe("interview.created", "user.updated") }, async () => null);
    const { dispatchRound } = await import("./dispatch");
    const handle = await getDbHandle();
    await handle.transaction((conn) => registerFunctions(conn, [describeFunction(v2)], "new-release"));
    await handle.transaction((conn) => registerFunctions(conn, [describeFunction(v1)], "old-release-restarted"));
    const updated = await store({ eventType: "user.updated", userId: randomUUID(), data: { changes: { fullName: "X" } } });
    await handle.transaction((conn) => dispatchRound(conn));
    expect((await deliveriesOf(fnId)).map((d) => d.event_id)).toEqual([updated.eventId]);
    // Every process running it has been gone for an hour (a worker host down): its events queue.
    await handle.query(`UPDATE engine_functions SET last_seen_at = now() - interval '1 hour' WHERE function_id = $1`, [fnId]);
    const later = await store({ eventType: "user.updated", userId: randomUUID(), data: { changes: { fullName: "Y" } } });
    await handle.transaction((conn) => dispatchRound(conn));
    expect((await deliveriesOf(fnId)).map((d) => [d.event_id, d.status])).toEqual([
      [updated.eventId, "queued"],
      [later.eventId, "queued"],
    ]);
  });

  it("prunes completed deliveries, with their attempts and steps, past the retention period; keeps dead and recent ones", async () => {
    const fnId = id("kept-briefly");
    const fn = inngest.createFunction({ id: fnId, retries: 0, ...subscribe("interview.created") }, async ({ event, step }) => {
      await step.run("work", () => event.data.data.title);
      if (event.data.data.title === "fails") throw new NonRetriableError("no");
    });
    for (const title of ["a", "b", "fails"]) await interviewCreated(randomUUID(), title);
    const r = runner([fn], { retentionMs: 300 });
    await r.drain();
    const old = await deliveriesOf(fnId);
    const handle = await getDbHandle();
    await until("the completed deliveries to be older than the retention", async () => {
      const [row] = await handle.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM deliveries WHERE function_id = $1 AND status = 'completed' AND finished_at < now() - interval '300 milliseconds'`,
        [fnId],
      );
      return row?.n === 2;
    });
    await interviewCreated(randomUUID(), "recent");
    await r.drain();
    await r.maintain();
    const left = await deliveriesOf(fnId);
    expect(left.map((d) => d.status)).toEqual(["dead", "completed"]);
    const pruned = old.filter((d) => d.status === "completed").map((d) => d.id);
    const [counts] = await handle.query<{ attempts: number; steps: number }>(
      `SELECT (SELECT count(*)::int FROM delivery_attempts WHERE delivery_id = ANY($1::bigint[])) AS attempts,
              (SELECT count(*)::int FROM delivery_steps WHERE delivery_id = ANY($1::bigint[])) AS steps`,
      [pruned],
    );
    expect(counts).toEqual({ attempts: 0, steps: 0 });
    // The events themselves stay: they are the event log.
    const db = await getDb();
    expect(await db.event.count({ where: { eventId: { in: old.map((d) => d.event_id) } } })).toBe(3);
  });
});

describe("limits and placement", () => {
  it("a function-wide concurrency limit holds across two runner processes' worth of runners", async () => {
    let running = 0;
    let peak = 0;
    const fnId = id("limited");
    const sub = subscribe("interview.created");
    const fn = inngest.createFunction({ id: fnId, ...sub, concurrency: [...sub.concurrency, { limit: 2 }] }, async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((res) => setTimeout(res, 150)); // the work
      running--;
    });
    for (let k = 0; k < 6; k++) await interviewCreated(randomUUID(), `k${k}`);
    const a = runner([fn], { concurrency: 10 });
    const b = runner([fn], { concurrency: 10 });
    await a.start();
    await b.start();
    await until("all six to complete", async () => (await deliveriesOf(fnId)).every((d) => d.status === "completed") && (await deliveriesOf(fnId)).length === 6);
    expect(peak).toBe(2);
  });

  it("a throttle starts at most `limit` runs per period", async () => {
    const fnId = id("throttled");
    const fn = inngest.createFunction({ id: fnId, ...subscribe("interview.created"), throttle: { limit: 2, period: "1s" } }, async () => null);
    for (let k = 0; k < 5; k++) await interviewCreated(randomUUID(), `k${k}`);
    const r = runner([fn]);
    await r.start();
    await until("all five to complete", async () => (await deliveriesOf(fnId)).filter((d) => d.status === "completed").length === 5);
    const starts = (await deliveriesOf(fnId)).map((d) => new Date(d.first_started_at!).getTime()).sort((x, y) => x - y);
    for (let i = 0; i + 2 < starts.length; i++) expect(starts[i + 2]! - starts[i]!).toBeGreaterThanOrEqual(1000);
  });

  it("a runner runs only its own functions; another's deliveries wait for a runner that has them", async () => {
    const webId = id("web-fn");
    const heavyId = id("heavy-fn");
    const webFn = inngest.createFunction({ id: webId, ...subscribe("interview.created") }, async () => null);
    const heavyFn = inngest.createFunction({ id: heavyId, ...subscribe("interview.created") }, async () => null);
    const worker = runner([heavyFn]);
    const handle = await getDbHandle();
    await handle.transaction((conn) => registerFunctions(conn, [describeFunction(heavyFn)], "worker-host"));
    await interviewCreated(randomUUID());
    await runner([webFn]).drain();
    expect((await deliveriesOf(webId)).map((d) => d.status)).toEqual(["completed"]);
    expect((await deliveriesOf(heavyId)).map((d) => d.status)).toEqual(["queued"]);
    await worker.drain();
    expect((await deliveriesOf(heavyId)).map((d) => d.status)).toEqual(["completed"]);
  });

  it("a per-process limit (EVENT_RUNNER_FUNCTIONS name:N) caps that function in this process", async () => {
    let running = 0;
    let peak = 0;
    const fnId = id("one-here");
    const fn = inngest.createFunction({ id: fnId, ...subscribe("interview.created") }, async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((res) => setTimeout(res, 100)); // the work
      running--;
    });
    for (let k = 0; k < 4; k++) await interviewCreated(randomUUID(), `k${k}`);
    const r = runner([fn], { concurrency: 10, processLimits: new Map([[fnId, 1]]) });
    await r.start();
    await until("all four to complete", async () => (await deliveriesOf(fnId)).filter((d) => d.status === "completed").length === 4);
    expect(peak).toBe(1);
  });
});

describe.each(engines)("emit() on $name", (engine) => {
  it("publishes validated catalog events through the outbox, caused by the trigger, once however often the run repeats", async () => {
    const fnId = id("announcer");
    const fn = inngest.createFunction({ id: fnId, ...subscribe("interview.created") }, async ({ event, step }) => {
      const fileId = `${event.data.eventId.slice(0, 8)}-0000-4000-8000-000000000000`;
      return emit({ event, step, functionId: fnId }, "announce", [
        { eventType: "media.deleted", userId: event.data.userId, data: { fileId, fileSize: 1, deletedAt: event.data.timestamp } },
        { eventType: "media.deleted", userId: event.data.userId, data: { fileId, fileSize: 2, deletedAt: event.data.timestamp } },
      ]);
    });
    const trigger = await interviewCreated(randomUUID());
    const first = (await engine.execute(fn, trigger)) as { ids: string[] };
    const again = (await engine.execute(fn, trigger)) as { ids: string[] };
    expect(again).toEqual(first);
    const db = await getDb();
    const caused = await db.event.findMany({ where: { causationId: trigger.eventId }, orderBy: { seq: "asc" } });
    expect(caused.map((e) => e.eventId)).toEqual(first.ids);
    expect(caused.map((e) => [e.eventType, e.correlationId, (e.data as { fileSize: number }).fileSize])).toEqual([
      ["media.deleted", "req-contract", 1],
      ["media.deleted", "req-contract", 2],
    ]);
    expect(toDomainEvent(caused[0]!).metadata).toMatchObject({ causationId: trigger.eventId, correlationId: "req-contract" });
  });

  it("refuses an event the catalog does not accept, and stores nothing", async () => {
    const fnId = id("bad-emitter");
    const fn = inngest.createFunction({ id: fnId, retries: 0, ...subscribe("interview.created") }, async ({ event, step }) =>
      emit({ event, step, functionId: fnId }, "bad", { eventType: "media.deleted", userId: event.data.userId, data: { fileId: "nope", fileSize: -1 } } as never),
    );
    const trigger = await interviewCreated(randomUUID());
    await expect(engine.execute(fn, trigger)).rejects.toThrow();
    const db = await getDb();
    expect(await db.event.count({ where: { causationId: trigger.eventId } })).toBe(0);
  });
});
