import type { GetServerSideProps } from "next";
import { CandidateLanding, type LandingView } from "@/components/candidates/candidate-landing";
import { CandidateNotFound, CandidateShell, type NotFoundView } from "@/components/candidates/candidate-shell";
import { FinishInterview } from "@/components/candidates/finish-interview";
import { IN_APP_KEYS } from "@/components/candidates/in-app-notice";
import { TextAnswerForm, type TextAnswerLabels } from "@/components/candidates/text-answer-form";
import { PendingTakesLazy, VideoAnswerLazy } from "@/components/recorder/lazy";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { Messages } from "@/lib/client/translate";
import { documentProps, landingView, loadCandidatePage, messagesOf, notFoundProps, redirectTo, translate, type DocumentProps } from "@/lib/server/candidates/candidate-pages";
import { isGone } from "@/lib/server/candidates/candidate-link-gone";

type Question = {
  lang: string;
  progress: string;
  progressLabel: string;
  answeredCount: number;
  n: number;
  answeredOf: string;
  prompt: string;
  thinkTime: string | null;
  /** Answered already: the notice, and the way to the next open question if there is one. */
  answered: string | null;
  text: { questionId: string; maxCharacters: number; labels: TextAnswerLabels } | null;
  video: { id: string; thinkSeconds: number; maxSeconds: number; retakes: number } | null;
  answeredIds: string[];
  base: string;
  /** The next open question after this one (wrapping round). */
  later: { href: string; label: string } | null;
  recorderMessages: Messages;
  inAppMessages: Messages;
};
type Message = { lang: string; title: string; text: string };
type Props = { document: DocumentProps } & (
  | { notFound: NotFoundView }
  | { notFound?: undefined; token: string; landing: LandingView }
  | { notFound?: undefined; token: string; landing?: undefined; missing: Message & { resume: string } }
  | { notFound?: undefined; token: string; landing?: undefined; missing?: undefined; allAnswered: Message & { finish: string; networkError: string } }
  | { notFound?: undefined; token: string; landing?: undefined; missing?: undefined; allAnswered?: undefined; question: Question }
);

/**
 * /i/<token>/questions[?q=k]: question k (1-based; default the first unanswered) of the
 * session this browser's cookie opens. Without it, a way back to the start page.
 */
export const getServerSideProps: GetServerSideProps<Props, { token: string }> = async (ctx) => {
  const page = await loadCandidatePage(ctx);
  if (!page.found) return { props: await notFoundProps(ctx) };
  const { token, link, session, locale } = page;
  if (session?.status === "completed") return redirectTo(`/i/${token}/done`);
  const document = await documentProps(locale);
  // Closing stops new candidates; one who started may finish before the deadline.
  if (session ? !session.acceptsAnswers : link.state !== "open") {
    if (isGone(link, session)) ctx.res.statusCode = 410;
    return { props: { document, token, landing: await landingView(link) } };
  }
  const t = await translate(locale, "candidate");
  if (!session) return { props: { document, token, missing: { lang: locale, title: t("sessionMissingTitle"), text: t("sessionMissingText"), resume: t("resume") } } };

  const n = session.questions.length;
  if (session.nextIndex === null) {
    const company = link.interview.companyName || t("theCompany");
    const allAnswered = { lang: locale, title: t("allAnsweredTitle"), text: t("allAnsweredText", { company }), finish: t("finish"), networkError: t("networkError") };
    return { props: { document, token, allAnswered } };
  }

  const q = ctx.query.q;
  const asked = typeof q === "string" && /^\d{1,4}$/.test(q) ? Number(q) - 1 : session.nextIndex;
  const index = asked >= 0 && asked < n ? asked : session.nextIndex;
  const question = session.questions[index]!;
  const base = `/i/${token}/questions`;
  const later = [...session.questions.slice(index + 1), ...session.questions.slice(0, index)].find((x) => !x.answered);
  const deviceCheck = await messagesOf(locale, "deviceCheck");
  const view: Question = {
    lang: locale,
    progress: t("progress", { k: index + 1, n }),
    progressLabel: t("progressLabel"),
    answeredCount: session.answeredCount,
    n,
    answeredOf: t("answeredOf", { count: session.answeredCount, n }),
    prompt: question.prompt,
    thinkTime: question.thinkSeconds > 0 ? t("thinkTime", { count: question.thinkSeconds }) : null,
    answered: question.answered ? t("answeredAlready") : null,
    text:
      !question.answered && question.type === "text"
        ? {
            questionId: question.id,
            maxCharacters: question.maxCharacters ?? 2000,
            labels: {
              answer: t("answerLabel"),
              count: t("charCount", { count: "{count}", max: "{max}" }),
              submit: t("submitAnswer"),
              hint: t("submitHint"),
              networkError: t("networkError"),
            },
          }
        : null,
    video:
      !question.answered && question.type !== "text"
        ? { id: question.id, thinkSeconds: question.thinkSeconds, maxSeconds: question.maxSeconds ?? 120, retakes: question.retakes }
        : null,
    answeredIds: session.questions.filter((x) => x.answered).map((x) => x.id),
    base,
    later: later ? { href: `${base}?q=${later.position}`, label: t("nextOpen") } : null,
    recorderMessages: await messagesOf(locale, "recorder"),
    inAppMessages: Object.fromEntries(IN_APP_KEYS.map((key) => [key, deviceCheck[key] ?? `deviceCheck.${key}`])),
  };
  return { props: { document, token, question: view } };
};

