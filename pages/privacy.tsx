import type { GetServerSideProps } from "next";
import { CandidateShell } from "@/components/candidates/candidate-shell";
import { Card } from "@/components/ui/card";
import { documentProps, translate, type DocumentProps } from "@/lib/server/candidates/candidate-pages";

type Privacy = { lang: string; title: string; intro: string; sections: { title: string; body: string }[] };
type Props = { document: DocumentProps; privacy: Privacy };

const SECTIONS = [
  ["privacyStoredTitle", "privacyStored"],
  ["privacyAiTitle", "privacyAi"],
  ["privacyWhoTitle", "privacyWho"],
  ["privacyKeepTitle", "privacyKeep"],
] as const;

/** /privacy[?lang=ru]: what the candidate flow stores and that answers are analysed by AI. */
export const getServerSideProps: GetServerSideProps<Props> = async (ctx) => {
  const locale = ctx.query.lang === "ru" ? "ru" : "en";
  const t = await translate(locale, "candidate");
  const privacy: Privacy = {
    lang: locale,
    title: t("privacyTitle"),
    intro: t("privacyIntro"),
    sections: SECTIONS.map(([title, body]) => ({ title: t(title), body: t(body) })),
  };
  // The tab's title in the notice's language too; the notice may be indexed.
  return { props: { document: await documentProps(locale, { title: privacy.title, noindex: false }), privacy } };
};

export default function CandidatePrivacyPage({ privacy }: Props) {
  return (
    <CandidateShell>
      <div lang={privacy.lang}>
        <Card>
          <h1 className="text-2xl font-semibold text-slate-900">{privacy.title}</h1>
          <p className="mt-3 text-slate-700">{privacy.intro}</p>
          {privacy.sections.map((section) => (
            <section key={section.title} className="mt-6">
              <h2 className="text-base font-semibold text-slate-900">{section.title}</h2>
              <p className="mt-2 text-slate-700">{section.body}</p>
            </section>
          ))}
        </Card>
      </div>
    </CandidateShell>
  );
}
