// The candidate flow's input: the "who and consent" form (server action and use case) and a
// text answer. One truth for the form, the action and startSession/submitTextAnswer.
import { z } from "zod";
import { candidateEmailSchema } from "./invitation";
import { text } from "./text";

export const CONSENT_REQUIRED = "Your consent is needed to take part: nothing is recorded without it.";
/** An interview with AI analysis on also needs the candidate's consent to it (startSession checks). */
export const ANALYSIS_CONSENT_REQUIRED = "This interview's answers are analysed by AI: your consent to that is needed to take part.";

/** Personal links ignore name and email (they come from the invitation); public links need both. */
export const startSessionSchema = z.strictObject({
  name: text({ error: "Enter your name.", trim: true }).max(200, "Keep the name under 200 characters.").optional(),
  email: candidateEmailSchema.optional(),
  consent: z.strictObject(
    {
      recording: z.literal(true, { error: CONSENT_REQUIRED }),
      // Required (true) only when the interview has AI analysis on, which the schema cannot know.
      analysis: z.boolean({ error: ANALYSIS_CONSENT_REQUIRED }).optional(),
    },
    { error: CONSENT_REQUIRED },
  ),
});
export type StartSessionInput = z.input<typeof startSessionSchema>;

/** Upper bound of any text answer; each question's own maxCharacters is checked on top. */
export const MAX_TEXT_ANSWER = 20_000;

export const textAnswerSchema = z.strictObject({
  questionId: z.uuid({ error: "This question does not exist." }),
  text: text({ error: "Write your answer as text.", multiline: true, trim: true })
    .min(1, "Write an answer before submitting.")
    .max(MAX_TEXT_ANSWER, "This answer is too long."),
});
