import type { ReactNode } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import type { AnalysisStatus, AnswerAnalysisView, SessionAnalysisView } from "@/lib/schemas/analysis";
import { cn } from "@/components/ui/cn";
import { clock } from "./answer-time";
import { SeekButton } from "./seek-button";
import { SyncedTranscript } from "./synced-transcript";

const STATUS_TONE: Record<AnalysisStatus, string> = {
  pending: "bg-slate-100 text-slate-700",
  running: "bg-sky-50 text-sky-800 ring-1 ring-inset ring-sky-200",
  completed: "bg-emerald-50 text-emerald-800 ring-1 ring-inset ring-emerald-200",
  failed: "bg-red-50 text-red-800 ring-1 ring-inset ring-red-200",
  skipped: "bg-amber-50 text-amber-900 ring-1 ring-inset ring-amber-200",
};

const SEEK = "rounded text-left text-brand-700 underline decoration-dotted underline-offset-2 hover:text-brand-800 focus-visible:outline-2 focus-visible:outline-brand-600";

async function modelFacts(model: string | null, promptVersion: string | null): Promise<string | null> {
  const t = await getTranslations("candidates.review.analysis");
  const parts = [model ? t("model", { model }) : null, promptVersion ? t("promptVersion", { version: promptVersion }) : null].filter(Boolean);
  return parts.length > 0 ? parts.join(" · ") : null;
}

/**
 * An answer's AI analysis for HR: its status (with the reason when skipped or failed), the
 * summary, sentiment, skills, each rubric criterion's score with the quotes behind it, and the
 * transcript, which follows the video as it plays. With `videoId` (the answer's video is on the
 * page), a quote's or a segment's time is a button that plays the video from there.
 */
