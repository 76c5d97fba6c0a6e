// renderEmail(template, locale, props) → { subject, html, text }: the one way an email's
// content is made. Strings come from lib/i18n/messages/<locale>/emails.json through next-intl's
// createTranslator, dates are formatted for the locale (in UTC, said so), and the plain text is
// derived from the same HTML (links written out).
import { render, toPlainText } from "@react-email/render";
// use-intl/core: no React hooks, so this also loads under the react-server condition (the worker).
import { createFormatter, createTranslator } from "use-intl/core";
import type { ReactElement } from "react";
import { INTL_LOCALE, type Locale } from "@/lib/i18n/config";
import { getMessages } from "@/lib/i18n/messages";
import { AnalysisReadyEmail, analysisReadySubject } from "./analysis-ready";
import { CandidateCompletedEmail, candidateCompletedSubject } from "./candidate-completed";
import { HrDigestEmail, hrDigestSubject } from "./hr-digest";
import { InvitationEmail, invitationSubject } from "./invitation";
import { ReminderEmail, reminderSubject } from "./reminder";
import { WebhookDisabledEmail, webhookDisabledSubject } from "./webhook-disabled";
import type { EmailContext, EmailT, EmailTemplate, EmailTemplates, RenderedEmail } from "./types";

export type { AnalysisReadyProps, CandidateCompletedProps, CandidateEmailProps, EmailTemplate, EmailTemplates, HrDigestProps, RenderedEmail } from "./types";
export const EMAIL_TEMPLATES = ["invitation", "reminder", "candidate-completed", "analysis-ready", "hr-digest", "webhook-disabled"] as const satisfies readonly EmailTemplate[];

type Definition<P> = { subject: (ctx: EmailContext, props: P) => string; body: (ctx: EmailContext, props: P) => ReactElement };

const templates: { [T in EmailTemplate]: Definition<EmailTemplates[T]> } = {
  invitation: { subject: invitationSubject, body: (ctx, props) => <InvitationEmail ctx={ctx} props={props} /> },
  reminder: { subject: reminderSubject, body: (ctx, props) => <ReminderEmail ctx={ctx} props={props} /> },
  "candidate-completed": {
    subject: candidateCompletedSubject,
    body: (ctx, props) => <CandidateCompletedEmail ctx={ctx} props={props} />,
  },
  "analysis-ready": { subject: analysisReadySubject, body: (ctx, props) => <AnalysisReadyEmail ctx={ctx} props={props} /> },
  "hr-digest": { subject: hrDigestSubject, body: (ctx, props) => <HrDigestEmail ctx={ctx} props={props} /> },
  "webhook-disabled": { subject: webhookDisabledSubject, body: (ctx, props) => <WebhookDisabledEmail ctx={ctx} props={props} /> },
};

export function isEmailTemplate(value: unknown): value is EmailTemplate {
  return typeof value === "string" && (EMAIL_TEMPLATES as readonly string[]).includes(value);
}

async function context(locale: Locale): Promise<EmailContext> {
  const messages = await getMessages(locale);
  const t = createTranslator({ locale, messages, namespace: "emails" }) as unknown as EmailT;
  const format = createFormatter({ locale: INTL_LOCALE[locale], timeZone: "UTC" });
  const formatDeadline = (date: Date) =>
    format.dateTime(date, {
      day: "numeric",
      month: "long",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: locale === "ru" ? "h23" : "h12",
      timeZone: "UTC",
      timeZoneName: "short",
    });
  return { locale, t, formatDeadline };
}

export async function renderEmail<T extends EmailTemplate>(template: T, locale: Locale, props: EmailTemplates[T]): Promise<RenderedEmail> {
  const ctx = await context(locale);
  const definition = templates[template] as Definition<EmailTemplates[T]>;
  const html = await render(definition.body(ctx, props));
  const text = toPlainText(html, { selectors: [{ selector: "h1", options: { uppercase: false } }] }).replace(/\n{3,}/g, "\n\n").trim() + "\n";
  // A subject is one line: a title with a line break in it must not become a second header.
  const subject = definition.subject(ctx, props).replace(/\s+/g, " ").trim();
  return { subject, html, text };
}
