// Candidates invited to an interview: one truth for the public API (POST
// /api/v1/interviews/{id}/invitations), the dashboard's paste/CSV form, the server actions and
// the candidates table's filters.
//
// The request envelope is checked as a whole (a list of at most MAX_CANDIDATES_PER_REQUEST
// objects); each candidate is then checked on its own with `candidateSchema`, so that a
// malformed email is reported on its line while the valid lines are still invited.
import { z } from "zod";
import { text } from "./text";

/** Candidates per request (API call, paste or CSV file). */
export const MAX_CANDIDATES_PER_REQUEST = 1000;
/**
 * Bytes of an uploaded CSV file or pasted text (1,000 lines of names and emails are ~60 KB).
 * Below Next's 1 MB server-action body limit, so that our message, not Next's, is shown.
 */
export const MAX_CANDIDATES_TEXT_BYTES = 512 * 1024;
/** Times an invitation may be sent again after the first email. */
export const MAX_RESENDS = 5;

export const candidateEmailSchema = text({ error: "Enter the candidate's email address.", trim: true })
  .min(1, "Enter the candidate's email address.")
  .max(254, "That email address is too long.")
  .toLowerCase()
  .pipe(z.email({ error: "This is not a valid email address." }));

export const candidateNameSchema = text({ error: "The name must be text.", trim: true }).max(
  200,
  "Keep the name under 200 characters.",
);

/** One candidate, as stored: email lower-cased, name trimmed (may be empty: the email's local part is used). */
export const candidateSchema = z.object({
  email: candidateEmailSchema,
  name: candidateNameSchema.optional().nullable(),
});
export type CandidateInput = z.input<typeof candidateSchema>;

export const addInvitationsSchema = z.object({
  candidates: z
    .array(
      z.object({
        // Checked per line by candidateSchema; here only "a string" so one bad line does not
        // refuse the whole list.
        email: z.string({ error: "Each candidate needs an email (text)." }),
        name: z.string({ error: "A candidate's name must be text." }).nullish(),
      }),
      { error: "Send the candidates as a list: { candidates: [{ email, name }] }." },
    )
    .min(1, "Add at least one candidate.")
    .max(
      MAX_CANDIDATES_PER_REQUEST,
      `You can invite at most ${MAX_CANDIDATES_PER_REQUEST.toLocaleString("en-US")} candidates at once; split the list.`,
    ),
});
export type AddInvitationsInput = z.input<typeof addInvitationsSchema>;

export const CANDIDATE_STATUSES = ["invited", "opened", "in_progress", "completed", "expired", "revoked"] as const;
export type CandidateStatusFilter = (typeof CANDIDATE_STATUSES)[number];
/**
 * "decision" ranks HR's decision (advance, hold, none yet, reject; descending), then HR's
 * rating, then the AI score; "rating" ranks HR's rating, then the AI score. The AI score only
 * breaks ties: it never overrides what HR decided.
 */
export const CANDIDATE_SORTS = ["created", "name", "email", "updated", "decision", "rating"] as const;
export type CandidateSort = (typeof CANDIDATE_SORTS)[number];
/** HR's decision to filter by; "none": not decided yet. */
export const CANDIDATE_DECISION_FILTERS = ["advance", "hold", "reject", "none"] as const;
export type CandidateDecisionFilter = (typeof CANDIDATE_DECISION_FILTERS)[number];

export const CANDIDATES_PAGE = { default: 50, max: 100 } as const;

/** The candidates table's query: filter, search, sort and a keyset cursor. */
export const listCandidatesSchema = z.object({
  status: z.enum(CANDIDATE_STATUSES, { error: "Unknown status filter." }).optional(),
  q: text({ trim: true }).max(200, "Keep the search under 200 characters.").optional(),
  decision: z.enum(CANDIDATE_DECISION_FILTERS, { error: "Filter by decision: advance, hold, reject or none." }).optional(),
  sort: z.enum(CANDIDATE_SORTS, { error: "Sort by created, name, email, updated, decision or rating." }).default("created"),
  order: z.enum(["asc", "desc"], { error: "Order is asc or desc." }).default("desc"),
  cursor: z.string().max(1000, "This cursor is not valid.").optional(),
  limit: z.coerce
    .number({ error: "The limit is a number." })
    .int("The limit is a whole number.")
    .min(1, "The limit is at least 1.")
    .max(CANDIDATES_PAGE.max, `The limit is at most ${CANDIDATES_PAGE.max}.`)
    .default(CANDIDATES_PAGE.default),
});
export type ListCandidatesInput = z.input<typeof listCandidatesSchema>;
