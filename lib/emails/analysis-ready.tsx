import { EmailLayout, Paragraph } from "./layout";
import type { AnalysisReadyProps, EmailContext } from "./types";

/** "8.5", "7": one decimal at most, in the locale's notation. */
function score(ctx: EmailContext, value: number): string {
  return new Intl.NumberFormat(ctx.locale === "ru" ? "ru-RU" : "en-US", { maximumFractionDigits: 1 }).format(value);
}

export function analysisReadySubject(ctx: EmailContext, p: AnalysisReadyProps): string {
  const { t } = ctx;
  return p.overallScore === null
    ? t("analysisReady.subjectNotScored", { candidateName: p.candidateName })
    : t("analysisReady.subject", { candidateName: p.candidateName, score: score(ctx, p.overallScore) });
}

export function AnalysisReadyEmail({ ctx, props: p }: { ctx: EmailContext; props: AnalysisReadyProps }) {
  const { t, locale } = ctx;
  return (
    <EmailLayout
      lang={locale}
      preview={t("analysisReady.preview", { interviewTitle: p.interviewTitle })}
      heading={t("analysisReady.heading")}
      action={{ label: t("analysisReady.button"), href: p.reviewLink }}
      copyLinkLabel={t("common.copyLink")}
      footer={[t("candidateCompleted.footer")]}
    >
      <Paragraph>{t("analysisReady.body", { candidateName: p.candidateName, interviewTitle: p.interviewTitle })}</Paragraph>
      <Paragraph>
        {p.overallScore === null ? t("analysisReady.notScored") : t("analysisReady.score", { score: score(ctx, p.overallScore) })}
      </Paragraph>
    </EmailLayout>
  );
}
