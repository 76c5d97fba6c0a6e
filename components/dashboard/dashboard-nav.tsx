"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Logo } from "@/components/ui/logo";

const links = [
  { href: "/dashboard", label: "Overview" },
  { href: "/events", label: "Events" },
  { href: "/settings", label: "Settings" },
];

// A section stays highlighted on its sub-pages (/events/<id>).
function current(pathname: string, href: string): "page" | "true" | undefined {
  if (pathname === href) return "page";
  return pathname.startsWith(`${href}/`) ? "true" : undefined;
}

export function DashboardNav({ user }: { user: { fullName: string; email: string; avatarUrl: string | null } }) {
  const pathname = usePathname();
  const [signingOut, setSigningOut] = useState(false);
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 sm:gap-x-6">
          <Logo href="/dashboard" />
          <nav aria-label="Main" className="flex gap-1">
            {links.map((l) => (
              <Link
                key={l.href}
                href={l.href}
                aria-current={current(pathname, l.href)}
                className={cn(
                  "rounded-lg px-2.5 py-1.5 text-sm font-medium sm:px-3",
                  current(pathname, l.href) ? "bg-slate-100 text-slate-900" : "text-slate-600 hover:text-slate-900",
                )}
              >
                {l.label}
              </Link>
            ))}
          </nav>
        </div>
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
            Sign out
          </Button>
        </div>
      </div>
    </header>
  );
}
