import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/current-user";
import { Card } from "@/components/ui/card";
import { formatBytes } from "@/lib/format";

export const metadata: Metadata = { title: "Overview" };

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  const firstName = user.fullName.split(/\s+/)[0];
  const stats = [
    { label: "Interviews created", value: String(user.interviewsCreated) },
    { label: "Storage used", value: formatBytes(Number(user.storageUsed)) },
    { label: "Company", value: user.companyName ?? "—" },
  ];
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Welcome, {firstName}</h1>
        <p className="mt-1 text-slate-600">Your hiring workspace at a glance.</p>
      </div>
      <dl className="grid gap-4 sm:grid-cols-3">
        {stats.map((s) => (
          <Card key={s.label} className="p-5">
            <dt className="text-sm text-slate-500">{s.label}</dt>
            <dd className="mt-1 truncate text-2xl font-semibold">{s.value}</dd>
          </Card>
        ))}
      </dl>
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
    </div>
  );
}
