import "server-only";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/server/interviews/owned-interview";
import { isPlan, planLimits, type Plan } from "./plans";

/** `max: null` means unlimited. Bytes are numbers (safe up to 8 PB). */
export type Usage = {
  plan: Plan;
  interviews: { used: number; max: number | null };
  storage: { usedBytes: number; maxBytes: number | null };
  /** The active interview with the most candidates, against the per-interview limit. */
  candidates: { largestInterview: { used: number; max: number | null } };
};

/**
 * The account's plan and usage, counted the way the quota checks count (lib/server/quotas/
 * enforce-quota.ts): active interviews are drafts and published ones not deleted; candidates
 * of an interview are its invitations (personal or public link) that are not revoked.
 */
export async function getUsage({ actor }: { actor: { id: string }; requestId?: string }): Promise<Usage> {
  if (!isUuid(actor.id)) throw new AppError("NOT_FOUND", "This account no longer exists.");
  const db = await getDb();
  const user = await db.user.findFirst({
    where: { id: actor.id, deletedAt: null },
    select: { storageUsed: true, quota: true },
  });
  if (!user) throw new AppError("NOT_FOUND", "This account no longer exists.");
  // No quota row yet (user.created still in flight): the default plan applies, as in lockQuota.
  const quota = user.quota ?? planLimits(env.DEFAULT_PLAN);

  const [interviews, [largest]] = await Promise.all([
    db.interview.count({ where: { userId: actor.id, deletedAt: null, status: { in: ["draft", "published"] } } }),
    db.$queryRaw<{ used: number }[]>`
      SELECT coalesce(max(n), 0)::int AS used FROM (
        SELECT count(*) AS n
          FROM invitations i JOIN interviews v ON v.id = i.interview_id
         WHERE v.user_id = ${actor.id}::uuid AND v.deleted_at IS NULL AND v.status IN ('draft', 'published')
           AND i.status <> 'revoked'
         GROUP BY i.interview_id) per_interview`,
  ]);
  return {
    plan: isPlan(quota.plan) ? quota.plan : env.DEFAULT_PLAN,
    interviews: { used: interviews, max: quota.maxInterviews },
    storage: {
      usedBytes: Number(user.storageUsed),
      maxBytes: quota.maxStorageBytes === null ? null : Number(quota.maxStorageBytes),
    },
    candidates: { largestInterview: { used: largest?.used ?? 0, max: quota.maxCandidatesPerInterview } },
  };
}
