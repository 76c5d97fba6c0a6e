// The AI analysis: what the model must return, and the views the REST API shows on an answer
// and on a session. The view field names are a contract with integrators (issue 12): keep them.
//
// The model's output schemas become a strict JSON schema (lib/adapters/ai/openai.ts), so every
// field is required (`.nullable()` stands in for "absent"). Their bounds (string lengths, array
// lengths, the score's range) are checked here with refinements, which the generated JSON schema
// leaves out: length and range keywords are refused or ignored by some OpenAI-compatible servers'
// structured output, while a bound checked here turns a runaway answer into the adapter's one
// retry with the reason, then a clear failure. The prompt states the same bounds.
import { z } from "zod";

export const SENTIMENTS = ["positive", "neutral", "negative"] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const ANALYSIS_STATUSES = ["pending", "running", "completed", "failed", "skipped"] as const;
export type AnalysisStatus = (typeof ANALYSIS_STATUSES)[number];

export const ANALYSIS_KINDS = ["model", "no-model"] as const;
export type AnalysisKind = (typeof ANALYSIS_KINDS)[number];

export const SCORE_MIN = 0;
export const SCORE_MAX = 10;

/** Bounds of the model's answer; the prompt states the same numbers. */
export const OUTPUT_LIMITS = {
  summary: 1200,
  explanation: 1200,
  skills: 12,
  skill: 60,
  criteria: 10,
  criterionName: 100,
  evidence: 5,
  quote: 400,
  sessionSummary: 2000,
} as const;

const score = () => z.number().min(SCORE_MIN).max(SCORE_MAX);

// For the model's output only: bounds that do not appear in the generated JSON schema.
const boundedString = (max: number) => z.string().refine((s) => s.length <= max, `at most ${max} characters`);
const boundedArray = <T extends z.ZodType>(item: T, max: number) => z.array(item).refine((a) => a.length <= max, `at most ${max} items`);
const outputScore = () => z.number().refine((n) => n >= SCORE_MIN && n <= SCORE_MAX, `a number from ${SCORE_MIN} to ${SCORE_MAX}`);

export const answerScoringOutput = z.object({
  summary: boundedString(OUTPUT_LIMITS.summary).meta({ description: "What the candidate said, in two or three sentences." }),
  sentiment: z.enum(SENTIMENTS),
  skills: boundedArray(boundedString(OUTPUT_LIMITS.skill), OUTPUT_LIMITS.skills).meta({ description: "Skills the answer shows." }),
  criteria: boundedArray(
    z.object({
      name: boundedString(OUTPUT_LIMITS.criterionName).meta({ description: "The rubric criterion's name, exactly as given." }),
      score: outputScore().meta({ description: "0 (not shown at all) to 10 (shown fully)." }),
      evidence: boundedArray(z.object({ quote: boundedString(OUTPUT_LIMITS.quote).meta({ description: "Verbatim from the transcript." }) }), OUTPUT_LIMITS.evidence),
      explanation: boundedString(OUTPUT_LIMITS.explanation),
    }),
    OUTPUT_LIMITS.criteria,
  ),
  explanation: boundedString(OUTPUT_LIMITS.explanation).meta({ description: "Why these scores, in a few sentences." }),
});
export type AnswerScoringOutput = z.infer<typeof answerScoringOutput>;

export const sessionSummaryOutput = z.object({
  summary: boundedString(OUTPUT_LIMITS.sessionSummary).meta({ description: "The whole session in a short paragraph." }),
});
export type SessionSummaryOutput = z.infer<typeof sessionSummaryOutput>;

const seconds = () => z.number().nonnegative().meta({ description: "Seconds from the start of the answer's recording." });

export const transcriptView = z
  .object({
    text: z.string(),
    segments: z.array(z.object({ start: seconds(), end: seconds(), text: z.string() })),
  })
  .meta({ id: "Transcript" });

export const evidenceView = z
  .object({
    quote: z.string().meta({ description: "As it appears in the transcript (or the written answer)." }),
    start: seconds().optional().meta({ description: "Where the quote starts in the recording; absent for written answers." }),
    end: seconds().optional().meta({ description: "Where the quote ends in the recording; absent for written answers." }),
  })
  .meta({ id: "Evidence" });
export type EvidenceView = z.infer<typeof evidenceView>;

export const answerAnalysisView = z
  .object({
    status: z.enum(ANALYSIS_STATUSES).meta({
      description:
        "`skipped` (see `reason`) for an empty or silent answer, or a recording when no AI provider is configured to transcribe it; `failed` (see `reason`) when the provider could not analyse it.",
    }),
    kind: z.enum(ANALYSIS_KINDS).meta({
      description: "`model`: transcribed and scored by the AI model. `no-model`: a written answer analysed without a model (a sentiment lexicon and the rubric's keywords); it has no scores.",
    }),
    reason: z.string().optional().meta({ description: "Why the answer was skipped or failed, or a limit of a no-model analysis, in words a person can read." }),
    transcript: transcriptView.optional().meta({ description: "Recorded answers, once transcribed." }),
    summary: z.string().nullable(),
    sentiment: z.enum(SENTIMENTS).nullable().meta({ description: "null until analysed, or when no lexicon covers the answer's language." }),
    skills: z.array(z.string()),
    criteria: z
      .array(
        z.object({
          name: z.string(),
          score: score().nullable().meta({ description: "0 to 10; null in a no-model analysis, which does not score." }),
          evidence: z.array(evidenceView),
        }),
      )
      .meta({ description: "One per rubric criterion. In a no-model analysis the evidence is the criterion's keywords found in the text." }),
    model: z.string().nullable().meta({ description: "The model that scored it; null for no-model." }),
    promptVersion: z.string().nullable().meta({ description: "The prompt (or no-model method) version the result came from." }),
  })
  .meta({ id: "AnswerAnalysis" });
export type AnswerAnalysisView = z.infer<typeof answerAnalysisView>;

export const sessionAnalysisView = z
  .object({
    status: z.enum(ANALYSIS_STATUSES),
    overallScore: score().nullable().meta({
      description: "0 to 10, one decimal, computed from the answers' criterion scores and weights (not by the model); null until completed or when no answer was scored.",
    }),
    summary: z.string().nullable().meta({ description: "Written by the model from the answers' analyses; null until completed or without a model." }),
    model: z.string().nullable(),
    promptVersion: z.string().nullable(),
    completedAt: z.string().meta({ format: "date-time", example: "2026-12-01T09:30:00.000Z" }).nullable(),
  })
  .meta({ id: "SessionAnalysis" });
export type SessionAnalysisView = z.infer<typeof sessionAnalysisView>;
