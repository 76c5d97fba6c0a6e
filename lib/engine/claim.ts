// Claiming work: which due deliveries this worker runs next. Two paths:
//   claimFree     functions without limits: the oldest pending delivery of every (function,
//                 partition key), found by a skip scan (one index probe per key), plus the next
//                 due deliveries of the same key as followers;
//   claimLimited  one function with a concurrency limit, a throttle or a per-process limit:
//                 counted and claimed under an advisory lock for that function, so that several
//                 processes together never exceed the limit; no followers (each is one slot).
// Both mark the claim the same way (claimedRowsSql): running, a lease, the try counted.
import type { RawConnection } from "@/lib/db/client";
import type { EventSqlRow } from "@/lib/events/stored";
import { ATTEMPTS_AFTER_CLAIM_SQL, releaseDeliveries } from "./delivery-state";
import type { RunnerFunction } from "./functions";
import type { WaitFor } from "./step-tools";

export type Claimed = Omit<EventSqlRow, "seq"> & {
  id: string;
  function_id: string;
  attempts: number;
  max_attempts: number;
  wait_for: WaitFor | null;
  prev_status: string;
  /** Who held it before, when it was taken over from a worker whose lease expired. */
  prev_worker: string | null;
  /** The database's clock when the claim was made: step timers use it, not this process's. */
  db_now: Date;
  steps: { step_id: string; kind: string; result: unknown }[];
};

type ClaimCommon = { workerId: string; leaseMs: number; held: string[] };

// Given a CTE `claimed(id, prev_status)`: mark them running under this worker's lease, count
// the try (ATTEMPTS_AFTER_CLAIM_SQL), and return each with its event and memoised steps.
const claimedRowsSql = (claimedCte: string, p: { lease: string; worker: string }) => `
  ${claimedCte}, updated AS (
    UPDATE deliveries d SET
      status = 'running',
      attempts = d.${ATTEMPTS_AFTER_CLAIM_SQL.replace("prev_status", "l.prev_status")},
      lease_until = now() + ${p.lease}::interval,
      locked_by = ${p.worker},
      -- The clock, not the transaction's start: a limited claim may have waited for its lock.
      first_started_at = COALESCE(d.first_started_at, clock_timestamp()),
      updated_at = now()
    -- Still in the state it was claimed from: a follower another worker took meanwhile (its
    -- row was not locked when this statement's snapshot was taken) is left to that worker.
    FROM claimed l WHERE d.id = l.id AND d.status = l.prev_status
    RETURNING d.id, d.event_seq, d.function_id, d.attempts, d.max_attempts, d.wait_for, l.prev_status, l.prev_worker
  )
  SELECT u.id::text AS id, u.function_id, u.attempts, u.max_attempts, u.wait_for, u.prev_status, u.prev_worker, now() AS db_now,
         e.event_id, e.event_type, e.partition_key, e.timestamp, e.data, e.metadata,
         (SELECT json_agg(json_build_object('step_id', s.step_id, 'kind', s.kind, 'result', s.result))
            FROM delivery_steps s WHERE s.delivery_id = u.id) AS steps
  FROM updated u JOIN events e ON e.seq = u.event_seq
  ORDER BY u.id`;

/** Opens an attempt row for each claimed delivery; a delivery taken over from a dead worker closes its open one as lost. */
async function recordClaim(conn: RawConnection, rows: Claimed[], workerId: string): Promise<Claimed[]> {
  if (rows.length === 0) return [];
  const taken = rows.filter((r) => r.prev_status === "running");
  if (taken.length > 0) {
    const lost = taken.map((r) => r.id);
    await conn.query(
      `UPDATE delivery_attempts SET outcome = 'lost', finished_at = now(),
         error = 'the worker stopped responding (lease expired)'
       WHERE delivery_id = ANY($1::bigint[]) AND outcome IS NULL`,
      [lost],
    );
    // The dead worker's followers behind the one it was running never started (a group runs
    // in order, each outcome written before the next starts): back to the queue, their try
    // given back, rather than charged for a run that never happened.
    const followers = await conn.query<{ id: string; worker: string }>(
      `SELECT f.id::text AS id, f.locked_by AS worker FROM deliveries f
       JOIN unnest($1::bigint[], $2::text[]) AS t(id, worker) ON true
       JOIN deliveries h ON h.id = t.id
       WHERE f.function_id = h.function_id AND f.partition_key = h.partition_key AND f.id > h.id
         AND f.status = 'running' AND f.locked_by = t.worker
       FOR UPDATE OF f SKIP LOCKED`,
      [lost, taken.map((r) => r.prev_worker ?? "")],
    );
    for (const worker of new Set(followers.map((f) => f.worker))) {
      await releaseDeliveries(conn, followers.filter((f) => f.worker === worker).map((f) => f.id), worker, null);
    }
  }
  await conn.query(
    `INSERT INTO delivery_attempts (delivery_id, attempt, worker_id)
     SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[])`,
    [rows.map((r) => r.id), rows.map((r) => r.attempts), rows.map(() => workerId)],
  );
  return rows.map((r) => ({ ...r, steps: r.steps ?? [], db_now: new Date(r.db_now) }));
}

