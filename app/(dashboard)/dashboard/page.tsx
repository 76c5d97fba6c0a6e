import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getNow, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { getDashboardOverview } from "@/lib/server/dashboard/get-dashboard-overview";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ActivityList } from "@/components/dashboard/activity-list";
import { CandidateCounts } from "@/components/interviews/interview-list";
import { StatusBadge } from "@/components/interviews/status-badge";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard");
  return { title: t("metaTitle") };
}

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  const overview = await getDashboardOverview({ actor: user });
  const t = await getTranslations("dashboard");
  const format = await getFormatter();
  const now = await getNow();
  const n = (v: number) => format.number(v);
  const { totals, quota } = overview;
  const firstName = user.fullName.split(/\s+/)[0] ?? user.fullName;
  const stats = [
    {
      id: "interviews",
      label: t("stats.activeInterviews"),
      value: n(overview.activeInterviews),
      hint:
        quota.maxInterviews === null
          ? t("stats.unlimited", { plan: quota.plan })
          : t("stats.ofMax", { max: n(quota.maxInterviews), plan: quota.plan }),
    },
    { id: "invited", label: t("stats.invited"), value: n(totals.invited), hint: t("stats.invitedHint") },
    { id: "in-progress", label: t("stats.inProgress"), value: n(totals.inProgress), hint: t("stats.inProgressHint") },
    { id: "completed", label: t("stats.completed"), value: n(totals.completed), hint: t("stats.completedHint") },
    {
      id: "awaiting-review",
      label: t("stats.awaitingReview"),
      value: n(totals.awaitingReview),
      hint: t("stats.awaitingReviewHint"),
    },
  ];
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">{t("welcome", { name: firstName })}</h1>
          <p className="mt-1 text-slate-600">
            {user.companyName
              ? t.rich("introCompany", {
                  company: user.companyName,
                  strong: (chunks) => <span className="font-medium text-slate-800">{chunks}</span>,
                })
              : t("intro")}
          </p>
        </div>
        <Link href="/interviews/new" className={buttonClass("primary")}>
          {t("newInterview")}
        </Link>
      </div>

      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-5">
        {stats.map((s) => (
          // A <div> (not Card's <section>): a <dl> may only hold dt/dd groups and divs.
          <div key={s.id} className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5">
            <dt className="text-sm text-slate-600">{s.label}</dt>
            <dd className="mt-1 truncate text-2xl font-semibold tabular-nums" data-testid={`stat-${s.id}`}>
              {s.value}
            </dd>
            <dd className="mt-1 text-xs text-slate-600">{s.hint}</dd>
          </div>
        ))}
      </dl>

      <Card className="p-0">
        <div className="flex flex-wrap items-baseline justify-between gap-2 px-5 pt-5">
          <h2 className="font-semibold">{t("interviewsHeading")}</h2>
          {overview.interviews > 0 && (
            <Link href="/interviews" className="text-sm font-medium text-brand-600 hover:text-brand-700">
              {t("allInterviews", { count: overview.interviews })}
            </Link>
          )}
        </div>
        {overview.recentInterviews.length > 0 ? (
          <ul className="mt-3 divide-y divide-slate-200" aria-label={t("interviewsHeading")}>
            {overview.recentInterviews.map((i) => (
              <li key={i.id} className="px-5 py-4">
                <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                  <Link
                    href={`/interviews/${i.id}`}
                    className="min-w-0 font-medium break-words text-slate-900 hover:text-brand-700 hover:underline"
                  >
                    {i.title}
                  </Link>
                  <span className="flex flex-wrap items-center gap-x-3 text-sm text-slate-600">
                    <StatusBadge status={i.status} />
                    <span>{t("questions", { count: i.questionsCount })}</span>
                  </span>
                </div>
                <CandidateCounts counts={i.counts} className="mt-3" />
              </li>
            ))}
          </ul>
        ) : (
          <div className="px-5 pt-1 pb-5">
            <p className="max-w-prose text-sm text-slate-600">
              {t.rich("empty", {
                create: (chunks) => (
                  <Link href="/interviews/new" className="font-medium text-brand-600 hover:text-brand-700">
                    {chunks}
                  </Link>
                ),
                profile: (chunks) => (
                  <Link href="/settings" className="font-medium text-brand-600 hover:text-brand-700">
                    {chunks}
                  </Link>
                ),
              })}
            </p>
          </div>
        )}
      </Card>

      <Card className="p-0">
        <div className="flex flex-wrap items-baseline justify-between gap-2 px-5 pt-5">
          <h2 id="activity-heading" className="font-semibold">
            {t("activityHeading")}
          </h2>
          <Link href="/events" className="text-sm font-medium text-brand-600 hover:text-brand-700">
            {t("allEvents")}
          </Link>
        </div>
        <ActivityList items={overview.activity} now={now} />
      </Card>
    </div>
  );
}
