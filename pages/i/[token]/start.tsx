import type { GetServerSideProps } from "next";
import { CandidateUnavailable, isUnavailable, type GoneView } from "@/components/candidates/candidate-gone";
import { CandidateShell, type NotFoundView } from "@/components/candidates/candidate-shell";
import { StartForm, type StartFormLabels } from "@/components/candidates/start-form";
import { Card } from "@/components/ui/card";
import { isGone } from "@/lib/server/candidates/candidate-link-gone";
import { documentProps, goneView, loadCandidatePage, notFoundProps, redirectTo, translate, type DocumentProps } from "@/lib/server/candidates/candidate-pages";

type Form = { lang: string; title: string; heading: string; intro: string; fixed: boolean; name: string; email: string; privacyHref: string; labels: StartFormLabels };
type Props = { document: DocumentProps } & ({ notFound: NotFoundView } | { notFound?: undefined; token: string; landing: GoneView } | { notFound?: undefined; token: string; landing?: undefined; form: Form });

/** /i/<token>/start: who the candidate is and their consents (AI analysis only when on), before any answer. */
export const getServerSideProps: GetServerSideProps<Props, { token: string }> = async (ctx) => {
  const page = await loadCandidatePage(ctx);
  if (!page.found) return { props: await notFoundProps(ctx) };
  const { token, link, session, locale } = page;
  if (session?.status === "completed") return redirectTo(`/i/${token}/done`);
  if (session?.acceptsAnswers) return redirectTo(`/i/${token}/questions`);
  const document = await documentProps(locale);
  if (link.state !== "open") {
    if (isGone(link, session)) ctx.res.statusCode = 410;
    return { props: { document, token, landing: await goneView(link) } };
  }
  const t = await translate(locale, "candidate");
  const company = link.interview.companyName || t("theCompany");
  const fixed = link.kind === "invitation";
  const form: Form = {
    lang: locale,
    title: link.interview.title,
    heading: t("consentTitle"),
    intro: t("consentIntro"),
    fixed,
    name: fixed ? (link.candidateName ?? "") : "",
    email: fixed ? (link.candidateEmail ?? "") : "",
    privacyHref: `/privacy?lang=${locale}`,
    labels: {
      name: t("name"),
      email: t("email"),
      fixedHint: t("fixedHint"),
      consentRecording: t("consentRecording", { company }),
      analysis: link.interview.aiAnalysis ? { consent: t("consentAnalysis", { company }), decision: t("consentAnalysisDecision") } : null,
      privacyLink: t("privacyLink"),
      continue: t("continue"),
      consentMissing: link.interview.aiAnalysis ? t("consentMissing") : t("consentMissingOne"),
      networkError: t("networkError"),
    },
  };
  return { props: { document, token, form } };
};

export default function CandidateStartPage(props: Props) {
  if (isUnavailable(props)) return <CandidateUnavailable {...props} />;
  const { form, token } = props;
  return (
    <CandidateShell>
      <div lang={form.lang}>
        <Card>
          <p className="text-sm font-medium text-brand-700">{form.title}</p>
          <h1 className="mt-1 text-xl font-semibold text-slate-900">{form.heading}</h1>
          <p className="mt-2 mb-6 text-slate-700">{form.intro}</p>
          <StartForm token={token} fixed={form.fixed} name={form.name} email={form.email} privacyHref={form.privacyHref} labels={form.labels} />
        </Card>
      </div>
    </CandidateShell>
  );
}
