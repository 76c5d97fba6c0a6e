// The PostgreSQL tus locker against the real database: two lockers on two pools stand for two
// app instances; a third holder runs in a child process that is killed while holding.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import pg from "pg";
import { ERRORS } from "@tus/utils";
import { afterAll, describe, expect, it } from "vitest";
import { PgLocker, type LockQuery } from "./pg-locker";

const pools: pg.Pool[] = [];
function instance(options: { leaseMs?: number; heartbeatMs?: number; acquireTimeoutMs?: number } = {}) {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 3 });
  pools.push(pool);
  const query: LockQuery = async (sql, params) => (await pool.query(sql, params)).rows;
  return new PgLocker({ query: () => query, ...options });
}
afterAll(async () => {
  for (const p of pools) await p.end();
});

const never = () => new AbortController().signal;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function rowOf(id: string) {
  const pool = pools[0] ?? new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  const { rows } = await pool.query<{ holder: string; release_requested: boolean }>(`SELECT holder, release_requested FROM tus_locks WHERE id = $1`, [id]);
  return rows[0];
}

describe("PgLocker (tus locks across instances)", () => {
  it("lets one instance in at a time; the waiter asks the holder to release, and gets the lock after its unlock", async () => {
    const a = instance({ heartbeatMs: 100 });
    const b = instance({ heartbeatMs: 100 });
    const id = randomUUID();
    const events: string[] = [];
    const lockA = a.newLock(id);
    await lockA.lock(never(), async () => {
      events.push("a asked to release");
      await sleep(50);
      events.push("a unlocks");
      await lockA.unlock();
    });
    events.push("a locked");
    expect(await rowOf(id)).toBeDefined();
    const lockB = b.newLock(id);
    const started = Date.now();
    await lockB.lock(never(), () => {});
    events.push("b locked");
    // B's request reached A through the database (another pool), at A's next renewal.
    expect(events).toEqual(["a locked", "a asked to release", "a unlocks", "b locked"]);
    expect(Date.now() - started).toBeLessThan(5_000);
    const row = await rowOf(id);
    expect(row?.release_requested).toBe(false);
    await lockB.unlock();
    expect(await rowOf(id)).toBeUndefined();
  });

  it("never lets two holders overlap under contention from two instances", async () => {
    const lockers = [instance({ heartbeatMs: 50 }), instance({ heartbeatMs: 50 })];
    const id = randomUUID();
    let inside = 0;
    let maxInside = 0;
    let done = 0;
    await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const lock = lockers[i % 2]!.newLock(id);
        await lock.lock(never(), () => {});
        inside++;
        maxInside = Math.max(maxInside, inside);
        await sleep(5 + Math.random() * 20);
        inside--;
        done++;
        await lock.unlock();
      }),
    );
    expect(done).toBe(12);
    expect(maxInside).toBe(1);
  });

  it("times out (tus's lock timeout) while the holder keeps the lock, and stops waiting when the request is aborted", async () => {
    const a = instance();
    const b = instance({ acquireTimeoutMs: 300 });
    const id = randomUUID();
    const held = a.newLock(id);
    await held.lock(never(), () => {}); // ignores release requests
    await expect(b.newLock(id).lock(never(), () => {})).rejects.toBe(ERRORS.ERR_LOCK_TIMEOUT);
    const abort = new AbortController();
    const waiting = instance().newLock(id).lock(abort.signal, () => {});
    setTimeout(() => abort.abort(), 50);
    await expect(waiting).rejects.toBe(ERRORS.ERR_LOCK_TIMEOUT);
    // The holder still holds it, and renewals keep it past its lease.
    const row = await rowOf(id);
    expect(row?.release_requested).toBe(true);
    await held.unlock();
  });

  it("asks every new holder to release: with three contenders the last waiter does not wait out its timeout", async () => {
    const id = randomUUID();
    const lockers = [instance({ heartbeatMs: 50 }), instance({ heartbeatMs: 50, acquireTimeoutMs: 8_000 }), instance({ heartbeatMs: 50, acquireTimeoutMs: 8_000 })];
    const order: string[] = [];
    // Each holder does what tus's request-release does: finishes and unlocks when asked.
    const take = async (name: string, i: number) => {
      const lock = lockers[i]!.newLock(id);
      await lock.lock(never(), async () => {
        await sleep(20);
        order.push(`${name} unlocks`);
        await lock.unlock();
      });
      order.push(`${name} locked`);
    };
    await take("a", 0);
    const started = Date.now();
    // B and C both ask A; whichever gets the lock next must be asked again by the other.
    await Promise.all([take("b", 1), take("c", 2)]);
    for (let i = 0; i < 100 && order.length < 5; i++) await sleep(50);
    expect(order.filter((e) => e.endsWith("locked")).sort()).toEqual(["a locked", "b locked", "c locked"]);
    expect(Date.now() - started).toBeLessThan(5_000);
    // The last holder still holds it (nobody asked it to release): unlock by hand.
    const last = (await rowOf(id))?.holder;
    expect(last).toBeDefined();
    await pools[0]!.query(`DELETE FROM tus_locks WHERE id = $1`, [id]);
  }, 20_000);

  it("a holder that cannot renew its lease (database unreachable) releases its request before the lease lapses", async () => {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    pools.push(pool);
    let broken = false;
    const query: LockQuery = async (sql, params) => {
      if (broken) throw new Error("connection refused (simulated)");
      return (await pool.query(sql, params)).rows;
    };
    const errors: unknown[] = [];
    const locker = new PgLocker({ query: () => query, leaseMs: 1_500, heartbeatMs: 100, onError: (e) => errors.push(e) });
    const id = randomUUID();
    let releasedAt = 0;
    const lock = locker.newLock(id);
    await lock.lock(never(), () => {
      releasedAt = Date.now();
    });
    await sleep(300); // renewals succeed: not released
    expect(releasedAt).toBe(0);
    const brokenAt = Date.now();
    broken = true;
    const { rows } = await pool.query<{ left_ms: number }>(
      `SELECT extract(epoch FROM expires_at - now()) * 1000 AS left_ms FROM tus_locks WHERE id = $1`,
      [id],
    );
    const lapsesAt = brokenAt + Number(rows[0]!.left_ms);
    for (let i = 0; i < 40 && !releasedAt; i++) await sleep(50);
    expect(errors.length).toBeGreaterThan(0);
    expect(releasedAt).toBeGreaterThan(0);
    // Released before the lease lapsed (another instance could then take the lock and write).
    expect(releasedAt).toBeLessThan(lapsesAt);
    broken = false;
    await lock.unlock();
    expect(await rowOf(id)).toBeUndefined();
  });

  it("a lock held by a process that died (SIGKILL, its connection gone) lapses after the lease and is taken", async () => {
    const id = randomUUID();
    const child = spawn("npx", ["tsx", "tests/hold-tus-lock.ts", id, "1500"], {
      env: { ...process.env },
      stdio: ["ignore", "pipe", "inherit"],
      detached: true,
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    for (let i = 0; i < 300 && !out.includes("locked"); i++) await sleep(100);
    expect(out).toContain("locked");
    const crashed = await rowOf(id);
    expect(crashed).toBeDefined();

    const b = instance({ acquireTimeoutMs: 20_000 });
    // While the holder lives it renews: a short wait does not get in.
    await expect(instance({ acquireTimeoutMs: 2_000 }).newLock(id).lock(never(), () => {})).rejects.toBe(ERRORS.ERR_LOCK_TIMEOUT);
    // npx → tsx → node: kill the whole group so the holder itself dies without unlocking.
    process.kill(-child.pid!, "SIGKILL");
    await once(child, "exit");
    const started = Date.now();
    const lock = b.newLock(id);
    await lock.lock(never(), () => {});
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await rowOf(id))?.holder).not.toBe(crashed!.holder);
    await lock.unlock();
  }, 60_000);
});
