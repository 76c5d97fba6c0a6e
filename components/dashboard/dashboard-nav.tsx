"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Logo } from "@/components/ui/logo";

// Labels are keys of the "nav" namespace.
const links = [
  { href: "/dashboard", label: "dashboard" },
  { href: "/interviews", label: "interviews" },
  { href: "/mailbox", label: "mailbox" },
  { href: "/events", label: "events" },
  { href: "/usage", label: "usage" },
  { href: "/docs/api", label: "apiDocs" },
  { href: "/settings", label: "settings" },
] as const;

// A section stays highlighted on its sub-pages (/events/<id>).
function current(pathname: string, href: string): "page" | "true" | undefined {
  if (pathname === href) return "page";
  return pathname.startsWith(`${href}/`) ? "true" : undefined;
}

export function DashboardNav({ user }: { user: { fullName: string; email: string; avatarUrl: string | null } }) {
  const t = useTranslations("nav");
  // null only on a Pages Router page (the candidate pages, pages/), which has no dashboard nav.
  const pathname = usePathname() ?? "";
  const [signingOut, setSigningOut] = useState(false);
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-3 gap-y-2 px-4 pt-3 pb-2 sm:px-6">
        <Logo href="/dashboard" />
        <div className="flex items-center gap-3">
          <div className="hidden text-right sm:block">
            <p className="text-sm font-medium leading-tight" data-testid="nav-user-name">
              {user.fullName}
            </p>
            <p className="text-xs text-slate-500">{user.email}</p>
          </div>
          <Avatar src={user.avatarUrl} name={user.fullName} size={36} />
          <Button
            variant="ghost"
            pending={signingOut}
            onClick={() => {
              setSigningOut(true);
              void signOut({ callbackUrl: "/sign-in" });
            }}
          >
            {t("signOut")}
          </Button>
        </div>
        {/* A row of its own under the logo: seven links (longer in Russian) do not fit beside
            it, and on a phone the row scrolls sideways while the page itself never does. */}
        <nav aria-label={t("main")} className="-mx-4 w-[calc(100%+2rem)] overflow-x-auto sm:-mx-6 sm:w-[calc(100%+3rem)]">
          <ul className="flex gap-1 px-4 sm:px-6">
            {links.map((l) => (
              <li key={l.href} className="shrink-0">
                <Link
                  href={l.href}
                  aria-current={current(pathname, l.href)}
                  className={cn(
                    "block rounded-lg px-2.5 py-1.5 text-sm font-medium whitespace-nowrap sm:px-3",
                    current(pathname, l.href) ? "bg-slate-100 text-slate-900" : "text-slate-600 hover:text-slate-900",
                  )}
                >
                  {t(l.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}
