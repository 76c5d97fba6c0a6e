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
import { fromEventSqlRow, selectUnrelayed, type EventSqlRow } from "@/lib/events/stored";
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
  /** Deliveries of one key claimed along with its head and run in sequence (0: heads only). */
  followers?: number;
  logger?: Pick<Console, "info" | "warn" | "error">;
};

/** 1 s, 2 s, 4 s … capped at 10 minutes, ±20 % jitter so retries of many keys spread out. */
export function defaultBackoff(attempt: number): number {
  const base = Math.min(1000 * 2 ** (attempt - 1), 10 * 60_000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

type Claimed = Omit<EventSqlRow, "seq"> & {
  id: string;
  function_id: string;
  attempts: number;
  max_attempts: number;
  wait_for: WaitFor | null;
  steps: { step_id: string; kind: string; result: unknown }[];
};

type Outcome = { status: string; runAt?: Date; error?: string; output?: unknown; waitFor?: WaitFor | null };

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
  private readonly followers: number;
  /** Claimed by this worker and not finished yet. */
  private readonly held = new Set<string>();
  private readonly log: Pick<Console, "info" | "warn" | "error">;
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly abandoned = new Set<string>();
  private running = false;
  private loopDone: Promise<void> | null = null;
  private wakePending = false;
  // New events may be waiting for the dispatcher: set by NOTIFY, by the poll timer and at start;
  // a delivery finishing in this process only needs a claim round.
  private dispatchDue = true;
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
    this.followers = opts.followers ?? 20;
    this.log = opts.logger ?? console;
  }

  get busy(): number {
    return this.inflight.size;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.offLocalWake = onWake(() => this.wake(true));
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
      const progressed = await this.tick(true);
      if (!progressed && this.inflight.size === 0) return;
      if (!progressed) await Promise.race(this.inflight.values());
    }
  }

  wake(dispatch = false): void {
    if (dispatch) this.dispatchDue = true;
    this.wakePending = true;
    this.wakeResolve?.();
  }

  private async listen(): Promise<void> {
    const handle = await getDbHandle();
    try {
      this.unlisten = await handle.listen(WAKE_CHANNEL, () => this.wake(true), (err) => {
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
        this.dispatchDue = true;
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
      const timer = setTimeout(() => {
        this.wakeResolve = null;
        this.dispatchDue = true;
        done();
      }, ms);
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
  private async tick(forceDispatch = false): Promise<boolean> {
    this.wakePending = false;
    let dispatched = 0;
    if (this.dispatchDue || forceDispatch) {
      this.dispatchDue = false;
      dispatched = await this.dispatch();
      if (dispatched >= DISPATCH_BATCH) this.dispatchDue = true;
    }
    const free = this.concurrency - this.inflight.size;
    if (free <= 0) return dispatched > 0;
    const claimed = await this.claim(free);
    for (const group of byKey(claimed)) this.launch(group);
    return dispatched > 0 || claimed.length > 0;
  }

  // ───────────── dispatch ─────────────

  private async dispatch(): Promise<number> {
    const handle = await getDbHandle();
    return handle.transaction(async (conn) => {
      const [lock] = await conn.query<{ ok: boolean }>("SELECT pg_try_advisory_xact_lock($1) AS ok", [DISPATCH_LOCK]);
      if (!lock?.ok) return 0;
      const events = await selectUnrelayed(conn, DISPATCH_BATCH);
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
    events: EventSqlRow[],
  ): Promise<void> {
    const types = [...new Set(events.map((e) => e.event_type))];
    const waiting = await conn.query<{ id: string; wait_for: WaitFor }>(
      `SELECT id::text AS id, wait_for FROM deliveries
       WHERE status = 'waiting' AND wait_for->>'event' = ANY($1::text[]) FOR UPDATE SKIP LOCKED`,
      [types],
    );
    if (waiting.length === 0) return;
    const candidates = events.map((e) => {
      const domain = fromEventSqlRow(e);
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
        // Parked-and-due rather than queued: resuming is not a new try.
        `UPDATE deliveries SET status = 'sleeping', run_at = now(), updated_at = now() WHERE id = $1`,
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
    // The recursive CTE is a skip scan of deliveries_pending_idx: one index probe per key with
    // pending work, however long each key's backlog is. Sleeping and waiting deliveries step
    // out of that line until they are due again.
    return handle.transaction(async (conn) => {
      const rows = await conn.query<Claimed & { prev_status: string }>(
        `WITH RECURSIVE heads AS (
           (SELECT function_id, partition_key, id, status, run_at, lease_until FROM deliveries
            WHERE status IN ('queued', 'running')
            ORDER BY function_id, partition_key, id LIMIT 1)
           UNION ALL
           SELECT n.* FROM heads h CROSS JOIN LATERAL (
             SELECT function_id, partition_key, id, status, run_at, lease_until FROM deliveries d
             WHERE d.status IN ('queued', 'running')
               AND (d.function_id, d.partition_key) > (h.function_id, h.partition_key)
             ORDER BY d.function_id, d.partition_key, d.id LIMIT 1
           ) n
         ), candidates AS (
           SELECT id FROM heads
           WHERE (status = 'queued' AND run_at <= now()) OR (status = 'running' AND lease_until < now())
           UNION ALL
           SELECT id FROM deliveries WHERE status IN ('sleeping', 'waiting') AND run_at <= now()
         ), locked AS (
           SELECT d.id, d.status AS prev_status FROM deliveries d
           WHERE d.id IN (SELECT id FROM candidates) AND NOT (d.id = ANY($5::bigint[]))
             AND ((d.status IN ('queued', 'sleeping', 'waiting') AND d.run_at <= now())
                  OR (d.status = 'running' AND d.lease_until < now()))
           ORDER BY d.event_seq
           LIMIT $1
           FOR UPDATE SKIP LOCKED
         ), followers AS (
           -- Behind a claimed queued head, the next due deliveries of the same key come along
           -- (the contiguous run of them, up to $4): this worker runs them one after the other,
           -- in order, without a claim round trip per delivery.
           SELECT f.id, 'queued' AS prev_status FROM locked l
           JOIN deliveries h ON h.id = l.id
           CROSS JOIN LATERAL (
             SELECT x.id FROM (
               SELECT d.id, bool_and(d.status = 'queued' AND d.run_at <= now()) OVER (ORDER BY d.id) AS ok
               FROM deliveries d
               WHERE d.status IN ('queued', 'running') AND d.function_id = h.function_id
                 AND d.partition_key = h.partition_key AND d.id > h.id
               ORDER BY d.id LIMIT $4
             ) x WHERE x.ok
           ) f
           WHERE l.prev_status = 'queued'
         ), claimed AS (
           SELECT * FROM locked UNION ALL SELECT * FROM followers
         ), updated AS (
           UPDATE deliveries d SET
             status = 'running',
             attempts = d.attempts + CASE WHEN l.prev_status IN ('sleeping', 'waiting') THEN 0 ELSE 1 END,
             lease_until = now() + $2::interval,
             locked_by = $3,
             first_started_at = COALESCE(d.first_started_at, now()),
             updated_at = now()
           FROM claimed l WHERE d.id = l.id
           RETURNING d.id, d.event_seq, d.function_id, d.attempts, d.max_attempts, d.wait_for, l.prev_status
         )
         SELECT u.id::text AS id, u.function_id, u.attempts, u.max_attempts, u.wait_for, u.prev_status,
                e.event_id, e.event_type, e.partition_key, e.timestamp, e.data, e.metadata,
                (SELECT json_agg(json_build_object('step_id', s.step_id, 'kind', s.kind, 'result', s.result))
                   FROM delivery_steps s WHERE s.delivery_id = u.id) AS steps
         FROM updated u JOIN events e ON e.seq = u.event_seq
         ORDER BY u.id`,
        // Never re-claim what this process still runs, even if its lease lapsed meanwhile.
        [limit, lease, this.workerId, this.followers, [...this.held]],
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
      return rows.map((r) => ({ ...r, steps: r.steps ?? [] }));
    });
  }

  // ───────────── execute ─────────────

  // One group = one key's claimed deliveries, in event order; groups run in parallel.
  private launch(group: Claimed[]): void {
    const id = group[0]!.id;
    for (const row of group) this.held.add(row.id);
    const done = this.runGroup(group)
      .catch((err) => this.log.error(`[runner] delivery ${id}: ${(err as Error).message}`))
      .finally(() => {
        for (const row of group) this.held.delete(row.id);
        this.inflight.delete(id);
        this.wake();
      });
    this.inflight.set(id, done);
  }

  private async runGroup(group: Claimed[]): Promise<void> {
    const handle = await getDbHandle();
    const heartbeat = setInterval(() => {
      const ids = group.map((r) => r.id).filter((rid) => this.held.has(rid));
      void handle
        .query(
          `UPDATE deliveries SET lease_until = now() + $3::interval
           WHERE id = ANY($1::bigint[]) AND locked_by = $2 AND status = 'running'`,
          [ids, this.workerId, `${this.leaseMs} milliseconds`],
        )
        .catch(() => {});
    }, Math.max(50, Math.floor(this.leaseMs / 3)));
    heartbeat.unref();
    try {
      for (const [i, row] of group.entries()) {
        const status = await this.execute(row);
        this.held.delete(row.id);
        // A retry keeps the key's order: the deliveries behind it wait for it again.
        const rest = group.slice(i + 1);
        if (rest.length > 0 && (status === "queued" || status === "lost" || !this.running)) {
          await this.putBack(rest);
          return;
        }
      }
    } finally {
      clearInterval(heartbeat);
    }
  }

  // Followers not started: back to the queue as if never claimed.
  private async putBack(rows: Claimed[]): Promise<void> {
    const ids = rows.map((r) => r.id);
    for (const id of ids) this.held.delete(id);
    const handle = await getDbHandle();
    await handle.transaction(async (conn) => {
      await conn.query(
        `DELETE FROM delivery_attempts WHERE delivery_id = ANY($1::bigint[]) AND worker_id = $2 AND outcome IS NULL`,
        [ids, this.workerId],
      );
      await conn.query(
        `UPDATE deliveries SET status = 'queued', attempts = GREATEST(attempts - 1, 0), lease_until = NULL,
           locked_by = NULL, updated_at = now()
         WHERE id = ANY($1::bigint[]) AND locked_by = $2 AND status = 'running'`,
        [ids, this.workerId],
      );
    });
  }

  /** Runs one delivery; resolves to the status it was left in ("lost" if no longer ours). */
  private async execute(row: Claimed): Promise<string> {
    const fn = this.fns.get(row.function_id);
    const started = Date.now();
    if (!fn) {
      return this.finish(row, started, { status: "dead", error: `function ${row.function_id} is not registered in this process` });
    }
    // A crashed worker's try counts; past the limit the delivery is dead rather than run again.
    if (row.attempts > row.max_attempts) {
      return this.finish(row, started, { status: "dead", error: "the worker running it stopped responding; no tries left" });
    }
    try {
      const memo = new Map<string, Memo>(row.steps.map((s) => [s.step_id, { kind: s.kind, result: s.result }]));
      const event: DomainEvent = fromEventSqlRow(row);
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
      if (this.abandoned.has(row.id)) return "lost";
      return await this.finish(row, started, { status: "completed", output: output === undefined ? null : output });
    } catch (err) {
      if (this.abandoned.has(row.id)) return "lost";
      if (err instanceof LeaseLost) {
        this.log.warn(`[runner] ${err.message}`);
        return "lost";
      }
      if (err instanceof Suspend) {
        return this.finish(row, started, {
          status: err.wait ? "waiting" : "sleeping",
          runAt: err.until,
          waitFor: err.wait ?? null,
        });
      }
      const message = errorMessage(err);
      const noRetry = err instanceof NonRetriableError || row.attempts >= row.max_attempts;
      if (noRetry) return this.finish(row, started, { status: "dead", error: message });
      const retryAt = (err instanceof RetryAfterError && retryAfterDate(err.retryAfter)) || new Date(Date.now() + this.backoffMs(row.attempts));
      return this.finish(row, started, { status: "queued", runAt: retryAt, error: message });
    } finally {
      this.abandoned.delete(row.id);
    }
  }

  private finishing: { row: Claimed; ms: number; next: Outcome; done: (held: boolean) => void; fail: (err: unknown) => void }[] = [];
  private flushing = false;

  /**
   * Records how an execution ended. Under load many executions end at once: they are written
   * together, one statement per batch, fenced on this worker still holding each delivery (a
   * delivery another worker took over keeps that worker's result).
   */
  private finish(row: Claimed, started: number, next: Outcome): Promise<string> {
    return new Promise<boolean>((done, fail) => {
      this.finishing.push({ row, ms: Date.now() - started, next, done, fail });
      if (!this.flushing) void this.flush();
    }).then((held) => {
      // Another worker took the delivery over (our lease ran out): its run stands, and the
      // deliveries behind it in this group must not run here.
      if (!held) return "lost";
      if (next.status === "dead") this.log.warn(`[runner] delivery ${row.id} (${row.function_id}) is dead: ${next.error}`);
      return next.status;
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.finishing.length > 0) {
        const batch = this.finishing.splice(0, 500);
        try {
          const held = await this.writeOutcomes(batch);
          for (const item of batch) item.done(held.has(item.row.id));
        } catch (err) {
          for (const item of batch) item.fail(err);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Writes the outcomes; resolves to the ids this worker still held (the others were lost). */
  private async writeOutcomes(batch: { row: Claimed; ms: number; next: Outcome }[]): Promise<Set<string>> {
    const handle = await getDbHandle();
    const col = <T,>(f: (item: { row: Claimed; ms: number; next: Outcome }) => T) => batch.map(f);
    const outcomeOf = (status: string) =>
      status === "completed" ? "completed" : status === "sleeping" || status === "waiting" ? "suspended" : "failed";
    const written = await handle.query<{ id: string }>(
      `WITH input AS (
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[])
           AS t(id, status, run_at, error, output, wait_for, ms, outcome)
       ), updated AS (
         UPDATE deliveries d SET
           status = i.status,
           run_at = COALESCE(i.run_at, d.run_at),
           last_error = COALESCE(i.error, d.last_error),
           output = CASE WHEN i.status = 'completed' THEN i.output::jsonb ELSE d.output END,
           wait_for = i.wait_for::jsonb,
           finished_at = CASE WHEN i.status IN ('completed', 'dead') THEN now() ELSE NULL END,
           duration_ms = d.duration_ms + i.ms,
           lease_until = NULL, locked_by = NULL, updated_at = now()
         FROM input i
         WHERE d.id = i.id AND d.locked_by = $9 AND d.status = 'running'
         RETURNING d.id
       )
       , attempts AS (
       UPDATE delivery_attempts a SET outcome = i.outcome, error = i.error, finished_at = now(), duration_ms = i.ms,
         -- Followers are claimed before they start: their execution began ms ago, not at the claim.
         started_at = GREATEST(a.started_at, now() - make_interval(secs => i.ms / 1000.0))
       FROM input i
       WHERE a.delivery_id = i.id AND a.delivery_id IN (SELECT id FROM updated)
         AND a.worker_id = $9 AND a.outcome IS NULL
       )
       SELECT id::text AS id FROM updated`,
      [
        col((b) => b.row.id),
        col((b) => b.next.status),
        col((b) => b.next.runAt?.toISOString() ?? null),
        col((b) => b.next.error ?? null),
        col((b) => JSON.stringify(b.next.output ?? null)),
        col((b) => (b.next.waitFor ? JSON.stringify(b.next.waitFor) : null)),
        col((b) => b.ms),
        col((b) => outcomeOf(b.next.status)),
        this.workerId,
      ],
    );
    return new Set(written.map((r) => r.id));
  }

  // Shutdown past the grace period: hand the unfinished deliveries back at once rather than
  // leaving them to the lease; their finished steps stay memoised.
  private async releaseInflight(): Promise<void> {
    const ids = [...this.held];
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

/** RetryAfterError carries seconds ("30") or a date; anything else falls back to the back-off. */
function retryAfterDate(value: unknown): Date | null {
  const date =
    value instanceof Date ? value : /^\d+$/.test(String(value)) ? new Date(Date.now() + Number(value) * 1000) : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Claimed rows grouped by (function, partition key), each group in event order. */
function byKey(rows: Claimed[]): Claimed[][] {
  const groups = new Map<string, Claimed[]>();
  for (const row of rows) {
    const key = `${row.function_id}\u0000${row.partition_key}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()];
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 4000);
  return String(err).slice(0, 4000);
}
