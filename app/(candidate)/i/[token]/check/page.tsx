import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getTranslations } from "next-intl/server";
import { CandidateLanding } from "@/components/candidates/candidate-landing";
import { DeviceCheck } from "@/components/candidates/device-check";
import { getMessages } from "@/lib/i18n/messages";
import { isGone } from "@/lib/server/candidates/candidate-link-gone";
import { readCandidatePage } from "@/lib/server/candidates/read-candidate-page";

export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

/**
 * /i/<token>/check: between the consent (or a resume on another device) and the questions,
 * the candidate sees their camera, hears their microphone move a meter, learns their upload
 * speed and may record a practice answer that stays in the browser. It never blocks: the way
 * on is always there. An interview without a video question left skips it.
 */
export default async function CandidateCheckPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { link, session } = await readCandidatePage(token);
  if (!link) notFound();
  // A closed or expired link (status 410 from proxy.ts) says so here too, rather than redirecting.
  if (isGone(link, session)) return <CandidateLanding link={link} token={token} />;
  if (session?.status === "completed") redirect(`/i/${token}/done`);
  const questionsHref = `/i/${token}/questions`;
  // No session of this browser, or one that may not answer: the questions page says what to do.
  if (!session?.acceptsAnswers) redirect(questionsHref);
  if (!session.questions.some((q) => q.type === "video" && !q.answered)) redirect(questionsHref);

  const locale = link.interview.language;
  const t = await getTranslations({ locale, namespace: "deviceCheck" });
  const tc = await getTranslations({ locale, namespace: "candidate" });
  const messages = await getMessages(locale);
  return (
    <div lang={locale} className="space-y-4">
      <div>
        <p className="text-sm font-medium text-brand-700">{link.interview.title}</p>
        <h1 className="mt-1 text-xl font-semibold text-slate-900">{t("title")}</h1>
        <p className="mt-2 text-slate-700">{t("intro", { company: link.interview.companyName || tc("theCompany") })}</p>
      </div>
      <NextIntlClientProvider locale={locale} messages={{ deviceCheck: messages.deviceCheck }}>
        <DeviceCheck token={token} questionsHref={questionsHref} />
      </NextIntlClientProvider>
    </div>
  );
}
