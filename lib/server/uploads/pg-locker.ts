// tus's Locker (the lock @tus/server takes around every request on an upload) in PostgreSQL,
// so that it holds across app instances: on a serverless host the chunks of one answer reach
// different instances, and tus's MemoryLocker only serialises the requests of one process.
//
// A lease row in tus_locks rather than an advisory lock: an advisory lock lives in a database
// session, so each request would pin a pooled connection for its whole body (a slow upload for
// minutes), and it breaks behind a transaction-mode pooler (PgBouncer, Neon's and Supabase's
// pooled URLs), the usual way a serverless app reaches PostgreSQL. The lease instead:
// - is taken by one statement (the insert, or the take-over of a lapsed row);
// - is renewed by the holder every `heartbeatMs` while its request runs, and deleted by unlock;
// - lapses `leaseMs` after a holder died without unlocking (a crashed or frozen instance);
// - carries release_requested: a waiter sets it, and the holder's next renewal sees it and
//   calls tus's request-release callback (the holder finishes its write and unlocks). Within
//   one process the callback is called at once, as MemoryLocker does. A waiter repeats the
//   request every `askEveryMs`: the holder it asked may have unlocked and another waiter taken
//   the lock meanwhile, and that new holder must be asked too;
// - is given up by a holder that cannot renew it (a database blip): once its last successful
//   renewal is older than leaseMs − 2 × heartbeatMs it calls the request-release callback, so
//   its request stops writing before the lease can lapse and another instance write the file.
// Times are the database's clock (now()), never an instance's.
import { randomUUID } from "node:crypto";
import { ERRORS, type Lock, type Locker, type RequestRelease } from "@tus/utils";

export type LockQuery = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

export type PgLockerOptions = {
  /** Runs one statement on the shared database (a pooled query is fine). */
  query: () => Promise<LockQuery> | LockQuery;
  /** How long a lease lasts without renewal (a dead holder's lock lapses after this). */
  leaseMs?: number;
  /** How often a holder renews its lease and looks for a release request. */
  heartbeatMs?: number;
  /** How long lock() waits before tus's "lock timeout" error. */
  acquireTimeoutMs?: number;
  /** How often a waiter repeats its release request (the holder may have changed). */
  askEveryMs?: number;
  /** Logs renewal failures (past leaseMs − 2 × heartbeatMs without one, the request is released). */
  onError?: (err: unknown) => void;
};

type Held = { holder: string; requestRelease: RequestRelease; released: boolean };

export class PgLocker implements Locker {
  readonly leaseMs: number;
  readonly heartbeatMs: number;
  readonly acquireTimeoutMs: number;
  readonly askEveryMs: number;
  /** Locks this process holds, by upload id: a waiter here asks the holder directly. */
  readonly held = new Map<string, Held>();

  constructor(private readonly options: PgLockerOptions) {
    this.leaseMs = options.leaseMs ?? 15_000;
    this.heartbeatMs = options.heartbeatMs ?? Math.min(2_000, Math.floor(this.leaseMs / 3));
    this.acquireTimeoutMs = options.acquireTimeoutMs ?? 30_000;
    this.askEveryMs = options.askEveryMs ?? 1_000;
  }

  newLock(id: string): Lock {
    return new PgLock(id, this);
  }

  async query(): Promise<LockQuery> {
    return this.options.query();
  }

