import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Privacy notice for candidates" };

/** /privacy[?lang=ru]: what the candidate flow stores and that answers are analysed by AI. */
export default async function CandidatePrivacyPage({ searchParams }: { searchParams: Promise<{ lang?: string | string[] }> }) {
  const { lang } = await searchParams;
  const locale = lang === "ru" ? "ru" : "en";
  const t = await getTranslations({ locale, namespace: "candidate" });
  const sections = [
    ["privacyStoredTitle", "privacyStored"],
    ["privacyAiTitle", "privacyAi"],
    ["privacyWhoTitle", "privacyWho"],
    ["privacyKeepTitle", "privacyKeep"],
  ] as const;
  return (
    <div lang={locale}>
      <Card>
        <h1 className="text-2xl font-semibold text-slate-900">{t("privacyTitle")}</h1>
        <p className="mt-3 text-slate-700">{t("privacyIntro")}</p>
        {sections.map(([title, body]) => (
          <section key={title} className="mt-6">
            <h2 className="text-base font-semibold text-slate-900">{t(title)}</h2>
            <p className="mt-2 text-slate-700">{t(body)}</p>
          </section>
        ))}
      </Card>
    </div>
  );
}
