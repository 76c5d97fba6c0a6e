import type { Locale } from "@/lib/i18n/config";

/** Translates a key of the "emails" namespace (next-intl's createTranslator). */
export type EmailT = (key: string, values?: Record<string, string | number | Date>) => string;

export type EmailContext = { locale: Locale; t: EmailT; formatDeadline: (date: Date) => string };

/** An invitation or a reminder to a candidate, in the interview's language. */
export type CandidateEmailProps = {
  candidateName: string;
  companyName: string;
  interviewTitle: string;
  introMessage?: string | null;
  /** The candidate's personal link (/i/<token>), absolute. */
  link: string;
  deadline: Date | null;
  questionsCount: number;
};

/** To HR, in HR's language: a candidate finished. */
export type CandidateCompletedProps = {
  candidateName: string;
  interviewTitle: string;
  /** Absolute link to the candidate's answers in the dashboard. */
  reviewLink: string;
};

/** To HR, in HR's language: a session's analysis is done. */
export type AnalysisReadyProps = CandidateCompletedProps & {
  /** 0–10; null when nothing was scored. */
  overallScore: number | null;
};

/** To HR, in HR's language: the daily digest of what happened since the last one. */
export type HrDigestProps = {
  /** Each item's headline (the subject its own email would have had) and its dashboard link. */
  items: { headline: string; link: string }[];
  /** Items left out of the list (too many for one email). */
  more: number;
  /** Absolute link to the dashboard. */
  dashboardLink: string;
};

/** To HR, in HR's language: a webhook endpoint was disabled after repeated failures. */
export type WebhookDisabledProps = {
  url: string;
  /** Deliveries in a row that failed after every retry. */
  failures: number;
  /** Absolute link to the settings page's webhooks section. */
  settingsLink: string;
};

export type EmailTemplates = {
  invitation: CandidateEmailProps;
  reminder: CandidateEmailProps;
  "candidate-completed": CandidateCompletedProps;
  "analysis-ready": AnalysisReadyProps;
  "hr-digest": HrDigestProps;
  "webhook-disabled": WebhookDisabledProps;
};

export type EmailTemplate = keyof EmailTemplates;

export type RenderedEmail = { subject: string; html: string; text: string };
