import { EmailLayout, Paragraph } from "./layout";
import type { CandidateCompletedProps, EmailContext } from "./types";

export function candidateCompletedSubject({ t }: EmailContext, p: CandidateCompletedProps): string {
  return t("candidateCompleted.subject", { candidateName: p.candidateName, interviewTitle: p.interviewTitle });
}

export function CandidateCompletedEmail({ ctx, props: p }: { ctx: EmailContext; props: CandidateCompletedProps }) {
  const { t, locale } = ctx;
  return (
    <EmailLayout
      lang={locale}
      preview={t("candidateCompleted.preview")}
      heading={t("candidateCompleted.heading")}
      action={{ label: t("candidateCompleted.button"), href: p.reviewLink }}
      copyLinkLabel={t("common.copyLink")}
      footer={[t("candidateCompleted.footer")]}
    >
      <Paragraph>{t("candidateCompleted.body", { candidateName: p.candidateName, interviewTitle: p.interviewTitle })}</Paragraph>
    </EmailLayout>
  );
}
