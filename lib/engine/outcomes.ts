// How executions end (the `finish` transition), written in batches: under load many end at
// once, and one statement per batch keeps the runner fast. Each write is fenced on this worker
// still holding the delivery (one another worker took over keeps that worker's result).
// One delivery's bad outcome (an output the database cannot store) fails that delivery alone,
// never the batch it was written with.
import type { getDbHandle, RawConnection } from "@/lib/db/client";
import { attemptOutcome, type FinishStatus } from "./delivery-state";
import { resolveParkedWaits } from "./dispatch";
import type { WaitFor } from "./step-tools";

export type Outcome = {
  status: FinishStatus;
  /** Next due time (database clock): a sleep's or a wait's end, a RetryAfterError's date. */
  runAt?: Date;
  /** Or: due this long after now() in the database (retry back-off). */
  delayMs?: number;
  error?: string;
  output?: unknown;
  waitFor?: WaitFor | null;
  /** The delivery's attempts from now on (a try that moved on to a new step: stepTries); unchanged if absent. */
  attempts?: number;
};

export type OutcomeItem = { id: string; ms: number; next: Outcome };

type Handle = Awaited<ReturnType<typeof getDbHandle>>;

/** Writes the outcomes; resolves to the ids this worker still held (the others were lost). */
export async function writeOutcomes(handle: Handle, items: OutcomeItem[], workerId: string): Promise<Set<string>> {
  const prepared = items.map(prepare);
  try {
    return await writeBatch(handle, prepared, workerId);
  } catch (err) {
    // Only the database refusing a value (SQLSTATE class 22, data exception) is about one
    // delivery; anything else (a lost connection, a time-out) is passed on, and the leases
    // bring the deliveries back.
    if (!isDataException(err)) throw err;
    const held = new Set<string>();
    for (const item of prepared) {
      const one = await writeBatch(handle, [item], workerId).catch((e: unknown) => {
        if (!isDataException(e) || item.next.status !== "completed") throw e;
        return writeBatch(handle, [unstorable(item, e instanceof Error ? e.message : String(e))], workerId);
      });
      for (const id of one) held.add(id);
    }
    return held;
  }
}

function isDataException(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === "string" && code.startsWith("22");
}

type Prepared = OutcomeItem & { output: string | null };

// The output as the jsonb column will get it: a value JSON cannot express (a BigInt, a cycle)
// or text PostgreSQL refuses in jsonb (NUL, a lone surrogate) ends the delivery as dead here,
// with the reason; retrying would only produce the same output again.
function prepare(item: OutcomeItem): Prepared {
  if (item.next.status !== "completed") return { ...item, output: null };
  let text: string;
  try {
    text = JSON.stringify(item.next.output ?? null) ?? "null";
  } catch (err) {
    return unstorable(item, (err as Error).message);
  }
  const bad = badText(JSON.parse(text));
  return bad ? unstorable(item, bad) : { ...item, output: text };
}

/** Why jsonb would refuse a string in `value` (keys included), or null. */
function badText(value: unknown): string | null {
  const check = (text: string) =>
    text.includes("\u0000") ? "it contains a NUL character (\\u0000)" : !text.isWellFormed() ? "it contains invalid Unicode (a lone surrogate)" : null;
  if (typeof value === "string") return check(value);
  if (Array.isArray(value)) {
    for (const v of value) {
      const bad = badText(v);
      if (bad) return bad;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const bad = check(k) ?? badText(v);
      if (bad) return bad;
    }
  }
  return null;
}

function unstorable(item: OutcomeItem, reason: string): Prepared {
  return { ...item, next: { status: "dead", error: `the function's return value could not be stored: ${reason}` }, output: null };
}

async function writeBatch(handle: Handle, batch: Prepared[], workerId: string): Promise<Set<string>> {
  const parked = batch.filter((b) => b.next.status === "waiting" && b.next.waitFor);
  if (parked.length === 0) return new Set(await update(handle, batch, workerId));
  // Parking on a wait and checking for an event that was dispatched meanwhile happen in one
  // transaction under the dispatch lock (see resolveParkedWaits).
  return handle.transaction(async (conn) => {
    const held = new Set(await update(conn, batch, workerId));
    await resolveParkedWaits(
      conn,
      parked.filter((p) => held.has(p.id)).map((p) => ({ id: p.id, waitFor: p.next.waitFor! })),
    );
    return held;
  });
}

async function update(conn: RawConnection, batch: Prepared[], workerId: string): Promise<string[]> {
  const col = <T,>(f: (item: Prepared) => T) => batch.map(f);
  const rows = await conn.query<{ id: string }>(
    `WITH input AS (
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::int[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[], $11::int[])
         AS t(id, status, run_at, delay_ms, error, output, wait_for, ms, outcome, attempts)
     ), updated AS (
       UPDATE deliveries d SET
         status = i.status,
         attempts = COALESCE(i.attempts, d.attempts),
         run_at = COALESCE(i.run_at, now() + make_interval(secs => i.delay_ms / 1000.0), d.run_at),
         last_error = COALESCE(i.error, d.last_error),
         output = CASE WHEN i.status = 'completed' THEN i.output::jsonb ELSE d.output END,
         wait_for = i.wait_for::jsonb,
         finished_at = CASE WHEN i.status IN ('completed', 'dead') THEN now() ELSE NULL END,
         duration_ms = d.duration_ms + i.ms,
         lease_until = NULL, locked_by = NULL, updated_at = now()
       FROM input i
       WHERE d.id = i.id AND d.locked_by = $10 AND d.status = 'running'
       RETURNING d.id
     ), attempts AS (
       UPDATE delivery_attempts a SET outcome = i.outcome, error = i.error, finished_at = now(), duration_ms = i.ms,
         -- Followers are claimed before they start: their execution began ms ago, not at the claim.
         started_at = GREATEST(a.started_at, now() - make_interval(secs => i.ms / 1000.0))
       FROM input i
       WHERE a.delivery_id = i.id AND a.delivery_id IN (SELECT id FROM updated)
         AND a.worker_id = $10 AND a.outcome IS NULL
     )
     SELECT id::text AS id FROM updated`,
    [
      col((b) => b.id),
      col((b) => b.next.status),
      col((b) => b.next.runAt?.toISOString() ?? null),
      col((b) => (b.next.runAt ? null : (b.next.delayMs ?? null))),
      col((b) => b.next.error ?? null),
      col((b) => b.output),
      col((b) => (b.next.waitFor ? JSON.stringify(b.next.waitFor) : null)),
      col((b) => b.ms),
      col((b) => attemptOutcome(b.next.status)),
      workerId,
      col((b) => b.next.attempts ?? null),
    ],
  );
  return rows.map((r) => r.id);
}
