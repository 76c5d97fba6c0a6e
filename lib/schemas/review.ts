// HR's judgement of a candidate's session: one truth for POST /api/v1/sessions/{id}/review
// (field names are a contract with integrators), the review page's server actions and the
// OpenAPI document.
import { z } from "zod";
import { REVIEW_DECISIONS } from "@/lib/events/schemas";
import { text } from "./text";

export { REVIEW_DECISIONS };
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const NOTE_MAX = 5000;
export const COMMENT_MAX = 2000;

export const RATING_MESSAGE = "Rate from 1 to 5 (a whole number), or null to clear the rating.";
export const DECISION_MESSAGE = "Decide advance, hold or reject, or null to clear the decision.";

const uuid = (message: string) => z.uuid({ error: message });

export const ratingSchema = z
  .number({ error: RATING_MESSAGE })
  .int(RATING_MESSAGE)
  .min(1, RATING_MESSAGE)
  .max(5, RATING_MESSAGE)
  .meta({ description: "1 (poor) to 5 (excellent)." });

export const decisionSchema = z.enum(REVIEW_DECISIONS, { error: DECISION_MESSAGE });

/** HR's note on the decision: several lines, stored as typed; "" and null both clear it. */
export const noteSchema = text({ multiline: true, trim: true, error: "Write the note as text, or null to clear it." })
  .max(NOTE_MAX, `Keep the note under ${NOTE_MAX.toLocaleString("en-US")} characters.`)
  .nullable()
  .transform((v) => (v ? v : null));

/** The fields POST /api/v1/sessions/{id}/review takes: absent leaves a field as it is, null clears it. */
export const REVIEW_FIELDS = ["rating", "decision", "note"] as const;

export const reviewRequestSchema = z.strictObject({
  rating: ratingSchema.nullable().optional().meta({ description: "Overall rating 1–5; null clears it; absent leaves it." }),
  decision: decisionSchema.nullable().optional().meta({ description: "advance, hold or reject; null clears it; absent leaves it." }),
  note: noteSchema.optional().meta({
    description: `A note on the decision (up to ${NOTE_MAX.toLocaleString("en-US")} characters, several lines); null or "" clears it; absent leaves it.`,
  }),
});
export type ReviewRequest = z.input<typeof reviewRequestSchema>;

/** What the review page may change in one go: the API's fields and the shortlist. */
export const sessionReviewSchema = reviewRequestSchema.extend({
  shortlisted: z.boolean({ error: "Shortlist with true or false." }).optional(),
});
export type SessionReviewInput = z.input<typeof sessionReviewSchema>;

/** One question's rating: 1–5, or null to clear it. */
export const questionRatingSchema = z.strictObject({
  questionId: uuid("Choose a question of this session."),
  rating: ratingSchema.nullable(),
});
export type QuestionRatingInput = z.input<typeof questionRatingSchema>;

export const reviewCommentSchema = z.strictObject({
  body: text({ multiline: true, trim: true, error: "Write the comment." })
    .min(1, "Write the comment.")
    .max(COMMENT_MAX, `Keep the comment under ${COMMENT_MAX.toLocaleString("en-US")} characters.`),
  /** null or absent: about the whole session. */
  questionId: uuid("Choose a question of this session.").nullish(),
});
export type ReviewCommentInput = z.input<typeof reviewCommentSchema>;
