import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { InterviewStatus } from "@/lib/generated/prisma/client";
import { plans } from "@/lib/server/quotas/plans";

export type DashboardOverview = {
  /** Interviews the account has now (not deleted), read from the interviews table. */
  interviews: number;
  /** users.interviews_created: kept by the count-interviews-created consumer, so it can lag. */
  interviewsCreated: number;
  storageUsedBytes: number;
  candidatesThisMonth: number;
  quota: { plan: string; maxInterviews: number | null; maxStorageBytes: number | null; maxCandidatesPerMonth: number | null };
  recentInterviews: { id: string; title: string; status: InterviewStatus; questions: number; createdAt: string }[];
};

const RECENT = 5;

/** The numbers and recent interviews on the dashboard home, for the signed-in account. */
export async function getDashboardOverview({ actor }: { actor: { id: string } }): Promise<DashboardOverview> {
  const db = await getDb();
  const user = await db.user.findFirst({
    where: { id: actor.id, deletedAt: null },
    select: { interviewsCreated: true, storageUsed: true, quota: true },
  });
  if (!user) throw new AppError("NOT_FOUND", "This account no longer exists.");

  const monthStart = new Date();
  monthStart.setUTCDate(1);
  monthStart.setUTCHours(0, 0, 0, 0);
  const ownInterviews = { userId: actor.id, deletedAt: null };
  const [interviews, candidatesThisMonth, recent] = await Promise.all([
    db.interview.count({ where: ownInterviews }),
    db.candidateSession.count({ where: { interview: ownInterviews, startedAt: { gte: monthStart } } }),
    db.interview.findMany({
      where: ownInterviews,
      orderBy: { createdAt: "desc" },
      take: RECENT,
      select: { id: true, title: true, status: true, createdAt: true, _count: { select: { questions: true } } },
    }),
  ]);

  // The quota row is written by the init-quotas consumer; until it has run, the free plan applies.
  const quota = user.quota ?? { plan: "free", ...plans.free };
  return {
    interviews,
    interviewsCreated: user.interviewsCreated,
    storageUsedBytes: Number(user.storageUsed),
    candidatesThisMonth,
    quota: {
      plan: quota.plan,
      maxInterviews: quota.maxInterviews,
      maxStorageBytes: quota.maxStorageBytes === null ? null : Number(quota.maxStorageBytes),
      maxCandidatesPerMonth: quota.maxCandidatesPerMonth,
    },
    recentInterviews: recent.map((i) => ({
      id: i.id,
      title: i.title,
      status: i.status,
      questions: i._count.questions,
      createdAt: i.createdAt.toISOString(),
    })),
  };
}
