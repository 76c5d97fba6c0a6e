import "server-only";
import { getDb, type Tx } from "@/lib/db/client";

/**
 * Runs a consumer's effect at most once per (function, event): the receipt and the effect
 * commit together, so a duplicate delivery (Inngest is at-least-once; a step may be retried
 * after its effect committed) changes nothing. Returns false for a duplicate.
 */
export async function applyOnce(functionId: string, eventId: string, effect: (tx: Tx) => Promise<void>): Promise<boolean> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const inserted = await tx.$executeRaw`
      INSERT INTO consumer_receipts (function_id, event_id) VALUES (${functionId}, ${eventId}::uuid)
      ON CONFLICT DO NOTHING`;
    if (inserted === 0) return false;
    await effect(tx);
    return true;
  });
}
