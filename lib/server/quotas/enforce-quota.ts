import "server-only";
import type { Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { plans, type Plan, isPlan } from "./plans";

export type QuotaLimits = {
  plan: Plan;
  maxInterviews: number | null;
  maxCandidatesPerInterview: number | null;
  maxStorageBytes: bigint | null;
};

/**
 * The account's limits, with its quota row locked FOR UPDATE: every check-then-write that
 * takes a slot (create, duplicate, publish, invite) holds this lock until it commits, so two
 * parallel requests cannot both take the last slot. An account whose quota row has not been
 * created yet (user.created still in flight) gets DEFAULT_PLAN's limits; the row is created
 * here so that the lock has something to hold.
 */
export async function lockQuota(tx: Tx, userId: string, defaultPlan: Plan = env.DEFAULT_PLAN): Promise<QuotaLimits> {
  await tx.$executeRaw`
    INSERT INTO quotas (id, user_id, plan, max_interviews, max_storage_bytes, max_candidates_per_month, max_candidates_per_interview, updated_at)
    VALUES (gen_random_uuid(), ${userId}::uuid, ${defaultPlan}, ${plans[defaultPlan].maxInterviews}, ${plans[defaultPlan].maxStorageBytes},
            ${plans[defaultPlan].maxCandidatesPerMonth}, ${plans[defaultPlan].maxCandidatesPerInterview}, now())
    ON CONFLICT (user_id) DO NOTHING`;
  const [row] = await tx.$queryRaw<
    { plan: string; max_interviews: number | null; max_candidates_per_interview: number | null; max_storage_bytes: bigint | null }[]
  >`SELECT plan, max_interviews, max_candidates_per_interview, max_storage_bytes FROM quotas WHERE user_id = ${userId}::uuid FOR UPDATE`;
  return {
    plan: isPlan(row!.plan) ? row!.plan : defaultPlan,
    maxInterviews: row!.max_interviews,
    maxCandidatesPerInterview: row!.max_candidates_per_interview,
    maxStorageBytes: row!.max_storage_bytes === null ? null : BigInt(row!.max_storage_bytes),
  };
}

/** Active interviews: drafts and published ones that are not deleted. */
export async function countActiveInterviews(tx: Tx, userId: string, exceptId?: string): Promise<number> {
  return tx.interview.count({
    where: { userId, deletedAt: null, status: { in: ["draft", "published"] }, ...(exceptId ? { id: { not: exceptId } } : {}) },
  });
}

/** Refuses a new active interview past the plan's limit, saying which limit and the usage. */
export async function assertInterviewSlot(tx: Tx, userId: string, opts: { exceptId?: string } = {}): Promise<void> {
  const quota = await lockQuota(tx, userId);
  if (quota.maxInterviews === null) return;
  const used = await countActiveInterviews(tx, userId, opts.exceptId);
  if (used >= quota.maxInterviews) {
    throw new AppError(
      "QUOTA_EXCEEDED",
      `Your ${quota.plan} plan allows ${quota.maxInterviews} active interviews and you have ${used}. Close or delete one, or upgrade your plan.`,
      undefined,
      { limit: "interviews", plan: quota.plan, used, max: quota.maxInterviews },
    );
  }
}

/** Refuses candidates past the plan's per-interview limit (invitations plus public-link sessions). */
export async function assertCandidateSlots(tx: Tx, userId: string, interviewId: string, adding: number): Promise<void> {
  const quota = await lockQuota(tx, userId);
  if (quota.maxCandidatesPerInterview === null || adding <= 0) return;
  const used = await tx.invitation.count({ where: { interviewId, status: { not: "revoked" } } });
  if (used + adding > quota.maxCandidatesPerInterview) {
    const left = Math.max(0, quota.maxCandidatesPerInterview - used);
    throw new AppError(
      "QUOTA_EXCEEDED",
      `Your ${quota.plan} plan allows ${quota.maxCandidatesPerInterview} candidates per interview; this one has ${used}, so ${left} more can be added.`,
      undefined,
      { limit: "candidatesPerInterview", plan: quota.plan, used, max: quota.maxCandidatesPerInterview, requested: adding },
    );
  }
}

/**
 * The account's limits read without locking, for a check that reserves nothing (the storage
 * left, which caps a take's upload grant): it must not queue behind, nor hold up, the account's
 * other requests (100 candidates of one company starting takes at once, docs/benchmarks.md).
 * No quota row yet: DEFAULT_PLAN's limits, as lockQuota would create.
 */
export async function readQuota(tx: Tx, userId: string, defaultPlan: Plan = env.DEFAULT_PLAN): Promise<QuotaLimits> {
  const row = await tx.quota.findUnique({
    where: { userId },
    select: { plan: true, maxInterviews: true, maxCandidatesPerInterview: true, maxStorageBytes: true },
  });
  if (!row) {
    const p = plans[defaultPlan];
    return { plan: defaultPlan, maxInterviews: p.maxInterviews, maxCandidatesPerInterview: p.maxCandidatesPerInterview, maxStorageBytes: p.maxStorageBytes };
  }
  return {
    plan: isPlan(row.plan) ? row.plan : defaultPlan,
    maxInterviews: row.maxInterviews,
    maxCandidatesPerInterview: row.maxCandidatesPerInterview,
    maxStorageBytes: row.maxStorageBytes,
  };
}
