import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { SessionReview as Review } from "@/lib/server/sessions/get-session-review";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { MOMENT } from "@/components/interviews/date-format";
import { AnswerAnalysis, SessionAnalysis } from "./answer-analysis";
import { answerVideoId } from "./answer-time";
import { AnswerVideo } from "./answer-video";
import { RefreshWhileProcessing } from "./refresh-while-processing";
import { RerunAnalysisButton } from "./rerun-analysis-button";
import { ReviewPlayer } from "./review-player";
import { BlindName, BlindNotice } from "@/components/review/blind-identity";

const STATUS_TONE: Record<Review["status"], string> = {
  started: "bg-slate-100 text-slate-700",
  in_progress: "bg-amber-50 text-amber-800 ring-1 ring-inset ring-amber-200",
  completed: "bg-emerald-50 text-emerald-800 ring-1 ring-inset ring-emerald-200",
  abandoned: "bg-slate-100 text-slate-700",
};

/** How long the page keeps re-reading while waiting for analyses (they may never finish, e.g. no worker running). */
const ANALYSIS_REFRESH_MS = 10 * 60_000;

/**
 * Whether the analysis can still progress: answers are analysed once the session is completed,
 * so only then is a pending or running answer worth waiting for; the session's summary follows
 * answers a model scored. (An interview with AI off has its answers `skipped`: nothing to wait for.)
 */
export function analysisInProgress(review: Review): boolean {
  if (review.status !== "completed") return false;
  const answers = review.questions.flatMap((q) => (q.answer ? [q.answer.analysis] : []));
  if (answers.some((a) => a.status === "pending" || a.status === "running")) return true;
  if (review.analysis.status === "running") return true;
  return review.analysis.status === "pending" && answers.some((a) => a.status === "completed" && a.kind === "model");
}

/** The overall analysis, once the session is completed, unless nothing was analysed (e.g. AI off for the interview: every answer skipped). */
export function showSessionAnalysis(review: Review): boolean {
  if (review.status !== "completed") return false;
  const answers = review.questions.flatMap((q) => (q.answer ? [q.answer.analysis] : []));
  return review.analysis.status !== "pending" || !answers.every((a) => a.status === "skipped");
}

