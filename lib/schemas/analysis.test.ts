import { zodResponseFormat } from "openai/helpers/zod";
import { describe, expect, it } from "vitest";
import { answerAnalysisView, answerScoringOutput, OUTPUT_LIMITS, sessionAnalysisView, sessionSummaryOutput } from "./analysis";

const valid = {
  summary: "Led a migration to Kubernetes.",
  sentiment: "positive",
  skills: ["Kubernetes", "Leadership"],
  criteria: [{ name: "Ownership", score: 8, evidence: [{ quote: "I led a team of five engineers" }], explanation: "Owned the migration." }],
  explanation: "Concrete and owned.",
};

describe("answerScoringOutput", () => {
  it("accepts a well-formed answer", () => {
    expect(answerScoringOutput.parse(valid)).toEqual(valid);
  });

  it("refuses scores out of 0..10, an unknown sentiment, missing fields and runaway lengths", () => {
    const criterion = valid.criteria[0]!;
    expect(answerScoringOutput.safeParse({ ...valid, criteria: [{ ...criterion, score: 11 }] }).success).toBe(false);
    expect(answerScoringOutput.safeParse({ ...valid, criteria: [{ ...criterion, score: -1 }] }).success).toBe(false);
    expect(answerScoringOutput.safeParse({ ...valid, sentiment: "mixed" }).success).toBe(false);
    const missing: Partial<typeof valid> = { ...valid };
    delete missing.explanation;
    expect(answerScoringOutput.safeParse(missing).success).toBe(false);
    expect(answerScoringOutput.safeParse({ ...valid, summary: "x".repeat(OUTPUT_LIMITS.summary + 1) }).success).toBe(false);
    expect(answerScoringOutput.safeParse({ ...valid, skills: Array.from({ length: OUTPUT_LIMITS.skills + 1 }, (_, i) => `s${i}`) }).success).toBe(false);
    const quotes = Array.from({ length: OUTPUT_LIMITS.evidence + 1 }, () => ({ quote: "a quote of some words" }));
    expect(answerScoringOutput.safeParse({ ...valid, criteria: [{ ...criterion, evidence: quotes }] }).success).toBe(false);
  });

  it("gives a strict JSON schema: every field required, no extra keys, no length or range keywords, no $defs copy", () => {
    const { schema, strict } = zodResponseFormat(answerScoringOutput, "answer_scoring").json_schema;
    expect(strict).toBe(true);
    const text = JSON.stringify(schema);
    expect(text).not.toMatch(/"(maxLength|minLength|maximum|minimum|maxItems|\$ref|definitions|\$defs)"/);
    expect(schema).toMatchObject({ required: ["summary", "sentiment", "skills", "criteria", "explanation"], additionalProperties: false });
    expect(zodResponseFormat(sessionSummaryOutput, "session_summary").json_schema.schema).toEqual({
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      properties: { summary: { type: "string", description: "The whole session in a short paragraph." } },
      required: ["summary"],
      additionalProperties: false,
    });
  });
});

describe("views", () => {
  it("an answer analysis: model, no-model and skipped shapes", () => {
    expect(
      answerAnalysisView.parse({
        status: "completed",
        kind: "model",
        transcript: { text: "I led a team.", segments: [{ start: 0, end: 2.5, text: "I led a team." }] },
        summary: "s",
        sentiment: "neutral",
        skills: [],
        criteria: [{ name: "Ownership", score: 7, evidence: [{ quote: "I led a team", start: 0, end: 2.5 }] }],
        model: "gpt-4o-mini",
        promptVersion: "answer-v1",
      }).criteria[0]?.evidence[0],
    ).toEqual({ quote: "I led a team", start: 0, end: 2.5 });
    const skipped = { status: "skipped", kind: "model", reason: "The answer is silent.", summary: null, sentiment: null, skills: [], criteria: [], model: null, promptVersion: null };
    expect(answerAnalysisView.parse(skipped)).toEqual(skipped);
    expect(answerAnalysisView.safeParse({ ...skipped, kind: "heuristic" }).success).toBe(false);
    expect(answerAnalysisView.safeParse({ ...skipped, criteria: [{ name: "x", score: 10.5, evidence: [] }] }).success).toBe(false);
  });

  it("a session analysis", () => {
    const view = { status: "completed", overallScore: 6.5, summary: "Solid.", model: "gpt-4o-mini", promptVersion: "session-v1", completedAt: "2026-12-01T09:30:00.000Z" };
    expect(sessionAnalysisView.parse(view)).toEqual(view);
    expect(sessionAnalysisView.parse({ ...view, status: "pending", overallScore: null, summary: null, completedAt: null }).overallScore).toBeNull();
  });
});
