import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { listCandidatesForDashboard } from "@/lib/server/invitations/list-candidates";
import { getInterview } from "@/lib/server/interviews/get-interview";
import { isUuid } from "@/lib/server/interviews/owned-interview";
import { Card, CardHeader } from "@/components/ui/card";
import { CandidatesTable } from "@/components/candidates/candidates-table";
import { InviteForm } from "@/components/candidates/invite-form";
import { CopyLink } from "@/components/interviews/copy-link";
import { MOMENT } from "@/components/interviews/date-format";
import { InterviewActions } from "@/components/interviews/interview-actions";
import { CandidateCounts } from "@/components/interviews/interview-list";
import { QuestionList } from "@/components/interviews/question-list";
import { StatusBadge } from "@/components/interviews/status-badge";

type Params = { params: Promise<{ id: string }> };

async function load(id: string) {
  if (!isUuid(id)) notFound();
  const user = await requireUser(`/interviews/${id}`);
  // Both are scoped to the owner: anyone else's interview is a 404 from either.
  return Promise.all([
    getInterview({ actor: user, interviewId: id }),
    listCandidatesForDashboard({ actor: user, interviewId: id }),
  ]).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("interviews.detail");
  return { title: t("metaTitle") };
}

export default async function InterviewPage({ params }: Params) {
  const { id } = await params;
  const [interview, candidates] = await load(id);
  const t = await getTranslations("interviews.detail");
  const tCompare = await getTranslations("compare");
  const tReports = await getTranslations("reports");
  const format = await getFormatter();
  const moment = (iso: string) => format.dateTime(new Date(iso), MOMENT);
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link href="/interviews" className="text-sm font-medium text-brand-600 hover:text-brand-700">
          ← {t("back")}
        </Link>
        <h1 className="text-2xl font-bold tracking-tight break-words">{interview.title}</h1>
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
          <StatusBadge status={interview.status} />
          <span>{t("version", { n: interview.version })}</span>
          <span>{t("language", { language: t(`languages.${interview.language}`) })}</span>
        </p>
        <Link href={`/interviews/${interview.id}/compare`} className="inline-block text-sm font-medium text-brand-700 hover:underline" data-testid="compare-link">
          {tCompare("link")} <span aria-hidden>→</span>
        </Link>
        <Link href={`/interviews/${interview.id}/report`} className="ml-4 inline-block text-sm font-medium text-brand-700 hover:underline" data-testid="report-link">
          {tReports("link")} →
        </Link>
      </div>

      <Card>
        <InterviewActions interviewId={interview.id} status={interview.status} deadline={interview.deadline} />
        <dl className="mt-6 grid gap-4 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">{t("deadline")}</dt>
            <dd className="mt-0.5 font-medium" data-testid="interview-deadline">
              {interview.deadline ? moment(interview.deadline) : t("noDeadline")}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("created")}</dt>
            <dd className="mt-0.5 font-medium">{moment(interview.createdAt)}</dd>
          </div>
          {interview.publishedAt && (
            <div>
              <dt className="text-slate-500">{t("publishedAt")}</dt>
              <dd className="mt-0.5 font-medium">{moment(interview.publishedAt)}</dd>
            </div>
          )}
          {interview.closedAt && (
            <div>
              <dt className="text-slate-500">{t("closedAt")}</dt>
              <dd className="mt-0.5 font-medium">{moment(interview.closedAt)}</dd>
            </div>
          )}
        </dl>
        <section aria-labelledby="candidate-counts-heading" className="mt-6">
          <h2 id="candidate-counts-heading" className="sr-only">
            {t("countsHeading")}
          </h2>
          <CandidateCounts counts={interview.counts} />
        </section>
        <div className="mt-6">
          {interview.publicLink ? (
            <CopyLink url={interview.publicLink} label={t("publicLink")} />
          ) : (
            <p className="text-sm text-slate-600">{t("noLink")}</p>
          )}
        </div>
      </Card>

      <InviteForm interviewId={interview.id} interviewStatus={interview.status} />
      <CandidatesTable
        interviewId={interview.id}
        interviewStatus={interview.status}
        deadline={interview.deadline}
        initialPage={candidates}
        blindReview={interview.blindReview}
      />

      {(interview.description || interview.introMessage) && (
        <Card>
          {interview.description && (
            <>
              <h2 className="text-base font-semibold">{t("description")}</h2>
              <p className="mt-1 whitespace-pre-line break-words text-sm text-slate-700">{interview.description}</p>
            </>
          )}
          {interview.introMessage && (
            <>
              <h2 className="mt-4 text-base font-semibold first:mt-0">{t("introMessage")}</h2>
              <p className="mt-1 whitespace-pre-line break-words text-sm text-slate-700">{interview.introMessage}</p>
            </>
          )}
        </Card>
      )}

      <Card>
        <CardHeader title={t("questionsHeading", { n: interview.version })} description={t("questionsHint")} />
        <QuestionList questions={interview.questions} />
      </Card>

      {interview.versions.length > 1 && (
        <Card>
          <CardHeader title={t("versionsHeading")} description={t("versionsHint")} />
          <ul className="divide-y divide-slate-200 text-sm">
            {interview.versions.map((v) => (
              <li key={v.number} className="flex flex-wrap justify-between gap-x-4 gap-y-1 py-2">
                <span className="font-medium">
                  {t("version", { n: v.number })}
                  {v.number === interview.version && <span className="ml-2 text-xs text-slate-500">{t("current")}</span>}
                </span>
                <span className="text-slate-600">
                  {t("versionFacts", { questions: v.questionsCount, sessions: v.sessionsCount })}
                  {" · "}
                  {v.publishedAt ? t("versionPublished", { date: moment(v.publishedAt) }) : t("versionUnpublished")}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
