import type { Metadata } from "next";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CandidateLanding } from "@/components/candidates/candidate-landing";
import { FinishInterview } from "@/components/candidates/finish-interview";
import { PendingTakesLazy, VideoAnswerLazy } from "@/components/recorder/lazy";
import { TextAnswerForm } from "@/components/candidates/text-answer-form";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getMessages } from "@/lib/i18n/messages";
import { readCandidatePage } from "@/lib/server/candidates/read-candidate-page";

export const metadata: Metadata = {
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

/**
 * /i/<token>/questions[?q=k]: question k (1-based; default the first unanswered) of the
 * session this browser's cookie opens. Without it, a way back to the start page.
 */
export default async function CandidateQuestionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ q?: string | string[] }>;
}) {
  const { token } = await params;
  const { q } = await searchParams;
  const { link, session } = await readCandidatePage(token);
  if (!link) notFound();
  if (session?.status === "completed") redirect(`/i/${token}/done`);
  // Closing stops new candidates; one who started may finish before the deadline.
  if (session ? !session.acceptsAnswers : link.state !== "open")
    return <CandidateLanding link={link} token={token} />;

  const locale = link.interview.language;
  const t = await getTranslations({ locale, namespace: "candidate" });
  const company = link.interview.companyName || t("theCompany");
  const base = `/i/${token}/questions`;
  const allMessages = await getMessages(locale);
  const recorderMessages = allMessages.recorder as Record<string, string>;

  if (!session) {
    return (
      <div lang={locale}>
        <Card>
          <h1 className="text-xl font-semibold text-slate-900">
            {t("sessionMissingTitle")}
          </h1>
          <p className="mt-3 text-slate-700">{t("sessionMissingText")}</p>
          <Link
            href={`/i/${token}/start`}
            className={buttonClass("primary", "mt-6")}
          >
            {t("resume")}
          </Link>
        </Card>
      </div>
    );
  }

  const n = session.questions.length;
  if (session.nextIndex === null) {
    return (
      <div lang={locale}>
        <Card>
          <h1 className="text-xl font-semibold text-slate-900">
            {t("allAnsweredTitle")}
          </h1>
          <p className="mt-3 mb-6 text-slate-700">
            {t("allAnsweredText", { company })}
          </p>
          <FinishInterview
            token={token}
            labels={{ finish: t("finish"), networkError: t("networkError") }}
          />
        </Card>
      </div>
    );
  }

  const asked =
    typeof q === "string" && /^\d{1,4}$/.test(q)
      ? Number(q) - 1
      : session.nextIndex;
  const index = asked >= 0 && asked < n ? asked : session.nextIndex;
  const question = session.questions[index]!;
  // The next unanswered question after this one (wrapping round), for skipping a video question.
  const answeredIds = session.questions
    .filter((x) => x.answered)
    .map((x) => x.id);
  const later = [
    ...session.questions.slice(index + 1),
    ...session.questions.slice(0, index),
  ].find((x) => !x.answered);

  return (
    <div lang={locale} className="space-y-4">
      <p className="text-sm font-medium text-slate-600" aria-live="polite">
        {t("progress", { k: index + 1, n })}
      </p>
      <div
        role="progressbar"
        // The bar measures answers submitted, not the question shown: its label and value say so.
        aria-label={t("progressLabel")}
        aria-valuemin={0}
        aria-valuemax={n}
        aria-valuenow={session.answeredCount}
        aria-valuetext={t("answeredOf", { count: session.answeredCount, n })}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className="h-full bg-brand-600"
          style={{
            width: `${Math.round((session.answeredCount / Math.max(1, n)) * 100)}%`,
          }}
        />
      </div>
      <Card>
        <h1 className="text-lg font-semibold break-words whitespace-pre-line text-slate-900">
          {question.prompt}
        </h1>
        {question.thinkSeconds > 0 && (
          <p className="mt-1 text-sm text-slate-600">
            {t("thinkTime", { count: question.thinkSeconds })}
          </p>
        )}
        <div className="mt-6">
          {question.answered ? (
            <Alert tone="success">{t("answeredAlready")}</Alert>
          ) : question.type === "text" ? (
            <div className="space-y-4">
              <PendingTakesLazy
                token={token}
                answeredIds={answeredIds}
                messages={recorderMessages}
              />
              <TextAnswerForm
                token={token}
                questionId={question.id}
                maxCharacters={question.maxCharacters ?? 2000}
                nextHref={base}
                labels={{
                  answer: t("answerLabel"),
                  count: t("charCount", { count: "{count}", max: "{max}" }),
                  submit: t("submitAnswer"),
                  hint: t("submitHint"),
                  networkError: t("networkError"),
                }}
              />
            </div>
          ) : (
            // The recorder shows the device check's in-app browser notice (its messages).
            <NextIntlClientProvider
              locale={locale}
              messages={{ deviceCheck: allMessages.deviceCheck }}
            >
              <VideoAnswerLazy
                key={question.id}
                token={token}
                question={{
                  id: question.id,
                  thinkSeconds: question.thinkSeconds,
                  maxSeconds: question.maxSeconds ?? 120,
                  retakes: question.retakes,
                }}
                answeredIds={answeredIds}
                nextHref={base}
                // Rendered by the recorder, which hides it while a recording or submission runs.
                skip={
                  later
                    ? {
                        href: `${base}?q=${later.position}`,
                        label: t("nextOpen"),
                      }
                    : undefined
                }
                messages={recorderMessages}
              />
            </NextIntlClientProvider>
          )}
        </div>
        {later && question.answered && (
          <Link
            href={`${base}?q=${later.position}`}
            className={buttonClass("secondary", "mt-6")}
          >
            {t("nextOpen")}
          </Link>
        )}
      </Card>
    </div>
  );
}
