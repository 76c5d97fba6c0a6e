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

export type EmailTemplates = {
  invitation: CandidateEmailProps;
  reminder: CandidateEmailProps;
  "candidate-completed": CandidateCompletedProps;
};

export type EmailTemplate = keyof EmailTemplates;

export type RenderedEmail = { subject: string; html: string; text: string };
