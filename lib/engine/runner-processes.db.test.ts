// The runner across processes, on PostgreSQL (PGlite is one process by design).
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnPostgres } from "@/tests/postgres-only";
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
  const waitFor = (marker: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => out.includes(marker) && resolve();
      child.stdout!.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        check();
      });
      child.once("exit", (code) => reject(new Error(`${name} exited (${code}) before ${marker}`)));
      check();
    });
  return { child, waitFor };
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

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
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
    const victim = startRunner("crash-test", "victim", { HANG_AT_SECOND: "1", LEASE_MS: "1500" });
    await victim.waitFor("READY");
    const event = await interviewCreated(randomUUID(), "crash");
    await victim.waitFor("AT_SECOND");
    victim.child.kill("SIGKILL");

    const handle = await getDbHandle();
    const [held] = await handle.query<{ status: string; locked_by: string }>(
      `SELECT status, locked_by FROM deliveries WHERE event_id = $1`,
      [event.eventId],
    );
    expect(held).toEqual({ status: "running", locked_by: "victim" });

    const rescuer = new EventRunner({ functions: [describeFunction(crashTestFn)], workerId: "rescuer", pollMs: 100 });
    const started = Date.now();
    await waitUntil(async () => {
      await rescuer.drain();
      const [d] = await handle.query<{ status: string }>(`SELECT status FROM deliveries WHERE event_id = $1`, [event.eventId]);
      return d?.status === "completed";
    }, 15_000);
    // Not before the victim's lease ran out.
    expect(Date.now() - started).toBeGreaterThan(500);

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
    expect(attempts).toEqual([
      { worker_id: "victim", outcome: "lost" },
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
    await waitUntil(async () => {
      const [row] = await handle.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM deliveries WHERE function_id = 'order-test' AND status = 'completed'`,
      );
      return row!.n === 1000;
    }, 60_000);

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
