// Dispatch: events not yet handed over → one delivery per subscribed function. Subscriptions
// are the functions any runner process registered (engine_functions), not only this process's:
// a function placed on a worker host, or added by a newer release while an older process still
// dispatches, gets its deliveries either way. One dispatcher at a time (an advisory lock), so
// deliveries are created in event order.
//
// Which past events a newly registered function gets: every event not yet dispatched when it
// registers, and all later ones; never history already dispatched (a new consumer is not a
// replay). Registration takes the dispatch lock, so no dispatch straddles it.
import type { RawConnection } from "@/lib/db/client";
import { fromEventSqlRow, type EventSqlRow } from "@/lib/events/stored";
import { notifyRunners, resolveWait } from "./delivery-state";
import type { RunnerFunction } from "./functions";
import { toInngestEvent } from "./inngest-client";
import { getPath, type WaitFor } from "./step-tools";

export const DISPATCH_LOCK = 72_460_114;
export const DISPATCH_BATCH = 500;
/** A function no process has registered for this long is no longer subscribed. */
export const SUBSCRIPTION_TTL = "7 days";
/**
 * How long before a wait began an event may have been dispatched and still match it: a
 * dispatch that commits while the wait is being set up must not be missed, so the boundary
 * errs on the side of matching (see docs/decisions/0003-engine-contract.md).
 */
export const WAIT_MATCH_ALLOWANCE = "1 second";
/** A registration refreshed this recently belongs to a running process. */
export const LIVE_REGISTRATION = "10 minutes";

/**
 * Each function's subscription: the union of the triggers of the processes running it now
 * (during a rolling deploy, the old release's and the new one's, so no event of either is
 * missed); when none is running (its worker host is down), the last registration's, for up to
 * SUBSCRIPTION_TTL, so its events queue for it rather than being lost.
 */
export const SUBSCRIPTIONS_SQL = `
  WITH regs AS (
    SELECT function_id, registrant, triggers, max_attempts, last_seen_at,
           last_seen_at > now() - '${LIVE_REGISTRATION}'::interval AS live
    FROM engine_functions WHERE last_seen_at > now() - '${SUBSCRIPTION_TTL}'::interval
  ), chosen AS (
    SELECT r.* FROM regs r WHERE r.live
    UNION ALL
    SELECT * FROM (
      SELECT DISTINCT ON (function_id) * FROM regs r
      WHERE NOT EXISTS (SELECT 1 FROM regs l WHERE l.function_id = r.function_id AND l.live)
      ORDER BY function_id, last_seen_at DESC
    ) latest
  )
  SELECT c.function_id, array_agg(DISTINCT t) AS triggers,
         (array_agg(c.max_attempts ORDER BY c.last_seen_at DESC))[1] AS max_attempts
  FROM chosen c CROSS JOIN LATERAL unnest(c.triggers) AS t
  GROUP BY c.function_id`;

/** Records this process's functions as subscribed (and alive), under the dispatch lock. */
export async function registerFunctions(conn: RawConnection, fns: RunnerFunction[], registrant: string): Promise<void> {
  if (fns.length === 0) return;
  await conn.query("SELECT pg_advisory_xact_lock($1)", [DISPATCH_LOCK]);
  await conn.query(
    `INSERT INTO engine_functions (function_id, registrant, triggers, max_attempts, config)
     SELECT f.id, $2, ARRAY(SELECT jsonb_array_elements_text(f.triggers)), f.max_attempts, f.config
     FROM jsonb_to_recordset($1::jsonb) AS f(id text, triggers jsonb, max_attempts int, config jsonb)
     ON CONFLICT (function_id, registrant) DO UPDATE SET
       triggers = EXCLUDED.triggers, max_attempts = EXCLUDED.max_attempts, config = EXCLUDED.config,
       last_seen_at = now()`,
    [
      JSON.stringify(
        fns.map((f) => ({
          id: f.id,
          triggers: f.triggers,
          max_attempts: f.maxAttempts,
          config: { concurrency: f.concurrency, throttle: f.throttle },
        })),
      ),
      registrant,
    ],
  );
}

/** Keeps this process's registrations alive, and forgets those of processes long gone (the maintenance round). */
export async function touchFunctions(conn: RawConnection, registrant: string): Promise<void> {
  await conn.query(`UPDATE engine_functions SET last_seen_at = now() WHERE registrant = $1`, [registrant]);
  await conn.query(`DELETE FROM engine_functions WHERE last_seen_at < now() - '${SUBSCRIPTION_TTL}'::interval`);
}

/**
 * One dispatch round in `conn`'s transaction. Resolves to the number of events dispatched, or
 * null when another process holds the dispatch lock (it dispatches them).
 */
