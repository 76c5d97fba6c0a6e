import "server-only";
import { getDb } from "@/lib/db/client";
import type { DomainEvent } from "@/lib/events/catalog";
import { plans } from "./plans";

/**
 * user.created → the account's quota row on the free plan. Idempotent by construction (one
 * row per user): a duplicate delivery, or a quota already set by an admin, is left alone.
 */
export async function initQuotas(event: DomainEvent<"user.created">): Promise<{ created: boolean }> {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: event.userId }, select: { id: true } });
  // The account may have been purged since; there is nothing to attach a quota to.
  if (!user) return { created: false };
  const { count } = await db.quota.createMany({
    data: [{ userId: event.userId, plan: "free", ...plans.free }],
    skipDuplicates: true,
  });
  return { created: count === 1 };
}
