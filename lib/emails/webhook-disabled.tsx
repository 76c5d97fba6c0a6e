import { EmailLayout, Paragraph } from "./layout";
import type { EmailContext, WebhookDisabledProps } from "./types";

export function webhookDisabledSubject({ t }: EmailContext, p: WebhookDisabledProps): string {
  return t("webhookDisabled.subject", { host: hostOf(p.url) });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function WebhookDisabledEmail({ ctx, props: p }: { ctx: EmailContext; props: WebhookDisabledProps }) {
  const { t, locale } = ctx;
  return (
    <EmailLayout
      lang={locale}
      preview={t("webhookDisabled.preview")}
      heading={t("webhookDisabled.heading")}
      action={{ label: t("webhookDisabled.button"), href: p.settingsLink }}
      copyLinkLabel={t("common.copyLink")}
      footer={[t("webhookDisabled.footer")]}
    >
      <Paragraph>{t("webhookDisabled.body", { url: p.url, failures: p.failures })}</Paragraph>
      <Paragraph>{t("webhookDisabled.next")}</Paragraph>
    </EmailLayout>
  );
}