export async function AnswerAnalysis({ analysis, videoId, headingId }: { analysis: AnswerAnalysisView; videoId?: string; headingId: string }) {
  const t = await getTranslations("candidates.review.analysis");
  const format = await getFormatter();
  const { status } = analysis;
  const facts = status === "completed" ? await modelFacts(analysis.model, analysis.promptVersion) : null;
  const at = (seconds: number, children: ReactNode, className?: string) =>
    videoId ? (
      <SeekButton videoId={videoId} time={seconds} className={cn(SEEK, className)}>
        <span className="sr-only">{t("playFrom")} </span>
        {children}
      </SeekButton>
    ) : (
      <span className={className}>{children}</span>
    );

  return (
    <section aria-labelledby={headingId} className="mt-4 space-y-3 rounded-lg border border-slate-200 p-4" data-testid="answer-analysis" data-status={status}>
      <div className="flex flex-wrap items-center gap-2">
        <h4 id={headingId} className="text-sm font-semibold text-slate-900">
          {t("heading")}
        </h4>
        <span className={cn("inline-flex rounded-full px-2 py-0.5 text-xs font-medium", STATUS_TONE[status])} role={status === "running" ? "status" : undefined}>
          {t(`status.${status}`)}
        </span>
        {analysis.kind === "no-model" ? (
          <span className="inline-flex rounded-full bg-violet-50 px-2 py-0.5 text-xs font-medium text-violet-800 ring-1 ring-inset ring-violet-200" data-testid="no-model">
            {t("noModel")}
          </span>
        ) : null}
      </div>
      {analysis.kind === "no-model" ? <p className="text-xs text-slate-600">{t("noModelHint")}</p> : null}
      {analysis.reason ? (
        <p
          role="note"
          className={cn("rounded-md px-2 py-1 text-xs", status === "failed" ? "bg-red-50 text-red-900" : status === "skipped" ? "bg-amber-50 text-amber-900" : "bg-slate-50 text-slate-700")}
          data-testid="analysis-reason"
        >
          {analysis.reason}
        </p>
      ) : null}

      {analysis.summary ? <p className="whitespace-pre-line break-words text-sm text-slate-900">{analysis.summary}</p> : null}
      {analysis.sentiment ? (
        <p className="text-sm">
          <span className="text-slate-600">{t("sentiment")}: </span>
          <span className="font-medium">{t(`sentimentValue.${analysis.sentiment}`)}</span>
        </p>
      ) : null}

      {analysis.skills.length > 0 ? (
        <div>
          <h5 className="text-xs font-medium uppercase tracking-wide text-slate-600">{t("skills")}</h5>
          <ul className="mt-1 flex flex-wrap gap-1.5">
            {analysis.skills.map((skill, i) => (
              <li key={`${i}-${skill}`} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-800">
                {skill}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {analysis.criteria.length > 0 ? (
        <div>
          <h5 className="text-xs font-medium uppercase tracking-wide text-slate-600">{t("criteria")}</h5>
          <ul className="mt-1 space-y-2">
            {analysis.criteria.map((c, i) => (
              <li key={`${i}-${c.name}`} className="text-sm" data-testid="criterion">
                <p className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="font-medium text-slate-900">{c.name}</span>
                  <span className={cn("text-sm", c.score === null ? "text-slate-600" : "font-semibold text-slate-900")}>
                    {c.score === null ? t("notScored") : t("score", { score: format.number(c.score, { maximumFractionDigits: 1 }) })}
                  </span>
                </p>
                {c.evidence.length > 0 ? (
                  <ul className="mt-1 space-y-1" aria-label={`${t("evidence")}: ${c.name}`}>
                    {c.evidence.map((e, j) => (
                      <li key={j} className="text-xs text-slate-700">
                        {e.start !== undefined ? (
                          <>
                            {at(e.start, <span className="font-mono">{clock(e.start)}</span>, "mr-1.5")}
                            <q>{e.quote}</q>
                          </>
                        ) : (
                          <q>{e.quote}</q>
                        )}
                      </li>
                    ))}
                  </ul>
                ) : c.score !== null ? (
                  <p className="mt-1 text-xs text-slate-600">{t("noEvidence")}</p>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {analysis.transcript && analysis.transcript.text.trim() !== "" ? (
        <div className="text-sm">
          <h5 className="text-xs font-medium uppercase tracking-wide text-slate-600">{t("transcript")}</h5>
          {analysis.transcript.segments.length > 0 ? (
            // Follows the video as it plays (the current line marked), each line seeking it.
            <SyncedTranscript segments={analysis.transcript.segments} videoId={videoId} playFrom={t("playFrom")} label={t("transcript")} />
          ) : (
            <p className="mt-2 whitespace-pre-line break-words text-slate-900">{analysis.transcript.text}</p>
          )}
        </div>
      ) : null}

      {facts ? <p className="text-xs text-slate-600">{facts}</p> : null}
    </section>
  );
}

/** The session's overall score, its summary and what produced them, for the top of the review page. */
export async function SessionAnalysis({ analysis }: { analysis: SessionAnalysisView }) {
  const t = await getTranslations("candidates.review.analysis");
  const format = await getFormatter();
  const done = analysis.status === "completed";
  const facts = done ? await modelFacts(analysis.model, analysis.promptVersion) : null;
  return (
    <section aria-labelledby="session-analysis-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="session-analysis" data-status={analysis.status}>
      <h2 id="session-analysis-heading" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      {done ? (
        <>
          <p className="text-sm">
            <span className="text-slate-600">{t("overallScore")}: </span>
            <span className="text-xl font-bold text-slate-900" data-testid="overall-score">
              {analysis.overallScore === null ? t("notScored") : t("score", { score: format.number(analysis.overallScore, { maximumFractionDigits: 1 }) })}
            </span>
          </p>
          {analysis.summary ? <p className="whitespace-pre-line break-words text-sm text-slate-900">{analysis.summary}</p> : null}
          {facts ? <p className="text-xs text-slate-600">{facts}</p> : null}
        </>
      ) : (
        <p className="text-sm text-slate-600" role={analysis.status === "running" ? "status" : undefined}>
          {analysis.status === "running" ? t("status.running") : analysis.status === "failed" ? t("sessionFailed") : analysis.status === "skipped" ? t("status.skipped") : t("sessionPending")}
        </p>
      )}
    </section>
  );
}
