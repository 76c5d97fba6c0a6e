// A cheap view of the event backlog (both counts are served by partial indexes), for
// /api/health and the operators who read it.
import { getDbHandle } from "@/lib/db/client";

export type EventBacklog = {
  /** Events not yet handed to their engine (dispatcher or Inngest relay). */
  undispatched: number;
  /** Deliveries not finished yet: queued, running, sleeping or waiting. */
  pending: number;
  /** Age of the oldest undispatched event, in seconds (0 when there is none). */
  oldestUndispatchedSeconds: number;
};

export async function eventBacklog(): Promise<EventBacklog> {
  const db = await getDbHandle();
  const [row] = await db.query<{ undispatched: number; oldest: number | null; pending: number }>(
    `SELECT
       (SELECT count(*)::int FROM events WHERE relayed_at IS NULL) AS undispatched,
       (SELECT EXTRACT(EPOCH FROM now() - min(created_at))::float FROM events WHERE relayed_at IS NULL) AS oldest,
       (SELECT count(*)::int FROM deliveries WHERE status IN ('queued', 'running', 'sleeping', 'waiting')) AS pending`,
  );
  return {
    undispatched: row?.undispatched ?? 0,
    pending: row?.pending ?? 0,
    oldestUndispatchedSeconds: Math.round(Number(row?.oldest ?? 0)),
  };
}
