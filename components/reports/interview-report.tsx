// The report page's body (server component): key figures, the charts (report-bar-chart.tsx,
// each with its figures in words), the per-question table, the ranked candidates and the
// CSV/PDF downloads (the API's own files).
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReportQuestion, ReportView } from "@/lib/schemas/report";
import { Card, CardHeader } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { MOMENT } from "@/components/interviews/date-format";
import { ReportBarChart } from "./report-bar-chart";

const TH = "px-3 py-2 text-left font-semibold text-slate-700";
const TD = "px-3 py-2 align-top";

export async function InterviewReport({ report }: { report: ReportView }) {
  const t = await getTranslations("reports");
  const format = await getFormatter();
  const num = (n: number | null) => (n === null ? t("none") : format.number(n, { maximumFractionDigits: 2 }));
  const duration = (seconds: number | null) => {
    if (seconds === null) return t("none");
    const whole = Math.round(seconds);
    return whole < 60 ? t("seconds", { seconds: whole }) : t("minutes", { minutes: Math.floor(whole / 60), seconds: whole % 60 });
  };
  const multiVersion = new Set(report.questions.map((q) => q.version)).size > 1;
  const qLabel = (q: ReportQuestion) => (multiVersion ? t("questions.labelVersion", { version: q.version, number: q.number }) : t("questions.label", { number: q.number }));
  const list = (items: { label: string; value: string }[]) => items.map((i) => `${i.label}: ${i.value}`).join("; ") || t("none");
  const base = `/api/v1/interviews/${report.interviewId}/report`;
  const f = report.funnel;
  const funnel = (["invited", "opened", "started", "completed"] as const).map((k) => ({ label: t(`funnel.${k}`), value: f[k] }));
  const buckets = report.scoreDistribution.map((b) => ({ label: t("distribution.bucket", { from: b.from, to: b.to }), value: b.count }));
  const scored = report.questions.map((q) => ({ label: qLabel(q), value: q.averageScore ?? 0, shown: num(q.averageScore) }));
  const dropped = report.questions.map((q) => ({ label: qLabel(q), value: q.droppedOff }));
  const criteria = report.criteria.map((c) => ({ label: c.name, value: c.averageScore }));

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link href={`/interviews/${report.interviewId}`} className="text-sm font-medium text-brand-600 hover:text-brand-700">
          ← {t("back")}
        </Link>
        <h1 className="text-2xl font-bold tracking-tight break-words">{t("title", { title: report.title })}</h1>
        <p className="text-sm text-slate-600">{t("generatedAt", { date: format.dateTime(new Date(report.generatedAt), MOMENT) })}</p>
        <div className="flex flex-wrap gap-3 pt-1">
          <a href={`${base}?format=csv`} download className={buttonClass("secondary")} data-testid="report-csv">
            {t("downloadCsv")}
          </a>
          <a href={`${base}?format=pdf`} download className={buttonClass("secondary")} data-testid="report-pdf">
            {t("downloadPdf")}
          </a>
        </div>
      </div>

      <Card>
        <CardHeader title={t("figures.heading")} />
        <dl className="grid gap-4 sm:grid-cols-3">
          <div>
            <dt className="text-sm text-slate-600">{t("figures.averageScore")}</dt>
            <dd className="mt-1 text-2xl font-semibold" data-testid="report-average">{num(report.averageScore)}</dd>
            <dd className="text-xs text-slate-600">{t("figures.scored", { count: report.scoredCandidates })}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t("figures.medianTime")}</dt>
            <dd className="mt-1 text-2xl font-semibold">{duration(report.timeToComplete.medianSeconds)}</dd>
            <dd className="text-xs text-slate-600">{t("figures.completedCount", { count: report.timeToComplete.completed })}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t("figures.p90Time")}</dt>
            <dd className="mt-1 text-2xl font-semibold">{duration(report.timeToComplete.p90Seconds)}</dd>
          </div>
        </dl>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title={t("funnel.heading")} />
          <ReportBarChart bars="horizontal" data={funnel} testId="chart-funnel" summary={t("funnel.summary", { ...f })} />
        </Card>
        <Card>
          <CardHeader title={t("distribution.heading")} description={t("distribution.score")} />
          <ReportBarChart
            bars="vertical"
            data={buckets}
            color="#0f766e"
            testId="chart-distribution"
            summary={t("distribution.summary", { buckets: list(buckets.map((b) => ({ label: b.label, value: String(b.value) }))) })}
          />
        </Card>
        <Card>
          <CardHeader title={t("questions.scoreHeading")} />
          <ReportBarChart
            bars="horizontal"
            data={scored}
            max={10}
            testId="chart-questions"
            summary={t("questions.scoreSummary", { items: list(scored.map((q) => ({ label: q.label, value: q.shown }))) })}
          />
        </Card>
        <Card>
          <CardHeader title={t("criteria.heading")} />
          {criteria.length === 0 ? (
            <p className="text-sm text-slate-600">{t("criteria.empty")}</p>
          ) : (
            <ReportBarChart
              bars="horizontal"
              data={criteria}
              max={10}
              color="#0f766e"
              testId="chart-criteria"
              summary={t("criteria.summary", { items: list(criteria.map((c) => ({ label: c.label, value: num(c.value) }))) })}
            />
          )}
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader title={t("questions.dropOffHeading")} description={t("questions.dropOffHint")} />
          <ReportBarChart
            bars="horizontal"
            data={dropped}
            color="#b45309"
            testId="chart-dropoff"
            summary={t("questions.dropOffSummary", { items: list(dropped.map((q) => ({ label: q.label, value: String(q.value) }))) })}
          />
        </Card>
      </div>

      <Card>
        <CardHeader title={t("questions.heading")} />
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={TH}>{t("questions.question")}</th>
                <th scope="col" className={`${TH} text-right`}>{t("questions.answered")}</th>
                <th scope="col" className={`${TH} text-right`}>{t("questions.droppedOff")}</th>
                <th scope="col" className={`${TH} text-right`}>{t("questions.averageScore")}</th>
                <th scope="col" className={TH}>{t("criteria.heading")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {report.questions.map((q) => (
                <tr key={q.questionId}>
                  <th scope="row" className={`${TD} text-left font-normal`}>
                    <span className="font-semibold">{qLabel(q)}</span> <span className="break-words">{q.prompt}</span>
                  </th>
                  <td className={`${TD} text-right tabular-nums`}>{q.answered}</td>
                  <td className={`${TD} text-right tabular-nums`}>{q.droppedOff}</td>
                  <td className={`${TD} text-right tabular-nums`}>{num(q.averageScore)}</td>
                  <td className={TD}>{q.criteria.map((c) => `${c.name}: ${num(c.averageScore)}`).join(", ") || t("none")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>

      <Card>
        <CardHeader title={t("candidates.heading")} description={t("candidates.intro")} />
        {report.candidates.length === 0 ? (
          <p className="text-sm text-slate-600">{t("candidates.empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="report-candidates">
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className={`${TH} text-right`}>{t("candidates.rank")}</th>
                  <th scope="col" className={TH}>{t("candidates.name")}</th>
                  <th scope="col" className={TH}>{t("candidates.status")}</th>
                  <th scope="col" className={`${TH} text-right`}>{t("candidates.score")}</th>
                  <th scope="col" className={`${TH} text-right`}>{t("candidates.rating")}</th>
                  <th scope="col" className={TH}>{t("candidates.decision")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {report.candidates.map((c, i) => (
                  <tr key={c.sessionId}>
                    <td className={`${TD} text-right tabular-nums`}>{i + 1}</td>
                    <td className={TD}>
                      {c.erased ? (
                        <span className="text-slate-600 italic">{t("candidates.erased")}</span>
                      ) : (
                        <Link href={`/interviews/${report.interviewId}/candidates/${c.sessionId}`} className="font-medium text-brand-700 hover:underline break-words">
                          {c.name ?? t("candidates.hidden")}
                        </Link>
                      )}
                    </td>
                    <td className={TD}>{t(`statuses.${c.status}`)}</td>
                    <td className={`${TD} text-right tabular-nums`}>{num(c.overallScore)}</td>
                    <td className={`${TD} text-right tabular-nums`}>{c.rating ?? t("none")}</td>
                    <td className={TD}>{t(`decisions.${c.decision ?? "none"}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
