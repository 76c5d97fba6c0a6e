import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/current-user";
import { Card } from "@/components/ui/card";
import { TimeStamp } from "@/components/events/time-stamp";
import { formatBytes } from "@/lib/format";
import { getDashboardOverview } from "@/lib/server/dashboard/get-dashboard-overview";

export const metadata: Metadata = { title: "Overview" };

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  const overview = await getDashboardOverview({ actor: user });
  const { quota } = overview;
  const firstName = user.fullName.split(/\s+/)[0];
  const stats = [
    {
      id: "interviews",
      label: "Interviews",
      value: overview.interviews.toLocaleString("en-US"),
      hint: `of ${quota.maxInterviews ?? "unlimited"} on the ${quota.plan} plan · ${overview.interviewsCreated.toLocaleString("en-US")} created in total`,
    },
    {
      id: "storage",
      label: "Storage used",
      value: formatBytes(overview.storageUsedBytes),
      hint: quota.maxStorageBytes === null ? "unlimited" : `of ${formatBytes(quota.maxStorageBytes)}`,
    },
    {
      id: "candidates",
      label: "Candidates this month",
      value: overview.candidatesThisMonth.toLocaleString("en-US"),
      hint: `of ${quota.maxCandidatesPerMonth} a month`,
    },
  ];
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Welcome, {firstName}</h1>
        <p className="mt-1 text-slate-600">
          {user.companyName ? (
            <>
              <span className="font-medium text-slate-800">{user.companyName}</span> · your hiring workspace at a glance.
            </>
          ) : (
            "Your hiring workspace at a glance."
          )}
        </p>
      </div>
      <dl className="grid gap-4 sm:grid-cols-3">
        {stats.map((s) => (
          <Card key={s.id} className="p-5">
            <dt className="text-sm text-slate-500">{s.label}</dt>
            <dd className="mt-1 truncate text-2xl font-semibold" data-testid={`stat-${s.id}`}>
              {s.value}
            </dd>
            <dd className="mt-1 text-xs text-slate-500">{s.hint}</dd>
          </Card>
        ))}
      </dl>
      {overview.recentInterviews.length > 0 ? (
        <Card className="p-0">
          <h2 className="px-5 pt-5 font-semibold">Recent interviews</h2>
          <ul className="mt-3 divide-y divide-slate-200" aria-label="Recent interviews">
            {overview.recentInterviews.map((i) => (
              <li key={i.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-5 py-3 text-sm">
                <span className="min-w-0 break-words font-medium">{i.title}</span>
                <span className="flex flex-wrap items-baseline gap-x-3 text-slate-600">
                  <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs capitalize">{i.status}</span>
                  <span>{plural(i.questions, "question", "questions")}</span>
                  <TimeStamp date={new Date(i.createdAt)} compact />
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : (
        <Card>
          <h2 className="font-semibold">No interviews yet</h2>
          <p className="mt-1 max-w-prose text-sm text-slate-600">
            Interviews, candidates and their recorded answers will appear here. Meanwhile, complete your{" "}
            <Link href="/settings" className="font-medium text-brand-600 hover:text-brand-700">
              profile
            </Link>{" "}
            so candidates see who is hiring.
          </p>
        </Card>
      )}
    </div>
  );
}
