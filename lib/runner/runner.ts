// The embedded durable runner: runs the app's Inngest function definitions against the events
// table, without Inngest. Several processes may run it on one PostgreSQL database:
//   dispatch  events not yet handed over → one delivery per subscribed function (one
//             dispatcher at a time, so deliveries are created in event order);
//   claim     the oldest unfinished delivery of each (function, partition key), if due, with
//             FOR UPDATE SKIP LOCKED and a lease that the running worker keeps extending;
//   execute   the handler with memoised steps; failures retry with exponential back-off up to
//             the function's limit, then the delivery is dead (the explorer can retry it).
// Wake-ups come from LISTEN/NOTIFY (a trigger on the events table) with polling as fallback.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { NonRetriableError, RetryAfterError } from "inngest";
import { getDbHandle, type RawConnection } from "@/lib/db/client";
import type { DomainEvent } from "@/lib/events/catalog";
import { toDomainEvent } from "@/lib/events/stored";
import { toInngestEvent } from "@/inngest/client";
import type { RunnerFunction } from "./functions";
import { createStepTools, getPath, LeaseLost, Suspend, type Memo, type WaitFor } from "./step-tools";
import { onWake, WAKE_CHANNEL } from "./wake";

export type RunnerOptions = {
  functions: RunnerFunction[];
  workerId?: string;
  /** Deliveries executed at once by this process. */
  concurrency?: number;
  /** How long a claim is valid without a heartbeat; a crashed worker's work is re-claimed after it. */
  leaseMs?: number;
  /** Fallback polling interval (LISTEN/NOTIFY normally wakes the runner at once). */
  pollMs?: number;
  /** Delay before retry number `attempt` (1 = first retry). */
  backoffMs?: (attempt: number) => number;
  /** How long stop() lets running deliveries finish before releasing them. */
  shutdownGraceMs?: number;
  logger?: Pick<Console, "info" | "warn" | "error">;
};

