// The session's overall score is computed here, never by the model, so HR can redo the sum from
// what the answers show.
//
//   answer score  = Σ (criterion score × criterion weight) / Σ criterion weight
//                   over the answer's scored criteria (score not null, weight > 0);
//   overall score = Σ (answer score × question weight) / Σ question weight
//                   over the scored answers (question weight > 0);
//   rounded to one decimal (halves up), 0 to 10.
//
// Weights default to 1 (the rubric's weights are whole numbers 1 to 10). An answer with no scored
// criterion (skipped: empty or silent, analysed without a model, or failed) does not count,
// rather than counting as 0: it was not judged. With no scored answer the overall score is null.
// Only the final result is rounded, so rounding never compounds.
import { SCORE_MAX, SCORE_MIN } from "@/lib/schemas/analysis";

export type ScoredCriterion = { score: number | null; weight?: number };
export type ScoredAnswer = { weight?: number; criteria: readonly ScoredCriterion[] };

function checkWeight(weight: number | undefined, what: string): number {
  const w = weight ?? 1;
  if (!Number.isFinite(w) || w < 0) throw new RangeError(`${what} weight must be a non-negative number (got ${weight})`);
  return w;
}

/** The weighted mean of an answer's scored criteria, unrounded; null when none is scored. */
export function answerScore(criteria: readonly ScoredCriterion[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const c of criteria) {
    const w = checkWeight(c.weight, "A criterion's");
    if (c.score === null || w === 0) continue;
    if (!Number.isFinite(c.score) || c.score < SCORE_MIN || c.score > SCORE_MAX) {
      throw new RangeError(`A criterion's score must be from ${SCORE_MIN} to ${SCORE_MAX} (got ${c.score})`);
    }
    sum += c.score * w;
    weights += w;
  }
  return weights > 0 ? sum / weights : null;
}

/** The session's overall score, 0 to 10 with one decimal, or null when no answer was scored. */
export function overallScore(answers: readonly ScoredAnswer[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const a of answers) {
    const w = checkWeight(a.weight, "A question's");
    const score = answerScore(a.criteria);
    if (score === null || w === 0) continue;
    sum += score * w;
    weights += w;
  }
  if (weights === 0) return null;
  const mean = Math.min(SCORE_MAX, Math.max(SCORE_MIN, sum / weights));
  // The epsilon keeps 7.25 (stored as 7.2499999…) rounding up as written.
  return Math.round(mean * 10 + 1e-9) / 10;
}
