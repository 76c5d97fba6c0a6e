import { EmailLayout, Paragraph } from "./layout";
import type { CandidateEmailProps, EmailContext } from "./types";

export function reminderSubject({ t }: EmailContext, p: CandidateEmailProps): string {
  return t("reminder.subject", { interviewTitle: p.interviewTitle });
}

export function ReminderEmail({ ctx, props: p }: { ctx: EmailContext; props: CandidateEmailProps }) {
  const { t, locale } = ctx;
  return (
    <EmailLayout
      lang={locale}
      preview={t("reminder.preview", { interviewTitle: p.interviewTitle })}
      heading={t("reminder.heading")}
      action={{ label: t("reminder.button"), href: p.link }}
      copyLinkLabel={t("common.copyLink")}
      footer={[t("reminder.personal"), t("common.sentBy", { companyName: p.companyName })]}
    >
      <Paragraph>{t("common.greeting", { name: p.candidateName })}</Paragraph>
      <Paragraph>
        {t("reminder.intro", { companyName: p.companyName, interviewTitle: p.interviewTitle, questionsCount: p.questionsCount })}
      </Paragraph>
      <Paragraph>{p.deadline ? t("reminder.deadline", { deadline: ctx.formatDeadline(p.deadline) }) : t("reminder.noDeadline")}</Paragraph>
    </EmailLayout>
  );
}
