import "server-only";
import type { Tx } from "@/lib/db/client";

/**
 * For a candidate's erasure: the delivery log keeps each sent body (the event's envelope, with
 * the candidate's email or transcript), so the rows of the erased events are removed. A retry
 * still pending for one of them then finds its row gone and sends nothing more. Returns the
 * number of rows removed.
 */
export async function forgetWebhookDeliveries(tx: Tx, eventIds: string[]): Promise<number> {
  if (eventIds.length === 0) return 0;
  return tx.$executeRaw`DELETE FROM webhook_deliveries WHERE event_id = ANY(${eventIds}::uuid[])`;
}
