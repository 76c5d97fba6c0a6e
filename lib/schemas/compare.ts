// The compare page's filters (its URL's search params) and the shortlist toggle: one schema
// read by the page and by the loader, which validates again.
import { z } from "zod";
import { SESSION_STATUSES } from "./session";

/** A decision to filter by; "none" is a candidate HR has not decided on yet. */
export const COMPARE_DECISIONS = ["advance", "hold", "reject", "none"] as const;
/** Media flags to filter by: "any" flag, "none" at all, or one of media processing's flags. */
export const COMPARE_FLAGS = ["any", "none", "silent", "no_audio", "blank_video", "no_video"] as const;
export const COMPARE_PAGE_SIZE = 50;
/** 1,000 pages of 50: more candidates than one interview is allowed on any plan. */
export const COMPARE_MAX_PAGE = 1000;

export type CompareDecision = (typeof COMPARE_DECISIONS)[number];
export type CompareFlag = (typeof COMPARE_FLAGS)[number];

// A search param is a string, absent, or repeated (string[]); an empty one means "any".
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

const score = (which: string) =>
  z.preprocess(
    blank,
    z.coerce
      .number({ error: `Give the ${which} score as a number from 0 to 10.` })
      .min(0, `The ${which} score must be from 0 to 10.`)
      .max(10, `The ${which} score must be from 0 to 10.`)
      .optional(),
  );

export const compareQuerySchema = z
  .object({
    status: z.preprocess(blank, z.enum(SESSION_STATUSES, { error: `Filter by one of: ${SESSION_STATUSES.join(", ")}.` }).optional()),
    decision: z.preprocess(blank, z.enum(COMPARE_DECISIONS, { error: `Filter by one of: ${COMPARE_DECISIONS.join(", ")}.` }).optional()),
    flag: z.preprocess(blank, z.enum(COMPARE_FLAGS, { error: `Filter by one of: ${COMPARE_FLAGS.join(", ")}.` }).optional()),
    minScore: score("lowest"),
    maxScore: score("highest"),
    shortlisted: z.preprocess(
      blank,
      z
        .enum(["1", "0", "true", "false"], { error: "Shortlisted only is 1 (yes) or 0 (no)." })
        .transform((v) => v === "1" || v === "true")
        .optional(),
    ),
    page: z.preprocess(
      blank,
      z.coerce
        .number({ error: "Give the page as a number." })
        .int("Give the page as a whole number.")
        .min(1, "Pages start at 1.")
        .max(COMPARE_MAX_PAGE, `The page must be at most ${COMPARE_MAX_PAGE}.`)
        .default(1),
    ),
  })
  .refine((q) => q.minScore === undefined || q.maxScore === undefined || q.minScore <= q.maxScore, {
    path: ["maxScore"],
    message: "The highest score must not be below the lowest.",
  });

export type CompareQueryInput = z.input<typeof compareQuerySchema>;
export type CompareQuery = z.output<typeof compareQuerySchema>;

export const setShortlistSchema = z.strictObject({
  shortlisted: z.boolean({ error: "Say whether the candidate is shortlisted (true or false)." }),
});

export const COMPARE_FILTER_KEYS = ["status", "decision", "flag", "minScore", "maxScore", "shortlisted"] as const;
export type CompareFilterKey = (typeof COMPARE_FILTER_KEYS)[number];
/** The filters as the URL carries them (strings, first value of a repeated one), for the form and links. */
export type CompareFilterValues = Partial<Record<CompareFilterKey, string>>;

export function compareFilterValues(params: Record<string, string | string[] | undefined>): CompareFilterValues {
  const values: CompareFilterValues = {};
  for (const key of COMPARE_FILTER_KEYS) {
    const raw = params[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value) values[key] = value;
  }
  return values;
}

/** The compare page of an interview with these filters, at `page` (1 is left out). */
export function compareHref(interviewId: string, values: CompareFilterValues = {}, page = 1): string {
  const search = new URLSearchParams();
  for (const key of COMPARE_FILTER_KEYS) if (values[key]) search.set(key, values[key]);
  if (page > 1) search.set("page", String(page));
  const query = search.toString();
  return `/interviews/${interviewId}/compare${query ? `?${query}` : ""}`;
}
