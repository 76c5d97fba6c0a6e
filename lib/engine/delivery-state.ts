// A delivery (one event × one subscribed function) is a small state machine, and every change
// of state in the engine goes through this module, so attempt accounting lives in one place:
//
//   queued ──claim──▶ running ──finish──▶ completed | dead | queued (retry) | sleeping | waiting
//                                        (a try that memoised a new step restarts the count: stepTries)
//   sleeping/waiting ──claim when due──▶ running          (a resumption: not a new try)
//   waiting ──matching event──▶ sleeping, due now        (resolve)
//   running ──release (shutdown, followers put back)──▶ queued  (the try is given back)
//   running, lease expired ──claim by another worker──▶ running (the lost try counts)
//   dead ──requeue (explorer)──▶ queued                  (a fresh set of tries, at the back of its key's line)
import type { RawConnection } from "@/lib/db/client";
import { WAKE_CHANNEL } from "./wake";

export const DELIVERY_STATUSES = ["queued", "running", "sleeping", "waiting", "completed", "dead"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** What an execution can end in (finish). */
export type FinishStatus = Exclude<DeliveryStatus, "running">;

/** Parked deliveries resume without using a try; everything else claimed starts one. */
export const ATTEMPTS_AFTER_CLAIM_SQL = `attempts + CASE WHEN prev_status IN ('sleeping', 'waiting') THEN 0 ELSE 1 END`;

/**
 * Tries are counted per step, as on Inngest: `attempts` counts the tries of the step the
 * delivery is on, out of the function's `fnMaxAttempts`, above a base (0, or the tries already
 * used when the explorer re-queued it dead with `fnMaxAttempts` more: max_attempts − fnMaxAttempts).
 * A try that memoised a new step (progress) has moved on to the next step, so the failure or the
 * suspension it ends in is that step's first try: the outcome writes `base + 1` (a resumption
 * does not count a try, so it runs as that first try). A try without progress counts as
 * claimed. A try lost with a crashed worker counts against the step it was on.
 */
export function stepTries(
  row: { attempts: number; max_attempts: number },
  fnMaxAttempts: number,
  progressed: boolean,
): { base: number; attempts: number; restarted: boolean } {
  const base = Math.max(row.max_attempts - fnMaxAttempts, 0);
  return progressed ? { base, attempts: base + 1, restarted: true } : { base, attempts: row.attempts, restarted: false };
}

/** The outcome an execution is logged with in delivery_attempts. */
export function attemptOutcome(status: FinishStatus): "completed" | "failed" | "suspended" {
  if (status === "completed") return "completed";
  if (status === "sleeping" || status === "waiting") return "suspended";
  return "failed";
}

/**
 * running → queued for deliveries this worker holds but will not finish (shutdown, or followers
 * it never started): the try is given back, memoised steps stay. `reason` null deletes the
 * open attempt rows (never started), otherwise closes them as released.
 */
export async function releaseDeliveries(
  conn: RawConnection,
  ids: string[],
  workerId: string,
  reason: string | null,
): Promise<void> {
  if (ids.length === 0) return;
  if (reason === null) {
    await conn.query(
      `DELETE FROM delivery_attempts WHERE delivery_id = ANY($1::bigint[]) AND worker_id = $2 AND outcome IS NULL`,
      [ids, workerId],
    );
  } else {
    await conn.query(
      `UPDATE delivery_attempts SET outcome = 'released', finished_at = now(), error = $3
       WHERE delivery_id = ANY($1::bigint[]) AND worker_id = $2 AND outcome IS NULL`,
      [ids, workerId, reason],
    );
  }
  await conn.query(
    `UPDATE deliveries SET status = 'queued', attempts = GREATEST(attempts - 1, 0), run_at = LEAST(run_at, now()),
       lease_until = NULL, locked_by = NULL, updated_at = now()
     WHERE id = ANY($1::bigint[]) AND locked_by = $2 AND status = 'running'`,
    [ids, workerId],
  );
}

/**
 * dead → queued, due now, with `maxAttempts` tries in all; resolves to its id, or null if it
 * was not dead. It gets a new id, which puts it at the back of its key's line: the deliveries
 * behind it ran meanwhile (a dead delivery leaves the line), and one of them may be running
 * now; keeping its old place would run it beside that one and break the key's one-at-a-time.
 * Its steps and attempts follow the new id (ON UPDATE CASCADE).
 */
export async function requeueDead(conn: RawConnection, id: string, maxAttempts: number): Promise<string | null> {
  const rows = await conn.query<{ id: string }>(
    `UPDATE deliveries
     SET id = nextval(pg_get_serial_sequence('deliveries', 'id')), status = 'queued', run_at = now(), finished_at = NULL,
         lease_until = NULL, locked_by = NULL, max_attempts = $2::int, updated_at = now()
     WHERE id = $1::bigint AND status = 'dead' RETURNING id::text AS id`,
    [id, maxAttempts],
  );
  if (rows.length > 0) await notifyRunners(conn);
  return rows[0]?.id ?? null;
}

/** waiting → sleeping and due now, with the awaited event memoised as the wait step's result. */
export async function resolveWait(conn: RawConnection, id: string, stepId: string, event: unknown): Promise<void> {
  await conn.query(
    `INSERT INTO delivery_steps (delivery_id, step_id, kind, result) VALUES ($1, $2, 'wait', $3::jsonb)
     ON CONFLICT (delivery_id, step_id) DO NOTHING`,
    [id, stepId, JSON.stringify(event)],
  );
  // Parked-and-due rather than queued: resuming is not a new try.
  await conn.query(`UPDATE deliveries SET status = 'sleeping', run_at = now(), updated_at = now() WHERE id = $1 AND status = 'waiting'`, [id]);
}

/** Wakes every runner, in every process, once `conn`'s transaction commits. */
export async function notifyRunners(conn: RawConnection): Promise<void> {
  await conn.query("SELECT pg_notify($1, '')", [WAKE_CHANNEL]);
}
