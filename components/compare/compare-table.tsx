import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { compareHref, type CompareFilterValues } from "@/lib/schemas/compare";
import type { CompareAnswer, CompareCandidate, CompareResult } from "@/lib/server/compare/compare-candidates";
import { ShortlistToggle } from "./shortlist-toggle";

const DECISION_TONE: Record<string, string> = {
  advance: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  hold: "bg-amber-50 text-amber-900 ring-amber-200",
  reject: "bg-red-50 text-red-800 ring-red-200",
  none: "bg-slate-100 text-slate-700 ring-slate-200",
};
const KNOWN_FLAGS = new Set(["silent", "no_audio", "blank_video", "no_video"]);

function Flags({ flags }: { flags: string[] }) {
  const t = useTranslations("compare.flag");
  if (flags.length === 0) return null;
  return (
    <ul className="mt-1 flex flex-wrap gap-1" data-testid="flags">
      {flags.map((f) => (
        <li key={f} className="rounded bg-orange-50 px-1.5 py-0.5 text-xs font-medium text-orange-900 ring-1 ring-inset ring-orange-200">
          {KNOWN_FLAGS.has(f) ? t(f as "silent") : f}
        </li>
      ))}
    </ul>
  );
}

function AnswerCell({ answer }: { answer: CompareAnswer | null }) {
  const t = useTranslations("compare");
  const format = useFormatter();
  const status = answer ? (answer.analysis ?? "pending") : "none";
  return (
    <td className="px-3 py-3 text-center align-top tabular-nums">
      {answer?.score != null ? (
        <span className="font-semibold text-slate-900">{format.number(answer.score, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}</span>
      ) : (
        <>
          <span aria-hidden className="text-slate-600">
            {t("noScore")}
          </span>
          <span className="sr-only">{t(`analysis.${status}`)}</span>
        </>
      )}
      {answer && <Flags flags={answer.flags} />}
    </td>
  );
}

function CandidateRow({ c, interviewId, currentVersion }: { c: CompareCandidate; interviewId: string; currentVersion: number | null }) {
  const t = useTranslations("compare");
  const format = useFormatter();
  const label = c.hidden || !c.name ? t("hiddenName", { number: c.number ?? "none" }) : c.name;
  const decision = c.decision ?? "none";
  return (
    <tr className="align-top" data-testid="compare-row" data-session-id={c.sessionId}>
      <td className="px-3 py-3 text-slate-600 tabular-nums">{c.rank}</td>
      <th scope="row" className="px-3 py-3 text-left font-normal">
        <Link
          href={`/interviews/${interviewId}/candidates/${c.sessionId}`}
          className="font-medium text-brand-700 underline-offset-2 hover:underline"
          data-testid="candidate-link"
        >
          {label}
        </Link>
        {c.hidden ? <div className="text-xs text-slate-600">{t("hiddenHint")}</div> : c.email && <div className="break-all text-xs text-slate-600">{c.email}</div>}
        <div className="mt-1 text-xs text-slate-600">{t(`status.${c.status}`)}</div>
        {c.version !== null && currentVersion !== null && c.version !== currentVersion && (
          <div className="text-xs text-slate-600">{t("version", { n: c.version })}</div>
        )}
      </th>
      <td className="px-3 py-3">
        <span className={cn("inline-block rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", DECISION_TONE[decision])} data-testid="decision">
          {t(`decision.${decision}`)}
        </span>
      </td>
      <td className="px-3 py-3 whitespace-nowrap text-slate-800">{c.rating === null ? <span className="text-slate-600">{t("notRated")}</span> : t("rating", { rating: c.rating })}</td>
      <td className="px-3 py-3 text-center font-semibold tabular-nums text-slate-900" data-testid="overall-score">
        {c.overallScore === null ? (
          <span className="font-normal text-slate-600">{t("noScore")}</span>
        ) : (
          format.number(c.overallScore, { minimumFractionDigits: 1, maximumFractionDigits: 1 })
        )}
      </td>
      {c.answers.map((a, i) => (
        <AnswerCell key={i} answer={a} />
      ))}
      <td className="px-3 py-3">
        <ShortlistToggle sessionId={c.sessionId} shortlisted={c.shortlisted} name={label} />
      </td>
    </tr>
  );
}

/** The candidates side by side: one row each, one column per question, best ranked first. */
export function CompareTable({ result, values }: { result: CompareResult; values: CompareFilterValues }) {
  const t = useTranslations("compare");
  const filtered = Object.values(values).some(Boolean);
  const { interview, columns, candidates, page, pageCount, total } = result;
  if (candidates.length === 0) {
    return (
      <Card>
        <p className="text-sm text-slate-700">{filtered || page > 1 ? t("emptyFiltered") : t("empty")}</p>
      </Card>
    );
  }
  return (
    <Card className="p-0 sm:p-0">
      <div className="overflow-x-auto">
        <table className="w-full min-w-[720px] text-left text-sm" data-testid="compare-table">
          <caption className="px-4 pt-4 text-left text-sm text-slate-700">{t("caption", { title: interview.title })}</caption>
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">{t("columns.rank")}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t("columns.candidate")}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t("columns.decision")}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t("columns.rating")}</th>
              <th scope="col" className="px-3 py-2 text-center font-medium">{t("columns.score")}</th>
              {columns.map((q) => (
                <th key={q.id} scope="col" className="px-3 py-2 text-center font-medium">
                  <span>{t("columns.question", { n: q.position })}</span>
                  <span className="mx-auto block max-w-32 truncate text-[11px] font-normal normal-case tracking-normal text-slate-600" title={q.prompt}>
                    {q.prompt}
                  </span>
                </th>
              ))}
              <th scope="col" className="px-3 py-2 font-medium">{t("columns.shortlist")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {candidates.map((c) => (
              <CandidateRow key={c.sessionId} c={c} interviewId={interview.id} currentVersion={interview.version} />
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label={t("pagination")} className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 text-sm">
        <p className="text-slate-700" data-testid="compare-summary">
          {t("summary", { total, page, pages: pageCount })}
        </p>
        <div className="flex gap-3">
          {page > 1 && (
            <Link href={compareHref(interview.id, values, page - 1)} className="font-medium text-brand-700 hover:underline">
              {t("previous")}
            </Link>
          )}
          {page < pageCount && (
            <Link href={compareHref(interview.id, values, page + 1)} className="font-medium text-brand-700 hover:underline">
              {t("next")}
            </Link>
          )}
        </div>
      </nav>
    </Card>
  );
}
