import { EmailLayout, Paragraph, Quote } from "./layout";
import type { CandidateEmailProps, EmailContext } from "./types";

export function invitationSubject({ t }: EmailContext, p: CandidateEmailProps): string {
  return t("invitation.subject", { companyName: p.companyName, interviewTitle: p.interviewTitle });
}

export function InvitationEmail({ ctx, props: p }: { ctx: EmailContext; props: CandidateEmailProps }) {
  const { t, locale } = ctx;
  return (
    <EmailLayout
      lang={locale}
      preview={t("invitation.preview", { interviewTitle: p.interviewTitle })}
      heading={t("invitation.heading", { interviewTitle: p.interviewTitle })}
      action={{ label: t("invitation.button"), href: p.link }}
      copyLinkLabel={t("common.copyLink")}
      footer={[t("invitation.personal"), t("common.sentBy", { companyName: p.companyName })]}
    >
      <Paragraph>{t("common.greeting", { name: p.candidateName })}</Paragraph>
      <Paragraph>
        {t("invitation.intro", { companyName: p.companyName, interviewTitle: p.interviewTitle, questionsCount: p.questionsCount })}
      </Paragraph>
      {p.introMessage?.trim() && <Quote label={t("invitation.messageFrom", { companyName: p.companyName })} text={p.introMessage.trim()} />}
      <Paragraph>{p.deadline ? t("invitation.deadline", { deadline: ctx.formatDeadline(p.deadline) }) : t("invitation.noDeadline")}</Paragraph>
      <Paragraph muted>{t("invitation.howItWorks")}</Paragraph>
    </EmailLayout>
  );
}
