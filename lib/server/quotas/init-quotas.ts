import "server-only";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { DomainEvent } from "@/lib/events/catalog";
import { planLimits } from "./plans";

/**
 * user.created → the account's quota row on DEFAULT_PLAN (free unless configured), with every
 * limit of that plan (active interviews, candidates per interview, storage). Idempotent by
 * construction (one row per user): a duplicate delivery, a row already made by lockQuota, or a
 * plan already set by an operator (`npm run plan`) is left alone.
 */
export async function initQuotas(event: DomainEvent<"user.created">): Promise<{ created: boolean }> {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: event.userId }, select: { id: true } });
  // The account may have been purged since; there is nothing to attach a quota to.
  if (!user) return { created: false };
  const { count } = await db.quota.createMany({
    data: [{ userId: event.userId, ...planLimits(env.DEFAULT_PLAN) }],
    skipDuplicates: true,
  });
  return { created: count === 1 };
}
