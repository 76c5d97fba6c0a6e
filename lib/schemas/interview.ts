// One truth for interview input: the dashboard's forms, the server actions, the REST API
// (/api/v1, whose field names are a contract with integrators), the OpenAPI document and the
// seed all validate with these.
import { z } from "zod";
import { text } from "./text";

export const LANGUAGES = ["en", "ru"] as const;
export type Language = (typeof LANGUAGES)[number];
export const QUESTION_TYPES = ["video", "text"] as const;

export const LIMITS = {
  thinkSeconds: { min: 0, max: 300, default: 30 },
  maxSeconds: { min: 15, max: 600, default: 120 },
  maxCharacters: { min: 50, max: 10_000, default: 2_000 },
  retakes: { min: 0, max: 3, default: 1 },
  rubricCriteria: 10,
  weight: { min: 1, max: 10 },
  questions: 50,
} as const;

const wholeNumber = (what: string, min: number, max: number, unit = "") =>
  z
    .number({ error: `Enter ${what} as a number.` })
    .int(`Use a whole number for ${what}.`)
    .min(min, `${capitalise(what)} must be at least ${min}${unit}.`)
    .max(max, `${capitalise(what)} must be at most ${max}${unit}.`);

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const rubricCriterionSchema = z.object({
  name: text({ error: "Name the criterion.", trim: true })
    .min(1, "Name the criterion.")
    .max(100, "Keep the criterion's name under 100 characters."),
  description: text({ error: "Say what a good answer shows.", multiline: true, trim: true })
    .min(1, "Say what a good answer shows.")
    .max(1000, "Keep the description under 1,000 characters."),
  weight: wholeNumber("the weight", LIMITS.weight.min, LIMITS.weight.max),
});
export type RubricCriterion = z.infer<typeof rubricCriterionSchema>;

export const questionInputSchema = z
  .object({
    // Prompts may span several lines; titles may not.
    prompt: text({ error: "Write the question.", multiline: true, trim: true })
      .min(1, "Write the question.")
      .max(2000, "Keep the question under 2,000 characters."),
    type: z.enum(QUESTION_TYPES, { error: "Choose video or text." }).default("video"),
    thinkSeconds: wholeNumber("the thinking time", LIMITS.thinkSeconds.min, LIMITS.thinkSeconds.max, " seconds").default(
      LIMITS.thinkSeconds.default,
    ),
    maxSeconds: wholeNumber("the answer time", LIMITS.maxSeconds.min, LIMITS.maxSeconds.max, " seconds").optional(),
    maxCharacters: wholeNumber("the answer length", LIMITS.maxCharacters.min, LIMITS.maxCharacters.max, " characters").optional(),
    retakes: wholeNumber("the number of retakes", LIMITS.retakes.min, LIMITS.retakes.max).default(LIMITS.retakes.default),
    rubric: z
      .array(rubricCriterionSchema, { error: "The rubric is a list of criteria." })
      .max(LIMITS.rubricCriteria, `A rubric can have at most ${LIMITS.rubricCriteria} criteria.`)
      .default([]),
  })
  // A video answer has a time limit and a text answer a length limit; the other one is unused.
  .transform((q) => ({
    ...q,
    maxSeconds: q.type === "video" ? (q.maxSeconds ?? LIMITS.maxSeconds.default) : null,
    maxCharacters: q.type === "text" ? (q.maxCharacters ?? LIMITS.maxCharacters.default) : null,
  }));
export type QuestionInput = z.input<typeof questionInputSchema>;
export type Question = z.output<typeof questionInputSchema>;

const title = () =>
  text({ error: "Give the interview a title.", trim: true })
    .min(1, "Give the interview a title.")
    .max(200, "Keep the title under 200 characters.");

const longText = (max: number, label: string) =>
  text({ multiline: true, trim: true })
    .max(max, `Keep the ${label} under ${max.toLocaleString("en-US")} characters.`)
    .nullish()
    .transform((v) => v || null);

/** ISO 8601 date-time with an offset ("2026-12-31T18:00:00Z"); null clears it. */
const deadline = () =>
  z.iso
    .datetime({ offset: true, error: "Give the deadline as a date and time, e.g. 2026-12-31T18:00:00Z." })
    .nullish()
    .transform((v) => (v ? new Date(v) : null));

const questions = () =>
  z
    .array(questionInputSchema, { error: "Add at least one question." })
    .min(1, "Add at least one question.")
    .max(LIMITS.questions, `An interview can have at most ${LIMITS.questions} questions.`);

export const AI_ANALYSIS_BOOLEAN = "Choose whether to analyse answers with AI: true or false.";

/**
 * Whether answers are transcribed and scored by AI (candidates are told so on the consent
 * page). A setting, not part of the questions: changing it never writes a new version.
 */
const aiAnalysis = () =>
  z.boolean({ error: AI_ANALYSIS_BOOLEAN }).meta({
    description:
      "Analyse answers with AI: transcripts and rubric scores with evidence. Candidates are told on the consent page when it is on.",
  });

export const BLIND_REVIEW_BOOLEAN = "Choose whether to review blind: true or false.";

/**
 * Blind review: the dashboard hides each candidate's name, email and video poster until HR has
 * rated that candidate. A setting like aiAnalysis: switching it never writes a new version.
 */
const blindReview = () =>
  z.boolean({ error: BLIND_REVIEW_BOOLEAN }).meta({
    description:
      "Blind review: the dashboard shows candidates as \"Candidate N\" (no name, email or video poster) until HR has rated each one. The API still answers names and emails (integrations need them).",
  });

export const createInterviewSchema = z.object({
  title: title(),
  description: longText(5000, "description"),
  language: z.enum(LANGUAGES, { error: "Choose English or Russian." }).default("en"),
  introMessage: longText(2000, "intro message"),
  deadline: deadline(),
  questions: questions(),
  aiAnalysis: aiAnalysis().default(true),
  blindReview: blindReview().default(false),
});
export type CreateInterviewInput = z.input<typeof createInterviewSchema>;
export type CreateInterview = z.output<typeof createInterviewSchema>;

/** PATCH: every field optional; `questions`, when given, replaces the whole list in order. */
export const updateInterviewSchema = z.object({
  title: title().optional(),
  description: longText(5000, "description").optional(),
  language: z.enum(LANGUAGES, { error: "Choose English or Russian." }).optional(),
  introMessage: longText(2000, "intro message").optional(),
  deadline: deadline().optional(),
  questions: questions().optional(),
  aiAnalysis: aiAnalysis().optional(),
  blindReview: blindReview().optional(),
});
export type UpdateInterviewInput = z.input<typeof updateInterviewSchema>;

export const extendDeadlineSchema = z.object({
  deadline: z.iso
    .datetime({ offset: true, error: "Give the new deadline as a date and time, e.g. 2026-12-31T18:00:00Z." })
    .transform((v) => new Date(v)),
});

export const INTERVIEW_STATUSES = ["draft", "published", "closed", "completed"] as const;

/** GET /api/v1/interviews and the dashboard's list: query-string values are coerced. */
export const listInterviewsSchema = z.object({
  cursor: z.string().max(500, "The cursor is not valid.").optional(),
  limit: z.coerce
    .number({ error: "Give the limit as a number." })
    .int("Use a whole number for the limit.")
    .min(1, "The limit must be at least 1.")
    .max(100, "The limit must be at most 100.")
    .default(20),
  status: z.enum(INTERVIEW_STATUSES, { error: "Filter by draft, published, closed or completed." }).optional(),
});
export type ListInterviewsInput = z.input<typeof listInterviewsSchema>;
