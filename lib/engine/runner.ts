// The embedded durable runner: runs the app's Inngest function definitions against the events
// table, without Inngest. Several processes may run it on one PostgreSQL database, each with
// its own set of functions (placement.ts). A round:
//   dispatch  events not yet handed over → deliveries (dispatch.ts);
//   claim     due deliveries of this process's functions (claim.ts), within each function's
//             concurrency and throttle;
//   execute   the handler with memoised steps (step-tools.ts); the outcome is written in a
//             batch (outcomes.ts); failures retry with exponential back-off up to the function's
//             limit, counted per step as on Inngest, then the delivery is dead (the explorer
//             can retry it).
// Every change of a delivery's state is one of the transitions in delivery-state.ts. Timers use
// the database's clock. A maintenance round keeps the subscriptions alive and prunes old
// completed deliveries (retention.ts).
import { randomUUID } from "node:crypto";
import os from "node:os";
import { NonRetriableError, RetryAfterError } from "inngest";
import { getDbHandle } from "@/lib/db/client";
import type { DomainEvent } from "@/lib/events/catalog";
import { fromEventSqlRow } from "@/lib/events/stored";
import { claimFree, claimLimited, type Claimed } from "./claim";
import { releaseDeliveries, notifyRunners, stepTries } from "./delivery-state";
import { dispatchRound, DISPATCH_BATCH, registerFunctions, touchFunctions } from "./dispatch";
import { isLimited, type RunnerFunction } from "./functions";
import { toInngestEvent } from "./inngest-client";
import { WakeLoop, type LoopLogger, type RoundReason } from "./loop";
import { writeOutcomes, type Outcome, type OutcomeItem } from "./outcomes";
import { pruneCompleted, vacuumPruned } from "./retention";
import { createStepTools, LeaseLost, Suspend, type Memo } from "./step-tools";

export type RunnerOptions = {
  functions: RunnerFunction[];
  /** Most deliveries of a function this process runs at once (EVENT_RUNNER_FUNCTIONS `name:N`). */
  processLimits?: Map<string, number>;
  workerId?: string;
  /** Deliveries executed at once by this process. */
  concurrency?: number;
  /** How long a claim is valid without a heartbeat; a crashed worker's work is re-claimed after it. */
  leaseMs?: number;
  /** Fallback polling interval (LISTEN/NOTIFY normally wakes the runner at once). */
  pollMs?: number;
  /** Delay before retry number `attempt` of a step (1 = its first retry). */
  backoffMs?: (attempt: number) => number;
  /** How long stop() lets running deliveries finish before releasing them. */
  shutdownGraceMs?: number;
  /** Deliveries of one key claimed along with its head and run in sequence (0: heads only). */
  followers?: number;
  /** Completed deliveries older than this are pruned (null: kept for ever). */
  retentionMs?: number | null;
  /** How often the maintenance round (subscriptions, retention) runs. */
  maintenanceMs?: number;
  logger?: LoopLogger;
};

