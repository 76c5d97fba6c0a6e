import type { GetServerSideProps } from "next";
import { CandidateUnavailable, isUnavailable, type GoneView } from "@/components/candidates/candidate-gone";
import { CandidateShell, type NotFoundView } from "@/components/candidates/candidate-shell";
import { DeviceCheck } from "@/components/candidates/device-check";
import type { Messages } from "@/lib/client/translate";
import { isGone } from "@/lib/server/candidates/candidate-link-gone";
import { documentProps, goneView, loadCandidatePage, messagesOf, notFoundProps, redirectTo, translate, type DocumentProps } from "@/lib/server/candidates/candidate-pages";

type Check = { lang: string; title: string; heading: string; intro: string; questionsHref: string; messages: Messages };
type Props = { document: DocumentProps } & ({ notFound: NotFoundView } | { notFound?: undefined; token: string; landing: GoneView } | { notFound?: undefined; token: string; landing?: undefined; check: Check });

/**
 * /i/<token>/check: between the consent (or a resume on another device) and the questions,
 * the candidate sees their camera, hears their microphone move a meter, learns their upload
 * speed and may record a practice answer that stays in the browser. It never blocks: the way
 * on is always there. An interview without a video question left skips it.
 */
export const getServerSideProps: GetServerSideProps<Props, { token: string }> = async (ctx) => {
  const page = await loadCandidatePage(ctx);
  if (!page.found) return { props: await notFoundProps(ctx) };
  const { token, link, session, locale } = page;
  // A closed or expired link (status 410) says so here too, rather than redirecting.
  if (isGone(link, session)) {
    ctx.res.statusCode = 410;
    return { props: { document: await documentProps(locale), token, landing: await goneView(link) } };
  }
  if (session?.status === "completed") return redirectTo(`/i/${token}/done`);
  const questionsHref = `/i/${token}/questions`;
  // No session of this browser, or one that may not answer: the questions page says what to do.
  if (!session?.acceptsAnswers) return redirectTo(questionsHref);
  if (!session.questions.some((q) => q.type === "video" && !q.answered)) return redirectTo(questionsHref);

  const t = await translate(locale, "deviceCheck");
  const tc = await translate(locale, "candidate");
  const check: Check = {
    lang: locale,
    title: link.interview.title,
    heading: t("title"),
    intro: t("intro", { company: link.interview.companyName || tc("theCompany") }),
    questionsHref,
    messages: await messagesOf(locale, "deviceCheck"),
  };
  return { props: { document: await documentProps(locale), token, check } };
};

export default function CandidateCheckPage(props: Props) {
  if (isUnavailable(props)) return <CandidateUnavailable {...props} />;
  const { check, token } = props;
  return (
    <CandidateShell>
      <div lang={check.lang} className="space-y-4">
        <div>
          <p className="text-sm font-medium text-brand-700">{check.title}</p>
          <h1 className="mt-1 text-xl font-semibold text-slate-900">{check.heading}</h1>
          <p className="mt-2 text-slate-700">{check.intro}</p>
        </div>
        <DeviceCheck token={token} questionsHref={check.questionsHref} messages={check.messages} />
      </div>
    </CandidateShell>
  );
}