/**
 * Due deliveries of `functionIds` (functions without limits), at most `limit` heads plus up to
 * `followers` deliveries behind each queued head. Only a due head can be claimed, so a key's
 * deliveries run one at a time and in dispatch order; sleeping and waiting deliveries step out
 * of that line until they are due again.
 */
export async function claimFree(
  conn: RawConnection,
  opts: ClaimCommon & { functionIds: string[]; limit: number; followers: number },
): Promise<Claimed[]> {
  if (opts.functionIds.length === 0 || opts.limit <= 0) return [];
  const rows = await conn.query<Claimed>(
    claimedRowsSql(
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
         WHERE function_id = ANY($6::text[])
           AND ((status = 'queued' AND run_at <= now()) OR (status = 'running' AND lease_until < now()))
         UNION ALL
         SELECT id FROM deliveries
         WHERE status IN ('sleeping', 'waiting') AND run_at <= now() AND function_id = ANY($6::text[])
       ), locked AS (
         SELECT d.id, d.status AS prev_status, d.locked_by AS prev_worker FROM deliveries d
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
         SELECT f.id, 'queued' AS prev_status, NULL::text AS prev_worker FROM locked l
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
       )`,
      { lease: "$2", worker: "$3" },
    ),
    // Never re-claim what this process still runs, even if its lease lapsed meanwhile.
    [opts.limit, `${opts.leaseMs} milliseconds`, opts.workerId, opts.followers, opts.held, opts.functionIds],
  );
  return recordClaim(conn, rows, opts.workerId);
}

/** A stable advisory-lock key per limited function (hashtext of a prefixed id). */
const LIMIT_LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('intervue-engine-limit:' || $1))`;

/**
 * Due deliveries of one function with limits: as many as its global concurrency (minus what
 * runs anywhere), this process's limit (minus what runs here), and its throttle (runs started in
 * the last period, per key or in all) allow, and at most `limit`. Runs in the caller's
 * transaction, serialised per function across processes by an advisory lock.
 */
export async function claimLimited(
  conn: RawConnection,
  fn: RunnerFunction,
  opts: ClaimCommon & { limit: number; processFree: number },
): Promise<Claimed[]> {
  let free = Math.min(opts.limit, opts.processFree);
  if (free <= 0) return [];
  await conn.query(LIMIT_LOCK_SQL, [fn.id]);
  if (fn.concurrency !== null) {
    const [row] = await conn.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM deliveries WHERE function_id = $1 AND status = 'running' AND lease_until >= now()`,
      [fn.id],
    );
    free = Math.min(free, fn.concurrency - (row?.n ?? 0));
    if (free <= 0) return [];
  }
  const throttle = fn.throttle;
  // New runs only (first_started_at IS NULL) use up the throttle; a retry or a resumption does not.
  const rows = await conn.query<Claimed>(
    claimedRowsSql(
      `WITH heads AS (
         SELECT DISTINCT ON (partition_key) id, partition_key, status, run_at, lease_until, first_started_at, event_seq
         FROM deliveries WHERE function_id = $1 AND status IN ('queued', 'running')
         ORDER BY partition_key, id
       ), due AS (
         SELECT id, partition_key, status AS prev_status, first_started_at, event_seq FROM heads
         WHERE (status = 'queued' AND run_at <= now()) OR (status = 'running' AND lease_until < now())
         UNION ALL
         SELECT id, partition_key, status, first_started_at, event_seq FROM deliveries
         WHERE function_id = $1 AND status IN ('sleeping', 'waiting') AND run_at <= now()
       ), started AS (
         SELECT partition_key, count(*)::int AS n FROM deliveries
         WHERE function_id = $1 AND first_started_at > clock_timestamp() - $5::interval
         GROUP BY ROLLUP (partition_key)
       ), ranked AS (
         SELECT due.*, (due.first_started_at IS NULL) AS is_new,
                sum(CASE WHEN due.first_started_at IS NULL THEN 1 ELSE 0 END)
                  OVER (${throttle?.perKey ? "PARTITION BY due.partition_key " : ""}ORDER BY due.event_seq) AS new_rank
         FROM due WHERE NOT (due.id = ANY($4::bigint[]))
       ), allowed AS (
         SELECT r.id, r.prev_status, r.event_seq FROM ranked r
         WHERE NOT r.is_new OR $6::int IS NULL OR r.new_rank + COALESCE((
           SELECT s.n FROM started s
           WHERE ${throttle?.perKey ? "s.partition_key = r.partition_key" : "s.partition_key IS NULL"}
         ), 0) <= $6::int
       ), claimed AS (
         SELECT d.id, a.prev_status, d.locked_by AS prev_worker FROM deliveries d JOIN allowed a ON a.id = d.id
         -- Re-checked on the locked row: the CTEs above saw the statement's snapshot.
         WHERE (d.status IN ('queued', 'sleeping', 'waiting') AND d.run_at <= now())
            OR (d.status = 'running' AND d.lease_until < now())
         ORDER BY a.event_seq LIMIT $7
         FOR UPDATE OF d SKIP LOCKED
       )`,
      { lease: "$2", worker: "$3" },
    ),
    [
      fn.id,
      `${opts.leaseMs} milliseconds`,
      opts.workerId,
      opts.held,
      `${throttle?.periodMs ?? 0} milliseconds`,
      throttle?.limit ?? null,
      free,
    ],
  );
  return recordClaim(conn, rows, opts.workerId);
}