/** 1 s, 2 s, 4 s … capped at 10 minutes, ±20 % jitter so retries of many keys spread out. */
export function defaultBackoff(attempt: number): number {
  const base = Math.min(1000 * 2 ** (attempt - 1), 10 * 60_000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

export class EventRunner {
  readonly workerId: string;
  private readonly fns: Map<string, RunnerFunction>;
  private readonly freeIds: string[];
  private readonly limited: RunnerFunction[];
  private readonly processLimits: Map<string, number>;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly backoffMs: (attempt: number) => number;
  private readonly graceMs: number;
  private readonly followers: number;
  private readonly retentionMs: number | null;
  private readonly maintenanceMs: number;
  private readonly log: LoopLogger;
  /** Claimed by this worker and not finished yet. */
  private readonly held = new Set<string>();
  private readonly inflight = new Map<string, { functionId: string; done: Promise<void> }>();
  private readonly abandoned = new Set<string>();
  private readonly loop: WakeLoop;
  private registered: Promise<void> | null = null;
  // New events may be waiting for the dispatcher: set by NOTIFY, by the poll timer and at start;
  // a delivery finishing in this process only needs a claim round.
  private dispatchDue = true;
  private nextMaintenance = 0;
  private stopping = false;
  /** Groups finished so far: drain() must not stop on a claim round that raced one finishing. */
  private groupsDone = 0;
  private maintaining: Promise<void> | null = null;

  constructor(opts: RunnerOptions) {
    this.workerId = opts.workerId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.fns = new Map(opts.functions.map((f) => [f.id, f]));
    this.processLimits = opts.processLimits ?? new Map();
    this.limited = opts.functions.filter((f) => isLimited(f, this.processLimits.get(f.id)));
    this.freeIds = opts.functions.filter((f) => !this.limited.includes(f)).map((f) => f.id);
    this.concurrency = opts.concurrency ?? 10;
    this.leaseMs = opts.leaseMs ?? 30_000;
    this.pollMs = opts.pollMs ?? 1_000;
    this.backoffMs = opts.backoffMs ?? defaultBackoff;
    this.graceMs = opts.shutdownGraceMs ?? 10_000;
    this.followers = opts.followers ?? 20;
    this.retentionMs = opts.retentionMs ?? null;
    this.maintenanceMs = opts.maintenanceMs ?? 60_000;
    this.log = opts.logger ?? console;
    this.loop = new WakeLoop({
      name: "runner",
      round: (reason) => this.round(reason),
      backoffMs: (failures) => Math.min(250 * 2 ** failures, 10_000),
      wakeDuringBackoff: true,
      onNotify: () => (this.dispatchDue = true),
      onError: (err) => {
        this.dispatchDue = true;
        this.log.error(`[runner] ${(err as Error).message}`);
      },
      pollMs: this.pollMs,
      logger: this.log,
    });
  }

  get busy(): number {
    return this.inflight.size;
  }

  async start(): Promise<void> {
    await this.register();
    await this.loop.start();
  }

  /** Stops claiming, lets running deliveries finish for the grace period, then releases the rest. */
  async stop(): Promise<void> {
    if (!this.loop.isRunning) return;
    this.stopping = true;
    await this.loop.stop();
    const pending = [...this.inflight.values()].map((f) => f.done);
    const timedOut = await Promise.race([
      Promise.allSettled(pending).then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), this.graceMs).unref()),
    ]);
    if (timedOut) await this.releaseInflight();
    await this.maintaining;
  }

  /** Dispatches and runs until there is nothing due (tests and scripts; not with start()). */
  async drain({ timeoutMs = 30_000 } = {}): Promise<void> {
    await this.register();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (Date.now() > deadline) throw new Error("runner did not drain in time");
      const done = this.groupsDone;
      const progressed = await this.tick(true);
      if (!progressed && this.inflight.size === 0 && done === this.groupsDone) return;
      if (!progressed && this.inflight.size > 0) await Promise.race([...this.inflight.values()].map((f) => f.done));
    }
  }

  /** Runs the maintenance round now (tests and benchmarks). */
  async maintain(): Promise<void> {
    this.nextMaintenance = 0;
    this.startMaintenance();
    await this.maintaining;
  }

  wake(dispatch = false): void {
    if (dispatch) this.dispatchDue = true;
    this.loop.wake();
  }

  private register(): Promise<void> {
    this.registered ??= (async () => {
      const handle = await getDbHandle();
      await handle.transaction((conn) => registerFunctions(conn, [...this.fns.values()], this.workerId));
    })().catch((err) => {
      this.registered = null;
      throw err;
    });
    return this.registered;
  }

  private async round(reason: RoundReason): Promise<number> {
    if (reason !== "wake") this.dispatchDue = true;
    this.startMaintenance();
    const progressed = await this.tick();
    // Another process held the dispatch lock: it dispatches, but look again soon in case it
    // was only a parking delivery holding it (see outcomes.ts).
    if (this.dispatchDue) return 25;
    return progressed ? 0 : this.idleDelay();
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
    const handle = await getDbHandle();
    let dispatched = 0;
    if (this.dispatchDue || forceDispatch) {
      this.dispatchDue = false;
      const n = await handle.transaction((conn) => dispatchRound(conn));
      if (n === null) this.dispatchDue = !forceDispatch;
      dispatched = n ?? 0;
      if (dispatched >= DISPATCH_BATCH) this.dispatchDue = true;
    }
    let free = this.concurrency - this.inflight.size;
    if (free <= 0) return dispatched > 0;
    const common = { workerId: this.workerId, leaseMs: this.leaseMs, held: [...this.held] };
    const claimed = await handle.transaction((conn) =>
      claimFree(conn, { ...common, functionIds: this.freeIds, limit: free, followers: this.followers }),
    );
    for (const group of byKey(claimed)) this.launch(group);
    free -= byKey(claimed).length;
    let claimedLimited = 0;
    for (const fn of this.limited) {
      if (free <= 0) break;
      const local = this.processLimits.get(fn.id);
      const processFree = local === undefined ? free : local - this.runningHere(fn.id);
      const rows = await handle.transaction((conn) => claimLimited(conn, fn, { ...common, limit: free, processFree }));
      for (const row of rows) this.launch([row]);
      free -= rows.length;
      claimedLimited += rows.length;
    }
    return dispatched > 0 || claimed.length > 0 || claimedLimited > 0;
  }

  private runningHere(functionId: string): number {
    let n = 0;
    for (const f of this.inflight.values()) if (f.functionId === functionId) n++;
    return n;
  }

  private startMaintenance(): void {
    if (this.maintaining || Date.now() < this.nextMaintenance) return;
    this.nextMaintenance = Date.now() + this.maintenanceMs;
    this.maintaining = (async () => {
      const handle = await getDbHandle();
      await touchFunctions(handle, this.workerId);
      if (this.retentionMs !== null) {
        const pruned = await pruneCompleted(handle.transaction, { retentionMs: this.retentionMs });
        if (pruned) {
          await vacuumPruned(handle);
          this.log.info(`[runner] pruned ${pruned} completed deliveries past retention`);
        }
      }
    })()
      .catch((err) => this.log.warn(`[runner] maintenance failed (retried next round): ${(err as Error).message}`))
      .finally(() => (this.maintaining = null));
  }

  // ───────────── execute ─────────────

  // One group = one key's claimed deliveries, in dispatch order; groups run in parallel.
  private launch(group: Claimed[]): void {
    const head = group[0]!;
    for (const row of group) this.held.add(row.id);
    const done = this.runGroup(group)
      .catch((err) => this.log.error(`[runner] delivery ${head.id}: ${(err as Error).message}`))
      .finally(() => {
        for (const row of group) this.held.delete(row.id);
        this.inflight.delete(head.id);
        this.groupsDone++;
        this.wake();
      });
    this.inflight.set(head.id, { functionId: head.function_id, done });
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
        if (rest.length > 0 && (status === "queued" || status === "lost" || this.stopping)) {
          for (const r of rest) this.held.delete(r.id);
          await handle.transaction((conn) => releaseDeliveries(conn, rest.map((r) => r.id), this.workerId, null));
          return;
        }
      }
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Runs one delivery; resolves to the status it was left in ("lost" if no longer ours). */
  private async execute(row: Claimed): Promise<string> {
    const started = Date.now();
    try {
      const outcome = await this.run(row);
      if (outcome === "lost") return "lost";
      // Not caught as the function's failure: an outcome that cannot be written (the database
      // went away) leaves the delivery to its lease, and whoever claims it next replays it.
      return await this.finish(row, started, outcome);
    } finally {
      this.abandoned.delete(row.id);
    }
  }

  /** The handler's run, as the outcome to record. */
  private async run(row: Claimed): Promise<Outcome | "lost"> {
    const fn = this.fns.get(row.function_id)!;
    // A crashed worker's try counts; past the limit the delivery is dead rather than run again.
    if (row.attempts > row.max_attempts) return { status: "dead", error: "the worker running it stopped responding; no tries left" };
    // The database's clock, carried forward by this process's monotonic clock.
    const dbNow = row.db_now.getTime();
    const t0 = performance.now();
    const now = () => new Date(dbNow + (performance.now() - t0));
    const memo = new Map<string, Memo>(row.steps.map((s) => [s.step_id, { kind: s.kind, result: s.result }]));
    // Progress: a step memoised during this try (steps are stored as they complete), or the wait
    // resolved while the delivery was parked on it. It restarts the tries (stepTries).
    const before = new Set(row.steps.map((s) => s.step_id));
    if (row.wait_for && (row.prev_status === "sleeping" || row.prev_status === "waiting")) before.delete(row.wait_for.stepId);
    const tries = () => stepTries(row, fn.maxAttempts, [...memo.keys()].some((id) => !before.has(id)));
    try {
      const event: DomainEvent = fromEventSqlRow(row);
      const inngestEvent = toInngestEvent(event) as unknown as Record<string, unknown>;
      // The current step's try, from 0.
      const attempt = Math.max(row.attempts - 1 - stepTries(row, fn.maxAttempts, false).base, 0);
      const step = createStepTools({ deliveryId: row.id, workerId: this.workerId, event, inngestEvent, memo, waitFor: row.wait_for, now, attempt });
      const output = await fn.handler({
        event: inngestEvent,
        events: [inngestEvent],
        step,
        runId: `delivery-${row.id}`,
        attempt,
        logger: this.log,
      });
      if (this.abandoned.has(row.id)) return "lost";
      return { status: "completed", output: output === undefined ? null : output };
    } catch (err) {
      if (this.abandoned.has(row.id)) return "lost";
      if (err instanceof LeaseLost) {
        this.log.warn(`[runner] ${err.message}`);
        return "lost";
      }
      const t = tries();
      const attempts = t.restarted ? t.attempts : undefined;
      if (err instanceof Suspend) return { status: err.wait ? "waiting" : "sleeping", runAt: err.until, waitFor: err.wait ?? null, attempts };
      const message = errorMessage(err);
      const noRetry = err instanceof NonRetriableError || t.attempts >= row.max_attempts;
      if (noRetry) return { status: "dead", error: message, attempts };
      const retryAt = err instanceof RetryAfterError ? retryAfterDate(err.retryAfter, now()) : null;
      return retryAt
        ? { status: "queued", runAt: retryAt, error: message, attempts }
        : { status: "queued", delayMs: this.backoffMs(t.attempts - t.base), error: message, attempts };
    }
  }

  private finishing: (OutcomeItem & { fnId: string; done: (held: boolean) => void; fail: (err: unknown) => void })[] = [];
  private flushing = false;

  /** Records how an execution ended, batched with the others ending now (outcomes.ts). */
  private finish(row: Claimed, started: number, next: Outcome): Promise<string> {
    return new Promise<boolean>((done, fail) => {
      this.finishing.push({ id: row.id, fnId: row.function_id, ms: Date.now() - started, next, done, fail });
      if (!this.flushing) void this.flush();
    }).then((held) => {
      // Another worker took the delivery over (our lease ran out): its run stands, and the
      // deliveries behind it in this group must not run here.
      if (!held) return "lost";
      return next.status;
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      const handle = await getDbHandle();
      while (this.finishing.length > 0) {
        const batch = this.finishing.splice(0, 500);
        try {
          const held = await writeOutcomes(handle, batch, this.workerId);
          for (const item of batch) item.done(held.has(item.id));
          for (const item of batch) {
            if (item.next.status === "dead") this.log.warn(`[runner] delivery ${item.id} (${item.fnId}) is dead: ${item.next.error}`);
          }
        } catch (err) {
          for (const item of batch) item.fail(err);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  // Shutdown past the grace period: hand the unfinished deliveries back at once rather than
  // leaving them to the lease; their finished steps stay memoised.
  private async releaseInflight(): Promise<void> {
    const ids = [...this.held];
    if (ids.length === 0) return;
    for (const id of ids) this.abandoned.add(id);
    const handle = await getDbHandle();
    await handle.transaction(async (conn) => {
      await releaseDeliveries(conn, ids, this.workerId, "released at shutdown");
      await notifyRunners(conn);
    });
  }
}

/** RetryAfterError carries seconds ("30") or a date; anything else falls back to the back-off. */
function retryAfterDate(value: unknown, now: Date): Date | null {
  const date =
    value instanceof Date ? value : /^\d+$/.test(String(value)) ? new Date(now.getTime() + Number(value) * 1000) : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Claimed rows grouped by (function, partition key), each group in dispatch order. */
function byKey(rows: Claimed[]): Claimed[][] {
  const groups = new Map<string, Claimed[]>();
  for (const row of rows) {
    const key = `${row.function_id}\u0000${row.partition_key}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()];
}

// Stored in a text column: PostgreSQL refuses NUL bytes and lone surrogates there.
function errorMessage(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.replace(/\u0000/g, "\\0").toWellFormed().slice(0, 4000);
}