export default function CandidateQuestionsPage(props: Props) {
  if (props.notFound) return <CandidateNotFound view={props.notFound} />;
  const { token } = props;
  if (props.landing) {
    return (
      <CandidateShell>
        <CandidateLanding view={props.landing} token={token} />
      </CandidateShell>
    );
  }
  if (props.missing) {
    return (
      <CandidateShell>
        <div lang={props.missing.lang}>
          <Card>
            <h1 className="text-xl font-semibold text-slate-900">{props.missing.title}</h1>
            <p className="mt-3 text-slate-700">{props.missing.text}</p>
            <a href={`/i/${token}/start`} className={buttonClass("primary", "mt-6")}>
              {props.missing.resume}
            </a>
          </Card>
        </div>
      </CandidateShell>
    );
  }
  if (props.allAnswered) {
    const all = props.allAnswered;
    return (
      <CandidateShell>
        <div lang={all.lang}>
          <Card>
            <h1 className="text-xl font-semibold text-slate-900">{all.title}</h1>
            <p className="mt-3 mb-6 text-slate-700">{all.text}</p>
            <FinishInterview token={token} labels={{ finish: all.finish, networkError: all.networkError }} />
          </Card>
        </div>
      </CandidateShell>
    );
  }
  const q = props.question;
  return (
    <CandidateShell>
      <div lang={q.lang} className="space-y-4">
        <p className="text-sm font-medium text-slate-600" aria-live="polite">
          {q.progress}
        </p>
        <div
          role="progressbar"
          // The bar measures answers submitted, not the question shown: its label and value say so.
          aria-label={q.progressLabel}
          aria-valuemin={0}
          aria-valuemax={q.n}
          aria-valuenow={q.answeredCount}
          aria-valuetext={q.answeredOf}
          className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
        >
          <div className="h-full bg-brand-600" style={{ width: `${Math.round((q.answeredCount / Math.max(1, q.n)) * 100)}%` }} />
        </div>
        <Card>
          <h1 className="text-lg font-semibold break-words whitespace-pre-line text-slate-900">{q.prompt}</h1>
          {q.thinkTime && <p className="mt-1 text-sm text-slate-600">{q.thinkTime}</p>}
          <div className="mt-6">
            {q.answered ? (
              <Alert tone="success">{q.answered}</Alert>
            ) : q.text ? (
              <div className="space-y-4">
                <PendingTakesLazy token={token} answeredIds={q.answeredIds} messages={q.recorderMessages} />
                <TextAnswerForm token={token} questionId={q.text.questionId} maxCharacters={q.text.maxCharacters} nextHref={q.base} labels={q.text.labels} />
              </div>
            ) : q.video ? (
              <VideoAnswerLazy
                key={q.video.id}
                token={token}
                question={q.video}
                answeredIds={q.answeredIds}
                nextHref={q.base}
                // Rendered by the recorder, which hides it while a recording or submission runs.
                skip={q.later ?? undefined}
                messages={q.recorderMessages}
                inAppMessages={q.inAppMessages}
              />
            ) : null}
          </div>
          {q.later && q.answered && (
            // A plain link (next/link adds ~3 KB to the first load): nothing runs on an answered question.
            <a href={q.later.href} className={buttonClass("secondary", "mt-6")}>
              {q.later.label}
            </a>
          )}
        </Card>
      </div>
    </CandidateShell>
  );
}
