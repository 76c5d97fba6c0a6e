import { describe, expect, it } from "vitest";
import { answerScore, overallScore } from "./overall-score";

describe("overallScore", () => {
  it("weights criteria within an answer, then answers by question weight", () => {
    // Answer 1: (8×3 + 4×1) / 4 = 7; answer 2: (5 + 6) / 2 = 5.5; weights 1 and 2: (7 + 11) / 3 = 6.
    expect(
      overallScore([
        { criteria: [{ score: 8, weight: 3 }, { score: 4, weight: 1 }] },
        { weight: 2, criteria: [{ score: 5 }, { score: 6 }] },
      ]),
    ).toBe(6);
  });

  it("treats a missing weight as 1", () => {
    expect(overallScore([{ criteria: [{ score: 9 }] }, { criteria: [{ score: 6 }] }])).toBe(7.5);
  });

  it("rounds to one decimal, halves up", () => {
    expect(overallScore([{ criteria: [{ score: 7 }] }, { criteria: [{ score: 7 }] }, { criteria: [{ score: 8 }] }])).toBe(7.3);
    expect(overallScore([{ criteria: [{ score: 7.2 }] }, { criteria: [{ score: 7.3 }] }])).toBe(7.3);
  });

  it("leaves out skipped answers and unscored criteria instead of counting them as 0", () => {
    expect(overallScore([{ criteria: [] }, { criteria: [{ score: 8 }, { score: null }] }, { criteria: [{ score: null }] }])).toBe(8);
  });

  it("is null when every answer was skipped or no answer exists", () => {
    expect(overallScore([{ criteria: [] }, { criteria: [{ score: null }] }])).toBeNull();
    expect(overallScore([])).toBeNull();
  });

  it("gives 0 and 10 at the ends", () => {
    expect(overallScore([{ criteria: [{ score: 0 }] }])).toBe(0);
    expect(overallScore([{ criteria: [{ score: 10, weight: 10 }] }])).toBe(10);
  });

  it("leaves out a criterion or question of weight 0", () => {
    expect(overallScore([{ criteria: [{ score: 2, weight: 0 }, { score: 6 }] }, { weight: 0, criteria: [{ score: 0 }] }])).toBe(6);
  });

  it("refuses scores out of range and negative weights", () => {
    expect(() => overallScore([{ criteria: [{ score: 11 }] }])).toThrow(RangeError);
    expect(() => overallScore([{ criteria: [{ score: Number.NaN }] }])).toThrow(RangeError);
    expect(() => overallScore([{ weight: -1, criteria: [{ score: 5 }] }])).toThrow(RangeError);
    expect(() => answerScore([{ score: 5, weight: -2 }])).toThrow(RangeError);
  });

  it("answerScore is unrounded", () => {
    expect(answerScore([{ score: 7 }, { score: 7 }, { score: 8 }])).toBeCloseTo(22 / 3, 10);
  });
});
