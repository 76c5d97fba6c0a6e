import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { listInterviews } from "@/lib/server/interviews/list-interviews";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { InterviewList, InterviewsEmpty, StatusFilter } from "@/components/interviews/interview-list";
import { INTERVIEW_STATUSES, type InterviewStatus } from "@/components/interviews/status-badge";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("interviews.list");
  return { title: t("title") };
}

type Search = { status?: string | string[]; cursor?: string | string[] };

const one = (v: string | string[] | undefined) => (typeof v === "string" && v ? v : undefined);

export default async function InterviewsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser("/interviews");
  const t = await getTranslations("interviews.list");
  const params = await searchParams;
  const asked = one(params.status);
  const status = INTERVIEW_STATUSES.includes(asked as InterviewStatus) ? (asked as InterviewStatus) : undefined;
  const cursor = one(params.cursor);
  const page = await listInterviews({ actor: user, input: { status, cursor } }).catch((err: unknown) => {
    // A cursor edited by hand: say so and offer the first page instead of an error page.
    if (err instanceof AppError && (err.code === "BAD_REQUEST" || err.code === "VALIDATION")) return null;
    throw err;
  });
  const firstPage = status ? `/interviews?status=${status}` : "/interviews";
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
          <p className="mt-1 max-w-prose text-slate-600">{t("intro")}</p>
        </div>
        <Link href="/interviews/new" className={buttonClass("primary")}>
          {t("new")}
        </Link>
      </div>
      <StatusFilter current={status} />
      {!page ? (
        <Alert tone="error">
          {t("badCursor")}{" "}
          <Link href={firstPage} className="font-medium underline">
            {t("firstPage")}
          </Link>
        </Alert>
      ) : page.data.length === 0 ? (
        <InterviewsEmpty filtered={Boolean(status)} paged={Boolean(cursor)} firstPage={firstPage} />
      ) : (
        <>
          <InterviewList interviews={page.data} />
          {(cursor || page.nextCursor) && (
            <nav aria-label={t("pagination")} className="flex flex-wrap justify-between gap-3">
              {cursor ? (
                <Link href={firstPage} className={buttonClass("secondary")}>
                  {t("firstPage")}
                </Link>
              ) : (
                <span />
              )}
              {page.nextCursor && (
                <Link
                  href={`/interviews?${new URLSearchParams({ ...(status ? { status } : {}), cursor: page.nextCursor })}`}
                  className={buttonClass("secondary")}
                >
                  {t("nextPage")}
                </Link>
              )}
            </nav>
          )}
        </>
      )}
    </div>
  );
}
