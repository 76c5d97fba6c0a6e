import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { InterviewStatus } from "@/lib/generated/prisma/client";
import { countsByInterview, NO_CANDIDATES, type InterviewCounts } from "@/lib/server/interviews/interview-counts";
import { plans } from "@/lib/server/quotas/plans";

/** Candidates across all of the account's interviews, as the dashboard's cards show them. */
export type CandidateTotals = {
  /** Invited or opened, not started, deadline not passed. */
  invited: number;
  inProgress: number;
  completed: number;
  /** Completed sessions HR has not rated yet. */
  awaitingReview: number;
};

/**
 * One line of recent activity: the event, and the values its sentence needs (the page picks
 * the translated sentence by eventType). Values are plain strings and numbers from the event's
 * data, or the title of the interview it names.
 */
export type ActivityItem = {
  eventId: string;
  eventType: string;
  timestamp: string;
  values: Record<string, string | number>;
};

export type DashboardOverview = {
  /** Active interviews (draft or published, not deleted): what the plan limits. */
  activeInterviews: number;
  /** All interviews the account has (not deleted). */
  interviews: number;
  /** users.interviews_created: kept by the count-interviews-created consumer, so it can lag. */
  interviewsCreated: number;
  storageUsedBytes: number;
  quota: { plan: string; maxInterviews: number | null };
  totals: CandidateTotals;
  recentInterviews: {
    id: string;
    title: string;
    status: InterviewStatus;
    deadline: string | null;
    createdAt: string;
    questionsCount: number;
    counts: InterviewCounts;
  }[];
  activity: ActivityItem[];
};

export const RECENT_INTERVIEWS = 5;
export const RECENT_ACTIVITY = 10;

type TotalsRow = { invited: number; in_progress: number; completed: number; awaiting_review: number };