/** 1 s, 2 s, 4 s … capped at 10 minutes, ±20 % jitter so retries of many keys spread out. */
export function defaultBackoff(attempt: number): number {
  const base = Math.min(1000 * 2 ** (attempt - 1), 10 * 60_000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

type Claimed = {
  id: string;
  function_id: string;
  attempts: number;
  max_attempts: number;
  resumed: boolean;
  lost: boolean;
  wait_for: WaitFor | null;
  event_id: string;
  event_type: string;
  partition_key: string;
  timestamp: Date;
  data: unknown;
  metadata: unknown;
};

const DISPATCH_LOCK = 72_460_114;
const DISPATCH_BATCH = 500;

export class EventRunner {
  readonly workerId: string;
  private readonly fns: Map<string, RunnerFunction>;
  private readonly byEvent = new Map<string, RunnerFunction[]>();
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly backoffMs: (attempt: number) => number;
  private readonly graceMs: number;
  private readonly log: Pick<Console, "info" | "warn" | "error">;
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly abandoned = new Set<string>();
  private running = false;
  private loopDone: Promise<void> | null = null;
  private wakePending = false;
  private wakeResolve: (() => void) | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private offLocalWake: (() => void) | null = null;

  constructor(opts: RunnerOptions) {
    this.workerId = opts.workerId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.fns = new Map(opts.functions.map((f) => [f.id, f]));
    for (const fn of opts.functions) {
      for (const type of fn.triggers) this.byEvent.set(type, [...(this.byEvent.get(type) ?? []), fn]);
    }
    this.concurrency = opts.concurrency ?? 10;
    this.leaseMs = opts.leaseMs ?? 30_000;
    this.pollMs = opts.pollMs ?? 1_000;
    this.backoffMs = opts.backoffMs ?? defaultBackoff;
    this.graceMs = opts.shutdownGraceMs ?? 10_000;
    this.log = opts.logger ?? console;
  }

  get busy(): number {
    return this.inflight.size;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.offLocalWake = onWake(() => this.wake());
    await this.listen();
    this.loopDone = this.loop();
  }

  /** Stops claiming, lets running deliveries finish for the grace period, then releases the rest. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake();
    await this.loopDone;
    const pending = [...this.inflight.values()];
    const timedOut = await Promise.race([
      Promise.allSettled(pending).then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), this.graceMs).unref()),
    ]);
    if (timedOut) await this.releaseInflight();
    this.offLocalWake?.();
    await this.unlisten?.().catch(() => {});
    this.unlisten = null;
  }

  /** Dispatches and runs until there is nothing due (tests and scripts; not with start()). */
  async drain({ timeoutMs = 30_000 } = {}): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (Date.now() > deadline) throw new Error("runner did not drain in time");
      const progressed = await this.tick();
      if (!progressed && this.inflight.size === 0) return;
      if (!progressed) await Promise.race(this.inflight.values());
    }
  }

  wake(): void {
    this.wakePending = true;
    this.wakeResolve?.();
  }

  private async listen(): Promise<void> {
    const handle = await getDbHandle();
    try {
      this.unlisten = await handle.listen(WAKE_CHANNEL, () => this.wake(), (err) => {
        this.log.warn(`[runner] LISTEN connection lost (${err.message}); polling until it is back`);
        this.unlisten = null;
        setTimeout(() => {
          if (this.running && !this.unlisten) void this.listen();
        }, 1_000).unref();
      });
    } catch (err) {
      this.log.warn(`[runner] LISTEN failed (${(err as Error).message}); polling every ${this.pollMs} ms`);
    }
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const progressed = await this.tick();
        failures = 0;
        if (!progressed) await this.sleep(await this.idleDelay());
      } catch (err) {
        failures++;
        this.log.error(`[runner] ${(err as Error).message}`);
        await this.sleep(Math.min(250 * 2 ** failures, 10_000));
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.wakePending || !this.running) {
      this.wakePending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeResolve = () => {
        this.wakeResolve = null;
        this.wakePending = false;
        done();
      };
    });
  }

  // Until the next timer (back-off, sleep, wait time-out, an expiring lease) or the poll
  // interval. Deliveries already due but queued behind their key's running head are not
  // timers: the head's completion wakes the runner that ran it, and the poll covers the rest.
  private async idleDelay(): Promise<number> {
    if (this.inflight.size >= this.concurrency) return this.pollMs;
    const handle = await getDbHandle();
    const [row] = await handle.query<{ ms: number | null }>(
      `SELECT EXTRACT(EPOCH FROM (LEAST(
         (SELECT min(run_at) FROM deliveries WHERE status IN ('queued', 'sleeping', 'waiting') AND run_at > now()),
         (SELECT min(lease_until) FROM deliveries WHERE status = 'running' AND lease_until > now())
       ) - now())) * 1000 AS ms`,
    );
    const ms = row?.ms == null ? this.pollMs : Number(row.ms);
    return Math.max(5, Math.min(this.pollMs, ms));
  }

  /** One round of dispatching and claiming; true if anything happened. */
  private async tick(): Promise<boolean> {
    this.wakePending = false;
    const dispatched = await this.dispatch();
    const free = this.concurrency - this.inflight.size;
    if (free <= 0) return dispatched > 0;
    const claimed = await this.claim(free);
    for (const row of claimed) this.launch(row);
    return dispatched > 0 || claimed.length > 0;
  }

  // ───────────── dispatch ─────────────

  private async dispatch(): Promise<number> {
    const handle = await getDbHandle();
    return handle.transaction(async (conn) => {
      const [lock] = await conn.query<{ ok: boolean }>("SELECT pg_try_advisory_xact_lock($1) AS ok", [DISPATCH_LOCK]);
      if (!lock?.ok) return 0;
      const events = await conn.query<{
        seq: string;
        event_id: string;
        event_type: string;
        partition_key: string;
        timestamp: Date;
        data: unknown;
        metadata: unknown;
      }>(
        `SELECT seq::text AS seq, event_id, event_type, partition_key, timestamp, data, metadata
         FROM events WHERE relayed_at IS NULL ORDER BY events.seq LIMIT $1`,
        [DISPATCH_BATCH],
      );
      if (events.length === 0) return 0;
      const cols: [string[], string[], string[], string[], number[]] = [[], [], [], [], []];
      for (const e of events) {
        for (const fn of this.byEvent.get(e.event_type) ?? []) {
          cols[0].push(e.seq);
          cols[1].push(e.event_id);
          cols[2].push(fn.id);
          cols[3].push(e.partition_key);
          cols[4].push(fn.maxAttempts);
        }
      }
      if (cols[0].length > 0) {
        await conn.query(
          `INSERT INTO deliveries (event_seq, event_id, function_id, partition_key, max_attempts)
           SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::text[], $5::int[])
           ON CONFLICT (event_id, function_id) DO NOTHING`,
          cols,
        );
      }
      await conn.query(`UPDATE events SET relayed_at = now() WHERE seq = ANY($1::bigint[])`, [events.map((e) => e.seq)]);
      await this.resolveWaits(conn, events);
      return events.length;
    });
  }

  // Deliveries parked on step.waitForEvent get the first matching event stored after they began.
  private async resolveWaits(
    conn: RawConnection,
    events: { event_id: string; event_type: string; partition_key: string; timestamp: Date; data: unknown; metadata: unknown }[],
  ): Promise<void> {
    const types = [...new Set(events.map((e) => e.event_type))];
    const waiting = await conn.query<{ id: string; wait_for: WaitFor }>(
      `SELECT id::text AS id, wait_for FROM deliveries
       WHERE status = 'waiting' AND wait_for->>'event' = ANY($1::text[]) FOR UPDATE SKIP LOCKED`,
      [types],
    );
    if (waiting.length === 0) return;
    const candidates = events.map((e) => {
      const domain = toDomainEvent({ eventId: e.event_id, eventType: e.event_type, partitionKey: e.partition_key, timestamp: e.timestamp, data: e.data, metadata: e.metadata });
      return { domain, inngest: toInngestEvent(domain) as unknown as Record<string, unknown> };
    });
    for (const d of waiting) {
      const w = d.wait_for;
      const hit = candidates.find(
        (c) =>
          c.domain.eventType === w.event &&
          c.domain.timestamp >= w.since &&
          (!w.match || JSON.stringify(getPath(c.inngest, w.match) ?? null) === JSON.stringify(w.expected)),
      );
      if (!hit) continue;
      await conn.query(
        `INSERT INTO delivery_steps (delivery_id, step_id, kind, result) VALUES ($1, $2, 'wait', $3::jsonb)
         ON CONFLICT (delivery_id, step_id) DO NOTHING`,
        [d.id, w.stepId, JSON.stringify(hit.inngest)],
      );
      await conn.query(
        `UPDATE deliveries SET status = 'queued', run_at = now(), wait_for = NULL, updated_at = now() WHERE id = $1`,
        [d.id],
      );
    }
  }

  // ───────────── claim ─────────────

  private async claim(limit: number): Promise<Claimed[]> {
    const handle = await getDbHandle();
    const lease = `${this.leaseMs} milliseconds`;
    // Heads: the oldest queued-or-running delivery of every (function, partition key). Only a
    // due head can be claimed, so a key's deliveries run one at a time and in event order.
    // Sleeping and waiting deliveries step out of that line until they are due again.
    return handle.transaction(async (conn) => {
      const rows = await conn.query<Claimed & { prev_status: string }>(
        `WITH heads AS (
           SELECT DISTINCT ON (function_id, partition_key) id, status, run_at, lease_until
           FROM deliveries WHERE status IN ('queued', 'running')
           ORDER BY function_id, partition_key, event_seq
         ), candidates AS (
           SELECT id FROM heads
           WHERE (status = 'queued' AND run_at <= now()) OR (status = 'running' AND lease_until < now())
           UNION ALL
           SELECT id FROM deliveries WHERE status IN ('sleeping', 'waiting') AND run_at <= now()
         ), locked AS (
           SELECT d.id, d.status AS prev_status FROM deliveries d
           WHERE d.id IN (SELECT id FROM candidates)
             AND ((d.status IN ('queued', 'sleeping', 'waiting') AND d.run_at <= now())
                  OR (d.status = 'running' AND d.lease_until < now()))
           ORDER BY d.event_seq
           LIMIT $1
           FOR UPDATE SKIP LOCKED
         ), updated AS (
           UPDATE deliveries d SET
             status = 'running',
             attempts = d.attempts + CASE WHEN l.prev_status IN ('sleeping', 'waiting') THEN 0 ELSE 1 END,
             lease_until = now() + $2::interval,
             locked_by = $3,
             first_started_at = COALESCE(d.first_started_at, now()),
             updated_at = now()
           FROM locked l WHERE d.id = l.id
           RETURNING d.id, d.event_seq, d.function_id, d.attempts, d.max_attempts, d.wait_for, l.prev_status
         )
         SELECT u.id::text AS id, u.function_id, u.attempts, u.max_attempts, u.wait_for, u.prev_status,
                e.event_id, e.event_type, e.partition_key, e.timestamp, e.data, e.metadata
         FROM updated u JOIN events e ON e.seq = u.event_seq
         ORDER BY u.event_seq`,
        [limit, lease, this.workerId],
      );
      if (rows.length === 0) return [];
      const lost = rows.filter((r) => r.prev_status === "running").map((r) => r.id);
      if (lost.length > 0) {
        await conn.query(
          `UPDATE delivery_attempts SET outcome = 'lost', finished_at = now(),
             error = 'the worker stopped responding (lease expired)'
           WHERE delivery_id = ANY($1::bigint[]) AND outcome IS NULL`,
          [lost],
        );
      }
      await conn.query(
        `INSERT INTO delivery_attempts (delivery_id, attempt, worker_id)
         SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[])`,
        [rows.map((r) => r.id), rows.map((r) => r.attempts), rows.map(() => this.workerId)],
      );
      return rows.map((r) => ({ ...r, resumed: r.prev_status === "sleeping" || r.prev_status === "waiting", lost: r.prev_status === "running" }));
    });
  }

  // ───────────── execute ─────────────

  private launch(row: Claimed): void {
    const done = this.execute(row)
      .catch((err) => this.log.error(`[runner] delivery ${row.id}: ${(err as Error).message}`))
      .finally(() => {
        this.inflight.delete(row.id);
        this.wake();
      });
    this.inflight.set(row.id, done);
  }

  private async execute(row: Claimed): Promise<void> {
    const handle = await getDbHandle();
    const fn = this.fns.get(row.function_id);
    const started = Date.now();
    if (!fn) {
      await this.finish(row, started, { status: "dead", error: `function ${row.function_id} is not registered in this process` });
      return;
    }
    // A crashed worker's try counts; past the limit the delivery is dead rather than run again.
    if (row.attempts > row.max_attempts) {
      await this.finish(row, started, { status: "dead", error: "the worker running it stopped responding; no tries left" });
      return;
    }
    const heartbeat = setInterval(() => {
      void handle
        .query(
          `UPDATE deliveries SET lease_until = now() + $3::interval WHERE id = $1 AND locked_by = $2 AND status = 'running'`,
          [row.id, this.workerId, `${this.leaseMs} milliseconds`],
        )
        .catch(() => {});
    }, Math.max(50, Math.floor(this.leaseMs / 3)));
    heartbeat.unref();

    try {
      const steps = await handle.query<{ step_id: string; kind: string; result: unknown }>(
        `SELECT step_id, kind, result FROM delivery_steps WHERE delivery_id = $1`,
        [row.id],
      );
      const memo = new Map<string, Memo>(steps.map((s) => [s.step_id, { kind: s.kind, result: s.result }]));
      const event: DomainEvent = toDomainEvent({
        eventId: row.event_id,
        eventType: row.event_type,
        partitionKey: row.partition_key,
        timestamp: row.timestamp,
        data: row.data,
        metadata: row.metadata,
      });
      const inngestEvent = toInngestEvent(event) as unknown as Record<string, unknown>;
      const step = createStepTools({
        deliveryId: row.id,
        workerId: this.workerId,
        event,
        inngestEvent,
        memo,
        waitFor: row.wait_for,
        now: () => new Date(),
      });
      const output = await fn.handler({
        event: inngestEvent,
        events: [inngestEvent],
        step,
        runId: `delivery-${row.id}`,
        attempt: row.attempts - 1,
        logger: this.log,
      });
      if (this.abandoned.has(row.id)) return;
      await this.finish(row, started, { status: "completed", output: output === undefined ? null : output });
    } catch (err) {
      if (this.abandoned.has(row.id)) return;
      if (err instanceof LeaseLost) {
        this.log.warn(`[runner] ${err.message}`);
        return;
      }
      if (err instanceof Suspend) {
        await this.finish(row, started, {
          status: err.wait ? "waiting" : "sleeping",
          runAt: err.until,
          waitFor: err.wait ?? null,
        });
        return;
      }
      const message = errorMessage(err);
      const noRetry = err instanceof NonRetriableError || row.attempts >= row.max_attempts;
      if (noRetry) {
        await this.finish(row, started, { status: "dead", error: message });
        return;
      }
      const retryAt =
        err instanceof RetryAfterError
          ? new Date(err.retryAfter)
          : new Date(Date.now() + this.backoffMs(row.attempts));
      await this.finish(row, started, { status: "queued", runAt: retryAt, error: message });
    } finally {
      clearInterval(heartbeat);
      this.abandoned.delete(row.id);
    }
  }

  private async finish(
    row: Claimed,
    started: number,
    next: { status: string; runAt?: Date; error?: string; output?: unknown; waitFor?: WaitFor | null },
  ): Promise<void> {
    const handle = await getDbHandle();
    const ms = Date.now() - started;
    const final = next.status === "completed" || next.status === "dead";
    const outcome =
      next.status === "completed" ? "completed" : next.status === "sleeping" || next.status === "waiting" ? "suspended" : "failed";
    await handle.transaction(async (conn) => {
      const updated = await conn.query(
        `UPDATE deliveries SET
           status = $3,
           run_at = COALESCE($4::timestamptz, run_at),
           last_error = COALESCE($5, last_error),
           output = CASE WHEN $3 = 'completed' THEN $6::jsonb ELSE output END,
           wait_for = $7::jsonb,
           finished_at = CASE WHEN $8 THEN now() ELSE NULL END,
           duration_ms = duration_ms + $9,
           lease_until = NULL, locked_by = NULL, updated_at = now()
         WHERE id = $1 AND locked_by = $2 AND status = 'running'
         RETURNING id`,
        [
          row.id,
          this.workerId,
          next.status,
          next.runAt ?? null,
          next.error ?? null,
          JSON.stringify(next.output ?? null),
          next.waitFor ? JSON.stringify(next.waitFor) : null,
          final,
          ms,
        ],
      );
      if (updated.length === 0) return; // another worker took it over; its result stands
      await conn.query(
        `UPDATE delivery_attempts SET outcome = $3, error = $4, finished_at = now(), duration_ms = $5
         WHERE delivery_id = $1 AND worker_id = $2 AND outcome IS NULL`,
        [row.id, this.workerId, outcome, next.error ?? null, ms],
      );
    });
    if (next.status === "dead") this.log.warn(`[runner] delivery ${row.id} (${row.function_id}) is dead: ${next.error}`);
  }

  // Shutdown past the grace period: hand the unfinished deliveries back at once rather than
  // leaving them to the lease; their finished steps stay memoised.
  private async releaseInflight(): Promise<void> {
    const ids = [...this.inflight.keys()];
    if (ids.length === 0) return;
    for (const id of ids) this.abandoned.add(id);
    const handle = await getDbHandle();
    await handle.transaction(async (conn) => {
      await conn.query(
        `UPDATE delivery_attempts SET outcome = 'released', finished_at = now(), error = 'released at shutdown'
         WHERE delivery_id = ANY($1::bigint[]) AND worker_id = $2 AND outcome IS NULL`,
        [ids, this.workerId],
      );
      await conn.query(
        `UPDATE deliveries SET status = 'queued', attempts = GREATEST(attempts - 1, 0), run_at = now(),
           lease_until = NULL, locked_by = NULL, updated_at = now()
         WHERE id = ANY($1::bigint[]) AND locked_by = $2 AND status = 'running'`,
        [ids, this.workerId],
      );
      await conn.query("SELECT pg_notify($1, '')", [WAKE_CHANNEL]);
    });
  }
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 4000);
  return String(err).slice(0, 4000);
}