/** A candidate's session for HR: who, where they are, the overall analysis, and each question with its answer and its analysis. */
export async function SessionReview({
  review,
  judgement,
  questionRatings,
}: {
  review: Review;
  /** HR's judgement (rating, decision, note, comments), after the overall analysis. */
  judgement?: ReactNode;
  /** Per question id, HR's rating of that answer, under its analysis. */
  questionRatings?: Record<string, ReactNode>;
}) {
  const t = await getTranslations("candidates.review");
  const format = await getFormatter();
  const moment = (iso: string) => format.dateTime(new Date(iso), MOMENT);
  const processing = review.questions.some((q) => q.answer?.media && (q.answer.media.status === "uploaded" || q.answer.media.status === "processing"));
  const analysing = analysisInProgress(review);
  return (
    <div className="space-y-6">
      {/* Media processing is always waited for; the analysis for ten minutes at most. */}
      <RefreshWhileProcessing active={processing || analysing} stopAfterMs={processing ? undefined : ANALYSIS_REFRESH_MS} />
      <div className="space-y-2">
        <Link href={`/interviews/${review.interview.id}`} className="text-sm font-medium text-brand-600 hover:text-brand-700">
          ← {t("back", { title: review.interview.title })}
        </Link>
        <h1 className="text-2xl font-bold tracking-tight break-words">{review.blind ? <BlindName number={review.blind.number} /> : review.candidateName}</h1>
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
          {review.blind ? null : <span className="break-all">{review.candidateEmail}</span>}
          <span className={cn("inline-flex rounded-full px-2 py-0.5 text-xs font-medium", STATUS_TONE[review.status])} data-testid="session-status">
            {t(`sessionStatus.${review.status}`)}
          </span>
        </p>
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
          <div>
            <dt className="inline text-slate-600">{t("startedAt")}: </dt>
            <dd className="inline font-medium">{moment(review.startedAt)}</dd>
          </div>
          <div>
            <dt className="inline text-slate-600">{t("completedAt")}: </dt>
            <dd className="inline font-medium">{review.completedAt ? moment(review.completedAt) : t("notCompleted")}</dd>
          </div>
        </dl>
      </div>

      {showSessionAnalysis(review) ? <SessionAnalysis analysis={review.analysis} /> : null}
      {review.status === "completed" && review.interview.aiAnalysis && !analysing && !review.erasedAt ? <RerunAnalysisButton sessionId={review.id} /> : null}
      {review.blind ? <BlindNotice /> : null}
      {judgement}

      <section aria-labelledby="answers-heading" className="space-y-4">
        <h2 id="answers-heading" className="text-lg font-semibold">
          {t("answersHeading")}
        </h2>
        <p className="text-sm text-slate-600">{t("linkExpires")}</p>
        {/* The player: question navigation, one playback speed, keyboard shortcuts and their help. */}
        <ReviewPlayer
          questions={review.questions.map((q) => ({ id: q.id, position: q.position, anchorId: `q-${q.id}`, videoId: q.answer?.media?.playbackUrl ? answerVideoId(q.id) : null }))}
        >
        <ol className="space-y-4">
          {review.questions.map((q) => (
            <li key={q.id}>
              <Card>
                <article aria-labelledby={`q-${q.id}`} data-testid="answer">
                  <p className="text-xs font-medium uppercase tracking-wide text-slate-600">
                    {t("question", { n: q.position })} · {q.type === "video" ? t("typeVideo") : t("typeText")}
                  </p>
                  <h3 id={`q-${q.id}`} className="mt-1 whitespace-pre-line break-words font-semibold text-slate-900">
                    {q.prompt}
                  </h3>
                  <div className="mt-3">
                    {!q.answer ? (
                      <p className="text-sm text-slate-600">{t("notAnswered")}</p>
                    ) : q.answer.media ? (
                      q.answer.media.playbackUrl ? (
                        <>
                          {/* Captions from the timed transcript, which is also in the analysis below, following playback. */}
                          <AnswerVideo
                            id={answerVideoId(q.id)}
                            src={q.answer.media.playbackUrl}
                            poster={q.answer.media.thumbnailUrl ?? undefined}
                            label={t("videoLabel", { n: q.position })}
                            fallback={t("noVideoSupport")}
                            captionsSrc={q.answer.analysis.transcript?.segments.length ? `/api/sessions/${review.id}/answers/${q.id}/captions` : undefined}
                          />
                          <p className="mt-2 text-xs text-slate-600">
                            {t("mediaFacts", {
                              duration: q.answer.media.durationSeconds === null ? "unknown" : format.number(q.answer.media.durationSeconds, { maximumFractionDigits: 1 }),
                              size: format.number(q.answer.media.size / 1_000_000, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }),
                              status: t(`mediaStatus.${q.answer.media.status}`),
                            })}
                          </p>
                          {q.answer.media.flagReasons.length > 0 ? (
                            <ul className="mt-2 space-y-1" data-testid="media-flags">
                              {q.answer.media.flagReasons.map((f) => (
                                <li key={f.flag} className="rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-900">
                                  <span className="font-semibold">{t.has(`mediaFlag.${f.flag}`) ? t(`mediaFlag.${f.flag}`) : f.flag}:</span> {f.reason}
                                </li>
                              ))}
                            </ul>
                          ) : null}
                          {q.answer.media.error ? (
                            <p role="note" className="mt-2 rounded-md bg-red-50 px-2 py-1 text-xs text-red-900">
                              {t("mediaFailed", { reason: q.answer.media.error })}
                            </p>
                          ) : null}
                        </>
                      ) : (
                        <p className="text-sm text-slate-600">{t("mediaDeleted")}</p>
                      )
                    ) : q.answer.text !== undefined ? (
                      <p className="whitespace-pre-line break-words rounded-lg bg-slate-50 p-3 text-sm text-slate-900">{q.answer.text}</p>
                    ) : (
                      <p className="text-sm text-slate-600">{t("notAnswered")}</p>
                    )}
                    {q.answer ? (
                      <AnswerAnalysis
                        analysis={q.answer.analysis}
                        headingId={`analysis-${q.id}`}
                        videoId={q.answer.media?.playbackUrl ? answerVideoId(q.id) : undefined}
                      />
                    ) : null}
                    {q.answer ? questionRatings?.[q.id] : null}
                  </div>
                </article>
              </Card>
            </li>
          ))}
        </ol>
        </ReviewPlayer>
      </section>
    </div>
  );
}