/** The dashboard home of the signed-in account: its interviews, their candidates, its recent events. */
export async function getDashboardOverview({ actor }: { actor: { id: string } }): Promise<DashboardOverview> {
  const db = await getDb();
  const user = await db.user.findFirst({
    where: { id: actor.id, deletedAt: null },
    select: { quota: true, interviewsCreated: true, storageUsed: true },
  });
  if (!user) throw new AppError("NOT_FOUND", "This account no longer exists.");

  const own = { userId: actor.id, deletedAt: null };
  const [interviews, activeInterviews, recent, [totals], events] = await Promise.all([
    db.interview.count({ where: own }),
    db.interview.count({ where: { ...own, status: { in: ["draft", "published"] } } }),
    db.interview.findMany({
      where: own,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: RECENT_INTERVIEWS,
      select: { id: true, title: true, status: true, expiresAt: true, createdAt: true },
    }),
    // Same definitions as interview-counts.ts, summed over the account's live interviews.
    db.$queryRaw<TotalsRow[]>`
      SELECT
        (SELECT count(*) FROM invitations i JOIN interviews v ON v.id = i.interview_id
          WHERE v.user_id = ${actor.id}::uuid AND v.deleted_at IS NULL
            AND i.status IN ('invited', 'opened')
            AND (v.expires_at IS NULL OR v.expires_at > now()))::int AS invited,
        (SELECT count(*) FROM invitations i JOIN interviews v ON v.id = i.interview_id
          WHERE v.user_id = ${actor.id}::uuid AND v.deleted_at IS NULL
            AND i.status = 'in_progress'
            AND (v.expires_at IS NULL OR v.expires_at > now()))::int AS in_progress,
        (SELECT count(*) FROM invitations i JOIN interviews v ON v.id = i.interview_id
          WHERE v.user_id = ${actor.id}::uuid AND v.deleted_at IS NULL AND i.status = 'completed')::int AS completed,
        (SELECT count(*) FROM candidate_sessions s JOIN interviews v ON v.id = s.interview_id
          WHERE v.user_id = ${actor.id}::uuid AND v.deleted_at IS NULL
            AND s.status = 'completed' AND s.rating IS NULL)::int AS awaiting_review`,
    db.event.findMany({
      where: { ownerId: actor.id },
      orderBy: { seq: "desc" },
      take: RECENT_ACTIVITY,
      select: { eventId: true, eventType: true, timestamp: true, data: true },
    }),
  ]);

  const counts = await countsByInterview(
    db,
    recent.map((i) => i.id),
  );
  const titles = await interviewTitles(actor.id, events.map((e) => interviewIdOf(e.data)).filter((id) => id !== null));
  const quota = user.quota ?? { plan: "free", ...plans.free };
  return {
    interviews,
    activeInterviews,
    interviewsCreated: user.interviewsCreated,
    storageUsedBytes: Number(user.storageUsed),
    quota: { plan: quota.plan, maxInterviews: quota.maxInterviews },
    totals: {
      invited: totals?.invited ?? 0,
      inProgress: totals?.in_progress ?? 0,
      completed: totals?.completed ?? 0,
      awaitingReview: totals?.awaiting_review ?? 0,
    },
    recentInterviews: recent.map((i) => ({
      id: i.id,
      title: i.title,
      status: i.status,
      deadline: i.expiresAt?.toISOString() ?? null,
      createdAt: i.createdAt.toISOString(),
      questionsCount: counts.get(i.id)?.questionsCount ?? 0,
      counts: counts.get(i.id)?.counts ?? NO_CANDIDATES,
    })),
    activity: events.map((e) => ({
      eventId: e.eventId,
      eventType: e.eventType,
      timestamp: e.timestamp.toISOString(),
      values: activityValues(e.eventType, e.data, titles),
    })),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function record(data: unknown): Record<string, unknown> {
  return typeof data === "object" && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

function interviewIdOf(data: unknown): string | null {
  const id = record(data).interviewId;
  return typeof id === "string" && UUID.test(id) ? id : null;
}

/** Titles of the actor's own interviews named by events (deleted ones too: the event happened). */
async function interviewTitles(userId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const db = await getDb();
  const rows = await db.interview.findMany({
    where: { id: { in: [...new Set(ids)] }, userId },
    select: { id: true, title: true },
  });
  return new Map(rows.map((r) => [r.id, r.title]));
}

// The data fields each sentence uses; anything else in an event's data stays out of the page.
const FIELDS: Record<string, string[]> = {
  "user.created": ["email"],
  "user.authenticated": ["authMethod"],
  "user.logged_out": ["logoutReason"],
  "user.updated": [],
  "user.avatar_uploaded": ["fileSize"],
  "user.deleted": [],
  "interview.created": ["questionsCount"],
  "interview.published": [],
  "interview.completed": ["completedCandidates"],
  "candidate.started": ["candidateEmail"],
  "candidate.response_submitted": [],
  "candidate.completed": ["candidateEmail", "responsesCount"],
  "media.uploaded": ["fileName", "fileSize"],
  "media.processed": [],
  "media.deleted": ["fileSize"],
  "analysis.started": ["analysisType"],
  "analysis.completed": ["overallScore"],
  "notification.sent": ["to", "subject"],
};

/**
 * The values one activity sentence is written with: the listed data fields that are strings or
 * numbers, and `title` for events that name an interview (the event's own title when it has
 * one, else the interview's title now; "" when neither is known).
 */
export function activityValues(
  eventType: string,
  data: unknown,
  titles: Map<string, string>,
): Record<string, string | number> {
  const d = record(data);
  const out: Record<string, string | number> = {};
  for (const field of FIELDS[eventType] ?? []) {
    const v = d[field];
    if (typeof v === "string" || (typeof v === "number" && Number.isFinite(v))) out[field] = v;
  }
  const interviewId = interviewIdOf(data);
  if (interviewId) {
    out.title = typeof d.title === "string" ? d.title : (titles.get(interviewId) ?? "");
  }
  return out;
}
