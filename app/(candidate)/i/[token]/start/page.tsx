import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CandidateLanding } from "@/components/candidates/candidate-landing";
import { StartForm } from "@/components/candidates/start-form";
import { Card } from "@/components/ui/card";
import { readCandidatePage } from "@/lib/server/candidates/read-candidate-page";

export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

/** /i/<token>/start: who the candidate is and their two consents, before any answer. */
export default async function CandidateStartPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { link, session } = await readCandidatePage(token);
  if (!link) notFound();
  if (session?.status === "completed") redirect(`/i/${token}/done`);
  if (session?.acceptsAnswers) redirect(`/i/${token}/questions`);
  if (link.state !== "open") return <CandidateLanding link={link} token={token} />;

  const locale = link.interview.language;
  const t = await getTranslations({ locale, namespace: "candidate" });
  const company = link.interview.companyName || t("theCompany");
  const fixed = link.kind === "invitation";
  return (
    <div lang={locale}>
      <Card>
        <p className="text-sm font-medium text-brand-700">{link.interview.title}</p>
        <h1 className="mt-1 text-xl font-semibold text-slate-900">{t("consentTitle")}</h1>
        <p className="mt-2 mb-6 text-slate-700">{t("consentIntro")}</p>
        <StartForm
          token={token}
          fixed={fixed}
          name={fixed ? (link.candidateName ?? "") : ""}
          email={fixed ? (link.candidateEmail ?? "") : ""}
          privacyHref={`/privacy?lang=${locale}`}
          labels={{
            name: t("name"),
            email: t("email"),
            fixedHint: t("fixedHint"),
            consentRecording: t("consentRecording", { company }),
            consentAnalysis: t("consentAnalysis", { company }),
            privacyLink: t("privacyLink"),
            continue: t("continue"),
            consentMissing: t("consentMissing"),
            networkError: t("networkError"),
          }}
        />
      </Card>
    </div>
  );
}
