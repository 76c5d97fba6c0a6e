import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { MOMENT } from "./date-format";
import { INTERVIEW_STATUSES, StatusBadge, type InterviewStatus } from "./status-badge";

/** What the list shows of an interview (the fields of list-interviews' InterviewSummary it uses). */
export type InterviewListItem = {
  id: string;
  title: string;
  status: InterviewStatus;
  version: number;
  deadline: string | null;
  createdAt: string;
  questionsCount: number;
  counts: { invited: number; opened: number; inProgress: number; completed: number; awaitingReview: number; readyForReview: number; processing: number; total: number };
};

export function StatusFilter({ current }: { current?: InterviewStatus }) {
  const t = useTranslations("interviews");
  const options: { status?: InterviewStatus; label: string }[] = [
    { label: t("list.all") },
    ...INTERVIEW_STATUSES.map((s) => ({ status: s, label: t(`status.${s}`) })),
  ];
  return (
    <nav aria-label={t("list.filter")} className="-mx-1 overflow-x-auto">
      <ul className="flex gap-1 px-1 pb-1">
        {options.map((o) => {
          const active = o.status === current;
          return (
            <li key={o.status ?? "all"}>
              <Link
                href={o.status ? `/interviews?status=${o.status}` : "/interviews"}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-block rounded-lg px-3 py-1.5 text-sm font-medium whitespace-nowrap",
                  active ? "bg-slate-900 text-white" : "text-slate-600 ring-1 ring-inset ring-slate-200 hover:bg-white",
                )}
              >
                {o.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** The candidate counts HR watches, as a description list (used on the list and the dashboard). */
export function CandidateCounts({ counts, className }: { counts: InterviewListItem["counts"]; className?: string }) {
  const t = useTranslations("interviews.counts");
  const format = useFormatter();
  const items = [
    { id: "invited", label: t("invited"), value: counts.invited + counts.opened, note: null },
    { id: "in-progress", label: t("inProgress"), value: counts.inProgress, note: null },
    { id: "completed", label: t("completed"), value: counts.completed, note: null },
    // Completed and every recording processed: what HR can watch now. Completed sessions whose
    // recordings are still in the media pipeline are named under it.
    {
      id: "ready-for-review",
      label: t("readyForReview"),
      value: counts.readyForReview,
      note: counts.processing > 0 ? t("processing", { n: counts.processing }) : null,
    },
  ];
  return (
    <dl className={cn("grid grid-cols-2 gap-x-4 gap-y-2 sm:grid-cols-4", className)}>
      {items.map((i) => (
        <div key={i.id} className="min-w-0">
          <dt className="truncate text-xs text-slate-500">{i.label}</dt>
          <dd className="text-lg font-semibold tabular-nums" data-count={i.id}>
            {format.number(i.value)}
          </dd>
          {i.note && (
            <dd className="text-xs text-slate-600" data-count-note={i.id}>
              {i.note}
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}

export function InterviewList({ interviews }: { interviews: InterviewListItem[] }) {
  const t = useTranslations("interviews.list");
  const format = useFormatter();
  return (
    <ul className="space-y-3" aria-label={t("title")}>
      {interviews.map((i) => (
        <li key={i.id}>
          <Card className="p-4 sm:p-5">
            <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
              <div className="min-w-0">
                <h2 className="font-semibold break-words">
                  <Link href={`/interviews/${i.id}`} className="text-slate-900 hover:text-brand-700 hover:underline">
                    {i.title}
                  </Link>
                </h2>
                <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
                  <StatusBadge status={i.status} />
                  <span>{t("version", { n: i.version })}</span>
                  <span>{t("questions", { count: i.questionsCount })}</span>
                  <span>
                    {i.deadline
                      ? t("deadline", { date: format.dateTime(new Date(i.deadline), MOMENT) })
                      : t("noDeadline")}
                  </span>
                </p>
              </div>
            </div>
            <CandidateCounts counts={i.counts} className="mt-4" />
          </Card>
        </li>
      ))}
    </ul>
  );
}

export function InterviewsEmpty({ filtered, paged, firstPage }: { filtered: boolean; paged: boolean; firstPage: string }) {
  const t = useTranslations("interviews.list");
  return (
    <Card>
      <h2 className="font-semibold">{paged ? t("emptyPage") : filtered ? t("emptyFiltered") : t("empty")}</h2>
      <p className="mt-1 max-w-prose text-sm text-slate-600">
        {paged ? (
          <Link href={firstPage} className="font-medium text-brand-600 hover:text-brand-700">
            {t("firstPage")}
          </Link>
        ) : (
          t("emptyHint")
        )}
      </p>
    </Card>
  );
}
