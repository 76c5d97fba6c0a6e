// The frame every email shares: a light card with a heading, the body, one call to action
// with its link written out underneath (for plain-text readers and broken buttons), a footer.
import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

const colors = { brand: "#4f46e5", text: "#0f172a", muted: "#475569", border: "#e2e8f0", page: "#f8fafc" };

export function EmailLayout({
  lang,
  preview,
  heading,
  children,
  action,
  copyLinkLabel,
  footer,
}: {
  lang: string;
  preview: string;
  heading: string;
  children: ReactNode;
  action: { label: string; href: string };
  copyLinkLabel: string;
  footer: string[];
}) {
  return (
    <Html lang={lang}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: colors.page, fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", border: `1px solid ${colors.border}`, borderRadius: 8, maxWidth: 560, padding: "32px 28px" }}>
          <Heading as="h1" style={{ color: colors.text, fontSize: 22, lineHeight: "30px", margin: "0 0 16px" }}>
            {heading}
          </Heading>
          {children}
          <Section style={{ margin: "28px 0 20px" }}>
            <Button
              href={action.href}
              style={{ backgroundColor: colors.brand, borderRadius: 6, color: "#ffffff", fontSize: 16, fontWeight: 600, padding: "12px 22px", textDecoration: "none" }}
            >
              {action.label}
            </Button>
          </Section>
          <Text style={{ color: colors.muted, fontSize: 14, lineHeight: "20px", margin: "0 0 4px" }}>{copyLinkLabel}</Text>
          <Text style={{ fontSize: 14, lineHeight: "20px", margin: 0, wordBreak: "break-all" }}>
            <Link href={action.href} style={{ color: colors.brand }}>
              {action.href}
            </Link>
          </Text>
          <Hr style={{ borderColor: colors.border, margin: "28px 0 16px" }} />
          {footer.map((line) => (
            <Text key={line} style={{ color: colors.muted, fontSize: 12, lineHeight: "18px", margin: "0 0 4px" }}>
              {line}
            </Text>
          ))}
        </Container>
      </Body>
    </Html>
  );
}

export function Paragraph({ children, muted = false }: { children: ReactNode; muted?: boolean }) {
  return <Text style={{ color: muted ? colors.muted : colors.text, fontSize: 16, lineHeight: "24px", margin: "0 0 14px" }}>{children}</Text>;
}

/** A message HR wrote (several lines kept), quoted. */
export function Quote({ label, text }: { label: string; text: string }) {
  return (
    <Section style={{ borderLeft: `3px solid ${colors.border}`, margin: "4px 0 18px", paddingLeft: 14 }}>
      <Text style={{ color: colors.muted, fontSize: 14, lineHeight: "20px", margin: "0 0 6px" }}>{label}</Text>
      {text.split(/\r?\n/).map((line, i) => (
        <Text key={i} style={{ color: colors.text, fontSize: 15, lineHeight: "22px", margin: "0 0 6px", minHeight: 1 }}>
          {line}
        </Text>
      ))}
    </Section>
  );
}
