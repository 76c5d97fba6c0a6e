import { headers } from "next/headers";
import { requireUser } from "@/lib/auth/current-user";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { DashboardNav } from "@/components/dashboard/dashboard-nav";

// Every page below requires a session; pages call requireUser() again for their own data.
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser(safeCallbackPath((await headers()).get("x-pathname")));
  return (
    <div className="min-h-dvh">
      <DashboardNav user={{ fullName: user.fullName, email: user.email, avatarUrl: user.avatarUrl }} />
      <main className="mx-auto max-w-5xl px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}
