import { Link, Section, Text } from "@react-email/components";
import { EmailLayout, Paragraph } from "./layout";
import type { EmailContext, HrDigestProps } from "./types";

export function hrDigestSubject({ t }: EmailContext, p: HrDigestProps): string {
  return t("hrDigest.subject", { count: p.items.length + p.more });
}

/** The daily digest: each pending item's headline, linked to its page in the dashboard. */
export function HrDigestEmail({ ctx, props: p }: { ctx: EmailContext; props: HrDigestProps }) {
  const { t, locale } = ctx;
  return (
    <EmailLayout
      lang={locale}
      preview={t("hrDigest.preview", { count: p.items.length + p.more })}
      heading={t("hrDigest.heading")}
      action={{ label: t("hrDigest.button"), href: p.dashboardLink }}
      copyLinkLabel={t("common.copyLink")}
      footer={[t("hrDigest.footer")]}
    >
      <Paragraph>{t("hrDigest.intro", { count: p.items.length + p.more })}</Paragraph>
      <Section style={{ margin: "0 0 8px" }}>
        {p.items.map((item, i) => (
          <Text key={i} style={{ fontSize: 15, lineHeight: "22px", margin: "0 0 10px" }}>
            {"• "}
            <Link href={item.link} style={{ color: "#4f46e5" }}>
              {item.headline}
            </Link>
          </Text>
        ))}
      </Section>
      {p.more > 0 && <Paragraph muted>{t("hrDigest.more", { count: p.more })}</Paragraph>}
    </EmailLayout>
  );
}
