import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";
import { LogoMark } from "@/components/ui/logo-mark";

/**
 * What the candidate pages (pages/i/[token]/*, pages/privacy.tsx) put around their content: no
 * dashboard chrome, no account. The logo is a plain link (next/link is not needed for "#").
 */
export function CandidateShell({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-dvh flex-col items-center px-5 py-10">
      <div className="mb-8">
        <a href="#" className="inline-flex items-center gap-2 font-semibold text-slate-900">
          <LogoMark />
        </a>
      </div>
      <div className="w-full max-w-xl">
        {children}
      </div>
    </main>
  );
}

export type NotFoundView = { title: string; text: string; back: string };

/** An unknown link: the app's 404 page (app/not-found.tsx), with status 404 set by the page. */
export function CandidateNotFound({ view }: { view: NotFoundView }) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center px-5 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-bold">{view.title}</h1>
      <p className="mt-2 text-slate-600">{view.text}</p>
      {/* The start page is an App Router page: from here a full page load either way. */}
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
      <a href="/" className={buttonClass("secondary", "mt-6")}>
        {view.back}
      </a>
    </main>
  );
}
