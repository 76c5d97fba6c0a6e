import "server-only";
import { REVIEW_DECISIONS, type ReviewDecision } from "@/lib/schemas/review";

/**
 * HR's judgement of a session as /api/v1 shows it (the session's `review`, the answer of POST
 * /api/v1/sessions/{id}/review). Field names are a contract with integrators.
 */
export type ReviewView = {
  /** Overall rating 1–5; null: not rated. */
  rating: number | null;
  decision: ReviewDecision | null;
  note: string | null;
  /** When HR last changed the rating, decision, note or a question's rating; null: never. */
  reviewedAt: string | null;
};

export function asDecision(value: string | null): ReviewDecision | null {
  return (REVIEW_DECISIONS as readonly string[]).includes(value ?? "") ? (value as ReviewDecision) : null;
}

export function toReviewView(s: { rating: number | null; decision: string | null; reviewNotes: string | null; reviewedAt: Date | null }): ReviewView {
  return {
    rating: s.rating,
    decision: asDecision(s.decision),
    note: s.reviewNotes,
    reviewedAt: s.reviewedAt?.toISOString() ?? null,
  };
}