  reportError(err: unknown): void {
    (this.options.onError ?? ((e: unknown) => console.error("[uploads] tus lock renewal failed:", e instanceof Error ? e.message : e)))(err);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

class PgLock implements Lock {
  private readonly holder = randomUUID();
  private timer: NodeJS.Timeout | undefined;
  private state: Held | undefined;

  constructor(
    private readonly id: string,
    private readonly locker: PgLocker,
  ) {}

  async lock(stopSignal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    const deadline = Date.now() + this.locker.acquireTimeoutMs;
    const q = await this.locker.query();
    let askedAt = -Infinity;
    for (let attempt = 0; ; attempt++) {
      if (stopSignal.aborted || Date.now() >= deadline) throw ERRORS.ERR_LOCK_TIMEOUT;
      const sentAt = Date.now();
      const taken = await q<{ holder: string }>(
        `INSERT INTO tus_locks (id, holder, expires_at, release_requested)
         VALUES ($1, $2, now() + make_interval(secs => $3::double precision / 1000), false)
         ON CONFLICT (id) DO UPDATE
           SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at, release_requested = false
           WHERE tus_locks.expires_at <= now()
         RETURNING holder`,
        [this.id, this.holder, this.locker.leaseMs],
      );
      if (taken.length > 0) {
        if (stopSignal.aborted) {
          // Given up meanwhile: do not keep a lock nobody will unlock.
          await q(`DELETE FROM tus_locks WHERE id = $1 AND holder = $2`, [this.id, this.holder]);
          throw ERRORS.ERR_LOCK_TIMEOUT;
        }
        this.hold(requestRelease, sentAt);
        return;
      }
      if (Date.now() - askedAt >= this.locker.askEveryMs) {
        askedAt = Date.now();
        // Ask the holder to finish: at once when it is in this process, else at its next renewal.
        // Repeated, as the lock may have passed to another waiter since the last request.
        const local = this.locker.held.get(this.id);
        if (local && !local.released) {
          local.released = true;
          void Promise.resolve(local.requestRelease()).catch(() => {});
        }
        await q(`UPDATE tus_locks SET release_requested = true WHERE id = $1 AND holder <> $2`, [this.id, this.holder]);
      }
      // 20 ms, growing to 250 ms, with jitter so that waiters do not poll in step.
      await sleep(Math.min(250, 20 * 2 ** Math.min(attempt, 4)) * (0.75 + Math.random() / 2), stopSignal);
    }
  }

  private hold(requestRelease: RequestRelease, takenAt: number): void {
    const state: Held = { holder: this.holder, requestRelease, released: false };
    this.state = state;
    this.locker.held.set(this.id, state);
    const release = () => {
      if (state.released) return;
      state.released = true;
      void Promise.resolve(requestRelease()).catch(() => {});
    };
    // When the lease was last extended, on this instance's clock: the time a successful renewal
    // was *sent* (its statement set expires_at no earlier), so the estimate errs on the safe side.
    let renewedAt = takenAt;
    // Past this without a successful renewal the lease may lapse within two heartbeats: stop the
    // request now rather than write on while another instance could take the lock.
    const giveUpAfterMs = Math.max(0, this.locker.leaseMs - 2 * this.locker.heartbeatMs);
    const renew = async () => {
      const sentAt = Date.now();
      try {
        const q = await this.locker.query();
        const rows = await q<{ release_requested: boolean }>(
          `UPDATE tus_locks SET expires_at = now() + make_interval(secs => $3::double precision / 1000)
           WHERE id = $1 AND holder = $2 RETURNING release_requested`,
          [this.id, this.holder, this.locker.leaseMs],
        );
        // Lost (it lapsed and another request took it) or asked for: finish the request.
        if (rows.length === 0 || rows[0]!.release_requested) release();
        else renewedAt = Math.max(renewedAt, sentAt);
      } catch (err) {
        this.locker.reportError(err);
        if (Date.now() - renewedAt >= giveUpAfterMs) release();
      }
    };
    const tick = () => {
      // A renewal that hangs (no answer, no error) must not keep the request going either.
      if (Date.now() - renewedAt >= giveUpAfterMs) release();
      void renew();
    };
    this.timer = setInterval(tick, this.locker.heartbeatMs);
    this.timer.unref?.();
  }

  async unlock(): Promise<void> {
    if (!this.state) throw new Error("Releasing an unlocked lock!");
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.locker.held.get(this.id) === this.state) this.locker.held.delete(this.id);
    this.state = undefined;
    const q = await this.locker.query();
    await q(`DELETE FROM tus_locks WHERE id = $1 AND holder = $2`, [this.id, this.holder]);
  }
}
