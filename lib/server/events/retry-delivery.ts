import "server-only";
import { getDbHandle } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { requeueDead } from "@/lib/engine/delivery-state";
import { SUBSCRIPTIONS_SQL } from "@/lib/engine/dispatch";
import { retryDeliverySchema } from "@/lib/schemas/events";
import type { SqlQuery } from "./event-dto";

export const DELIVERY_NOT_FOUND = "This delivery does not exist, or its event is not one of yours.";

type LockedRow = { id: string; eventId: string; functionId: string; status: string; attempts: number };

/** The delivery, locked, only if `ownerId` owns its event. */
export function lockDeliveryQuery(ownerId: string, deliveryId: string): SqlQuery {
  return {
    text: `SELECT d.id::text AS "id", d.event_id::text AS "eventId", d.function_id AS "functionId", d.status, d.attempts
FROM deliveries d
JOIN events e ON e.seq = d.event_seq
WHERE d.id = $1::bigint AND e.owner_id = $2::uuid
FOR UPDATE OF d`,
    values: [deliveryId, ownerId],
  };
}

/**
 * Gives a dead delivery (all its tries failed) a fresh set of tries: as many as its function
 * is configured with today (engine_functions). Only the owner of the delivery's event may, and
 * only while the function is still registered; the runners are woken when the transaction commits.
 */
export async function retryDelivery({
  actor,
  deliveryId: input,
}: {
  actor: { id: string };
  deliveryId: unknown;
}): Promise<{ deliveryId: string; eventId: string; functionId: string; maxAttempts: number }> {
  // A malformed id cannot name any delivery, let alone one of the actor's.
  const parsed = retryDeliverySchema.safeParse({ deliveryId: input });
  if (!parsed.success) throw new AppError("NOT_FOUND", DELIVERY_NOT_FOUND);
  const { deliveryId } = parsed.data;
  const db = await getDbHandle();
  return db.transaction(async (conn) => {
    const lock = lockDeliveryQuery(actor.id, deliveryId);
    const [row] = await conn.query<LockedRow>(lock.text, lock.values);
    if (!row) throw new AppError("NOT_FOUND", DELIVERY_NOT_FOUND);
    if (row.status !== "dead") {
      throw new AppError(
        "CONFLICT",
        row.status === "completed"
          ? `${row.functionId} already handled this event; there is nothing to retry.`
          : `${row.functionId} has not given up on this event (it is ${row.status}); only a dead delivery can be retried.`,
      );
    }
    // As the function is configured today, by the runners that registered it.
    const [fn] = await conn.query<{ maxAttempts: number }>(
      `SELECT max_attempts AS "maxAttempts" FROM (${SUBSCRIPTIONS_SQL}) s WHERE function_id = $1`,
      [row.functionId],
    );
    if (!fn) {
      throw new AppError("CONFLICT", `The function ${row.functionId} is no longer registered, so it cannot run again.`);
    }
    const maxAttempts = row.attempts + fn.maxAttempts;
    const requeued = await requeueDead(conn, row.id, maxAttempts);
    if (!requeued) throw new AppError("CONFLICT", `${row.functionId} has already been retried; there is nothing to retry.`);
    return { deliveryId: requeued, eventId: row.eventId, functionId: row.functionId, maxAttempts };
  });
}
