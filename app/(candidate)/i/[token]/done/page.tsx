import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CandidateLanding } from "@/components/candidates/candidate-landing";
import { Card } from "@/components/ui/card";
import { isGone } from "@/lib/server/candidates/candidate-link-gone";
import { readCandidatePage } from "@/lib/server/candidates/read-candidate-page";

export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

/**
 * /i/<token>/done: the thank-you page after the interview was submitted. Only a browser whose
 * session is completed sees it; anyone else goes back to the link (which sends a session in
 * progress on to its questions), never to a "your answers were sent" that is not true.
 */
export default async function CandidateDonePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { link, session } = await readCandidatePage(token);
  if (!link) notFound();
  // A closed or expired link (status 410 from proxy.ts) says so here too, rather than redirecting.
  if (isGone(link, session)) return <CandidateLanding link={link} token={token} />;
  if (session?.status !== "completed") redirect(`/i/${token}`);
  const locale = link.interview.language;
  const t = await getTranslations({ locale, namespace: "candidate" });
  return (
    <div lang={locale}>
      <Card>
        <h1 className="text-2xl font-semibold text-slate-900">{t("doneTitle")}</h1>
        <p className="mt-3 text-slate-700">{t("doneText", { title: link.interview.title })}</p>
      </Card>
    </div>
  );
}
