// Every message the interview schemas can produce for a form has a translation key, so the
// Russian editor never shows an English field error for a known mistake.
import { describe, expect, it } from "vitest";
import { createInterviewSchema, extendDeadlineSchema, updateInterviewSchema } from "@/lib/schemas/interview";
import { interviewMessageKey } from "./localize-errors";

const long = (n: number) => "x".repeat(n);
const criterion = { name: "Clarity", description: "Clear", weight: 5 };

const badQuestions: unknown[] = [
  { prompt: "" },
  { prompt: long(2001) },
  { prompt: "q", type: "audio" },
  ...["a", 1.5, -1, 301, Number.NaN].map((thinkSeconds) => ({ prompt: "q", thinkSeconds })),
  ...["a", 1.5, 14, 601].map((maxSeconds) => ({ prompt: "q", maxSeconds })),
  ...["a", 1.5, 49, 10_001].map((maxCharacters) => ({ prompt: "q", type: "text", maxCharacters })),
  ...["a", 1.5, -1, 4].map((retakes) => ({ prompt: "q", retakes })),
  { prompt: "q", rubric: "x" },
  { prompt: "q", rubric: Array.from({ length: 11 }, () => criterion) },
  { prompt: "q", rubric: [{ ...criterion, name: "" }] },
  { prompt: "q", rubric: [{ ...criterion, name: long(101) }] },
  { prompt: "q", rubric: [{ ...criterion, description: "" }] },
  { prompt: "q", rubric: [{ ...criterion, description: long(1001) }] },
  ...["a", 1.5, 0, 11].map((weight) => ({ prompt: "q", rubric: [{ ...criterion, weight }] })),
];

const badInterviews: unknown[] = [
  { title: "", questions: [{ prompt: "q" }] },
  { title: long(201), questions: [{ prompt: "q" }] },
  { title: "t", description: long(5001), questions: [{ prompt: "q" }] },
  { title: "t", introMessage: long(2001), questions: [{ prompt: "q" }] },
  { title: "t", language: "fr", questions: [{ prompt: "q" }] },
  { title: "t", deadline: "tomorrow", questions: [{ prompt: "q" }] },
  { title: "t", aiAnalysis: "yes", questions: [{ prompt: "q" }] },
  { title: "t", questions: [] },
  { title: "t", questions: Array.from({ length: 51 }, () => ({ prompt: "q" })) },
  ...badQuestions.map((q) => ({ title: "t", questions: [q] })),
];

function messagesOf(result: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => i.message);
}

describe("interview messages", () => {
  it("knows every message the create and update schemas give", () => {
    const messages = new Set<string>();
    for (const input of badInterviews) {
      for (const m of messagesOf(createInterviewSchema.safeParse(input))) messages.add(m);
      const { questions, ...rest } = input as { questions: unknown };
      const patch = Array.isArray(questions) && questions.length === 1 && (questions[0] as { prompt?: string }).prompt === "q" ? rest : input;
      const update = updateInterviewSchema.safeParse(patch);
      if (!update.success) for (const m of messagesOf(update)) messages.add(m);
    }
    for (const m of messagesOf(extendDeadlineSchema.safeParse({ deadline: "soon" }))) messages.add(m);
    expect(messages.size).toBeGreaterThan(30);
    const unknown = [...messages].filter((m) => !interviewMessageKey(m));
    expect(unknown).toEqual([]);
  });

  it("knows the deadline use-case message and nothing made up", () => {
    expect(interviewMessageKey("Set the deadline in the future.")).toBe("deadlineFuture");
    expect(interviewMessageKey("Something else entirely.")).toBeUndefined();
  });
});
