import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";

type Props = { searchParams: Promise<{ lang?: string | string[] }> };

async function localeOf(searchParams: Props["searchParams"]): Promise<"en" | "ru"> {
  const { lang } = await searchParams;
  return lang === "ru" ? "ru" : "en";
}

/** The tab's title in the notice's language too. */
export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: await localeOf(searchParams), namespace: "candidate" });
  return { title: t("privacyTitle") };
}

/** /privacy[?lang=ru]: what the candidate flow stores and that answers are analysed by AI. */
export default async function CandidatePrivacyPage({ searchParams }: Props) {
  const locale = await localeOf(searchParams);
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
