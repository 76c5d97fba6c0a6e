// The runner across processes, on PostgreSQL (PGlite is one process by design).
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnPostgres } from "@/tests/postgres-only";
import { waitFor } from "@/tests/wait-for";
import { getDb, getDbHandle } from "@/lib/db/client";
import { publish } from "@/lib/events/publish";
import { crashTestFn, EFFECTS_TABLE } from "@/tests/runner-test-functions";
import { describeFunction } from "./functions";
import { EventRunner } from "./runner";

const children: ChildProcess[] = [];

function startRunner(functionId: string, name: string, extraEnv: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/runner-process.ts", functionId], {
    env: { ...process.env, WORKER_NAME: name, ...extraEnv },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  let out = "";
  const printed = (marker: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => out.includes(marker) && resolve();
      child.stdout!.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        check();
      });
      child.once("exit", (code) => reject(new Error(`${name} exited (${code}) before ${marker}`)));
      check();
    });
  return { child, waitFor: printed };
}

async function interviewCreated(userId: string, title: string) {
  const db = await getDb();
  return db.$transaction((tx) =>
    publish(tx, {
      eventType: "interview.created",
      userId,
      data: { interviewId: randomUUID(), title, questionsCount: 1, createdAt: new Date().toISOString() },
    }),
  );
}

describeOnPostgres("runner processes on one PostgreSQL", () => {
  beforeAll(async () => {
    const handle = await getDbHandle();
    await handle.exec(EFFECTS_TABLE);
  });
  afterAll(() => {
    for (const c of children) c.kill("SIGKILL");
  });

  it("a worker killed with SIGKILL mid-function: another re-claims it after the lease, without repeating finished steps", async () => {
    const victim = startRunner("crash-test", "victim", { HANG_AT_SECOND: "1", LEASE_MS: "3000" });
    await victim.waitFor("READY");
    const event = await interviewCreated(randomUUID(), "crash");
    await victim.waitFor("AT_SECOND");
    const exited = new Promise((resolve) => victim.child.once("exit", resolve));
    victim.child.kill("SIGKILL");
    await exited;

    // The victim's claim as it died: no heartbeat extends it any more. All times are the
    // database's clock, the one claims are decided by.
    const handle = await getDbHandle();
    type Held = { status: string; locked_by: string | null; lease_until: Date; leased: boolean };
    const heldNow = async () =>
      (
        await handle.query<Held>(
          `SELECT status, locked_by, lease_until, lease_until > now() AS leased FROM deliveries WHERE event_id = $1`,
          [event.eventId],
        )
      )[0]!;
    const held = await heldNow();
    expect(held).toMatchObject({ status: "running", locked_by: "victim", leased: true });
    const leaseUntil = new Date(held.lease_until);

    // While the lease lasts, a runner looking for work leaves the delivery alone.
    const rescuer = new EventRunner({ functions: [describeFunction(crashTestFn)], workerId: "rescuer", pollMs: 100 });
    await rescuer.drain();
    const during = await heldNow();
    expect(during.leased, "the lease was still valid after the first look; a slow machine may need a longer LEASE_MS").toBe(true);
    expect(during).toMatchObject({ status: "running", locked_by: "victim" });

    await waitFor(
      async () => {
        await rescuer.drain();
        const [d] = await handle.query<{ status: string }>(`SELECT status FROM deliveries WHERE event_id = $1`, [event.eventId]);
        return d?.status === "completed";
      },
      { what: "the rescuer to re-claim and complete the delivery", timeoutMs: 15_000, intervalMs: 100 },
    );
    // Re-claimed only once the dead worker's lease had run out.
    const [reclaim] = await handle.query<{ started_at: Date }>(
      `SELECT a.started_at FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
       WHERE d.event_id = $1 AND a.worker_id = 'rescuer' ORDER BY a.id LIMIT 1`,
      [event.eventId],
    );
    expect(new Date(reclaim!.started_at).getTime()).toBeGreaterThanOrEqual(leaseUntil.getTime());

    const effects = await handle.query<{ label: string; worker: string }>(
      `SELECT label, worker FROM test_effects WHERE event_id = $1 ORDER BY id`,
      [event.eventId],
    );
    expect(effects).toEqual([
      { label: "first", worker: "victim" },
      { label: "second", worker: String(process.pid) },
    ]);
    const attempts = await handle.query<{ worker_id: string; outcome: string }>(
      `SELECT a.worker_id, a.outcome FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
       WHERE d.event_id = $1 ORDER BY a.id`,
      [event.eventId],
    );
    // The rescuer's try is the step's second (the lost one counts): its step succeeding on a
    // retry ends that execution, and the handler resumes at once for what follows.
    expect(attempts).toEqual([
      { worker_id: "victim", outcome: "lost" },
      { worker_id: "rescuer", outcome: "suspended" },
      { worker_id: "rescuer", outcome: "completed" },
    ]);
  }, 60_000);

  it("two runner processes, 1,000 events over 50 keys: each delivered exactly once, in order within its key", async () => {
    const a = startRunner("order-test", "worker-a");
    const b = startRunner("order-test", "worker-b");
    await Promise.all([a.waitFor("READY"), b.waitFor("READY")]);

    const keys = Array.from({ length: 50 }, () => randomUUID());
    const db = await getDb();
    // 20 transactions of 50 events (one per key), published while the workers run.
    for (let round = 0; round < 20; round++) {
      await db.$transaction(async (tx) => {
        for (const [k, userId] of keys.entries()) {
          await publish(tx, {
            eventType: "interview.created",
            userId,
            data: { interviewId: randomUUID(), title: `${k}:${round}`, questionsCount: 1, createdAt: new Date().toISOString() },
          });
        }
      });
    }

    const handle = await getDbHandle();
    await waitFor(
      async () => {
        const [row] = await handle.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM deliveries WHERE function_id = 'order-test' AND status = 'completed'`,
        );
        return row!.n === 1000;
      },
      { what: "all 1,000 deliveries to complete", timeoutMs: 60_000, intervalMs: 100 },
    );

    const effects = await handle.query<{ event_id: string; partition_key: string; label: string; worker: string }>(
      `SELECT event_id, partition_key, label, worker FROM test_effects WHERE function_id = 'order-test' ORDER BY id`,
    );
    expect(effects).toHaveLength(1000);
    expect(new Set(effects.map((e) => e.event_id)).size).toBe(1000);
    for (const [k, userId] of keys.entries()) {
      const labels = effects.filter((e) => e.partition_key === userId).map((e) => e.label);
      expect(labels).toEqual(Array.from({ length: 20 }, (_, round) => `${k}:${round}`));
    }
    const byWorker = new Map<string, number>();
    for (const e of effects) byWorker.set(e.worker, (byWorker.get(e.worker) ?? 0) + 1);
    expect([...byWorker.keys()].sort()).toEqual(["worker-a", "worker-b"]);

    const [attempts] = await handle.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
       WHERE d.function_id = 'order-test'`,
    );
    expect(attempts!.n).toBe(1000);
    a.child.kill("SIGTERM");
    b.child.kill("SIGTERM");
  }, 120_000);
});
