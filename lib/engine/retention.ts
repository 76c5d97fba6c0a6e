// Retention: completed deliveries (with their attempts and memoised steps, by cascade) are
// deleted once older than the retention period, so the runner's tables stay bounded under a
// steady load. Dead deliveries are kept: they wait for a person (the explorer's retry). The
// events themselves are the event log and are not pruned here.
import type { RawConnection } from "@/lib/db/client";

type Handle = { exec: (sql: string) => Promise<void>; query: RawConnection["query"] };

const RETENTION_LOCK = 72_460_116;

/**
 * Deletes up to `maxBatches` × `batch` completed deliveries finished more than `retentionMs`
 * ago, oldest first; one process at a time. Resolves to the number deleted (null: another
 * process is pruning).
 */
export async function pruneCompleted(
  transaction: <T>(fn: (conn: RawConnection) => Promise<T>) => Promise<T>,
  { retentionMs, batch = 1_000, maxBatches = 20 }: { retentionMs: number; batch?: number; maxBatches?: number },
): Promise<number | null> {
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const deleted = await transaction(async (conn) => {
      const [lock] = await conn.query<{ ok: boolean }>("SELECT pg_try_advisory_xact_lock($1) AS ok", [RETENTION_LOCK]);
      if (!lock?.ok) return null;
      const rows = await conn.query<{ n: number }>(
        `WITH gone AS (
           DELETE FROM deliveries WHERE id IN (
             SELECT id FROM deliveries
             WHERE status = 'completed' AND finished_at < now() - $1::interval
             ORDER BY finished_at LIMIT $2
           ) RETURNING 1
         ) SELECT count(*)::int AS n FROM gone`,
        [`${retentionMs} milliseconds`, batch],
      );
      return rows[0]?.n ?? 0;
    });
    if (deleted === null) return i === 0 ? null : total;
    total += deleted;
    if (deleted < batch) break;
  }
  return total;
}

let autovacuum: boolean | undefined;

/**
 * Makes the space of pruned rows reusable where nothing else will: PGlite has no autovacuum
 * (one process, no background workers), and a PostgreSQL can run with it switched off. With an
 * autovacuum launcher running this does nothing.
 */
export async function vacuumPruned(handle: Handle): Promise<boolean> {
  if (autovacuum === undefined) {
    const [row] = await handle.query<{ on: boolean }>(
      `SELECT current_setting('autovacuum') = 'on'
              AND EXISTS (SELECT 1 FROM pg_stat_activity WHERE backend_type = 'autovacuum launcher') AS on`,
    );
    autovacuum = row?.on ?? false;
  }
  if (autovacuum) return false;
  await handle.exec("VACUUM deliveries, delivery_attempts, delivery_steps");
  return true;
}