export async function dispatchRound(conn: RawConnection, batch = DISPATCH_BATCH): Promise<number | null> {
  const [lock] = await conn.query<{ ok: boolean }>("SELECT pg_try_advisory_xact_lock($1) AS ok", [DISPATCH_LOCK]);
  if (!lock?.ok) return null;
  const events = await conn.query<EventSqlRow>(
    `SELECT seq::text AS seq, event_id, event_type, partition_key, timestamp, data, metadata
     FROM events WHERE relayed_at IS NULL ORDER BY events.seq LIMIT $1`,
    [batch],
  );
  if (events.length === 0) return 0;
  await conn.query(
    `INSERT INTO deliveries (event_seq, event_id, function_id, partition_key, max_attempts)
     SELECT e.seq, e.event_id, f.function_id, e.partition_key, f.max_attempts
     FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::text[]) WITH ORDINALITY AS e(seq, event_id, event_type, partition_key, n)
     JOIN (${SUBSCRIPTIONS_SQL}) f ON e.event_type = ANY(f.triggers)
     ORDER BY e.n, f.function_id
     ON CONFLICT (event_id, function_id) DO NOTHING`,
    [events.map((e) => e.seq), events.map((e) => e.event_id), events.map((e) => e.event_type), events.map((e) => e.partition_key)],
  );
  // The database's clock as late as possible in the transaction: close to when the events
  // become visible (parked waits compare it with when they began).
  await conn.query(`UPDATE events SET relayed_at = clock_timestamp() WHERE seq = ANY($1::bigint[])`, [events.map((e) => e.seq)]);
  await resolveWaitsFor(conn, events);
  return events.length;
}

// Deliveries parked on step.waitForEvent get the first matching event of this round: being
// dispatched now, it arrived after they parked. Rows are locked without skipping: a waiting row
// locked elsewhere (a claim timing it out, the explorer) is waited for, not passed over.
async function resolveWaitsFor(conn: RawConnection, events: EventSqlRow[]): Promise<void> {
  const types = [...new Set(events.map((e) => e.event_type))];
  const waiting = await conn.query<{ id: string; wait_for: WaitFor }>(
    `SELECT id::text AS id, wait_for FROM deliveries
     WHERE status = 'waiting' AND wait_for->>'event' = ANY($1::text[]) ORDER BY id FOR UPDATE`,
    [types],
  );
  let resolved = 0;
  for (const d of waiting) {
    const hit = firstMatch(d.wait_for, events);
    if (hit) {
      await resolveWait(conn, d.id, d.wait_for.stepId, hit);
      resolved++;
    }
  }
  // The function may run only in another process: wake them all.
  if (resolved > 0) await notifyRunners(conn);
}

/**
 * Just parked on a wait (in `conn`'s transaction, under the dispatch lock): an event that was
 * dispatched between the handler's suspension and this write would never be offered again, so
 * look for one among the events already dispatched since the wait began.
 */
export async function resolveParkedWaits(conn: RawConnection, parked: { id: string; waitFor: WaitFor }[]): Promise<void> {
  if (parked.length === 0) return;
  await conn.query("SELECT pg_advisory_xact_lock($1)", [DISPATCH_LOCK]);
  for (const { id, waitFor } of parked) {
    // The newest events of the type (a backward index scan, bounded whatever the history),
    // oldest first: dispatch follows seq closely, so those dispatched since the wait began are
    // among them unless more than 1,000 of the type arrived in the last moments.
    const events = await conn.query<EventSqlRow>(
      `SELECT * FROM (
         SELECT seq::text AS seq, seq AS n, event_id, event_type, partition_key, timestamp, data, metadata, relayed_at
         FROM events WHERE event_type = $1 ORDER BY seq DESC LIMIT 1000
       ) recent
       WHERE relayed_at >= $2::timestamptz - '${WAIT_MATCH_ALLOWANCE}'::interval
         -- The allowance reaches back before the wait: an event an earlier wait of this delivery
         -- already returned is not offered again (a loop of waits would get it every time).
         AND event_id NOT IN (SELECT (result->>'id')::uuid FROM delivery_steps
                               WHERE delivery_id = $3::bigint AND kind = 'wait' AND result ? 'id')
       ORDER BY n`,
      [waitFor.event, waitFor.since, id],
    );
    const hit = firstMatch(waitFor, events);
    if (hit) await resolveWait(conn, id, waitFor.stepId, hit);
  }
}

/** The Inngest form of the first event that satisfies the wait (type and `match`), if any. */
function firstMatch(w: WaitFor, events: EventSqlRow[]): Record<string, unknown> | null {
  for (const e of events) {
    if (e.event_type !== w.event) continue;
    const inngest = toInngestEvent(fromEventSqlRow(e)) as unknown as Record<string, unknown>;
    if (w.match && JSON.stringify(getPath(inngest, w.match) ?? null) !== JSON.stringify(w.expected)) continue;
    return inngest;
  }
  return null;
}
