import { describe, expect, it } from "vitest";
import { createInterviewSchema } from "@/lib/schemas/interview";
import {
  emptyCriterion,
  emptyForm,
  emptyQuestion,
  errorsByInput,
  FORM_ERRORS,
  inputId,
  isDirty,
  isoToLocalInput,
  localInputToIso,
  move,
  moveQuestion,
  moveQuestionTo,
  numberField,
  QUESTIONS_ERRORS,
  toForm,
  toInput,
  toUpdateInput,
  type InterviewForm,
} from "./editor-model";

const moscow = () => -180; // UTC+3, no daylight saving
const newYork = (d: Date) => {
  // EST (UTC-5) outside 2026-03-08T07:00Z .. 2026-11-01T06:00Z, EDT (UTC-4) inside.
  const t = d.getTime();
  return t >= Date.UTC(2026, 2, 8, 7) && t < Date.UTC(2026, 10, 1, 6) ? 240 : 300;
};
const utc = () => 0;

function formWith(prompts: string[]): InterviewForm {
  const form = emptyForm();
  form.title = "Backend engineer";
  form.questions = prompts.map((p) => ({ ...emptyQuestion(), prompt: p }));
  return form;
}

describe("deadline conversion", () => {
  it("sends the local time with the browser's offset", () => {
    expect(localInputToIso("2026-12-31T18:00", moscow)).toBe("2026-12-31T18:00:00+03:00");
    expect(localInputToIso("2026-12-31T18:00", utc)).toBe("2026-12-31T18:00:00+00:00");
    expect(localInputToIso("2026-12-31T18:00", newYork)).toBe("2026-12-31T18:00:00-05:00");
    expect(localInputToIso("2026-07-01T09:30", newYork)).toBe("2026-07-01T09:30:00-04:00");
  });

  it("uses the offset in force at that date, not today's", () => {
    // 2026-03-08 03:30 local is after the spring-forward change in New York.
    expect(localInputToIso("2026-03-08T03:30", newYork)).toBe("2026-03-08T03:30:00-04:00");
    expect(localInputToIso("2026-03-07T23:00", newYork)).toBe("2026-03-07T23:00:00-05:00");
  });

  it("is accepted by the shared schema and names the same moment", () => {
    const iso = localInputToIso("2030-01-02T10:15", moscow)!;
    const parsed = createInterviewSchema.parse({ title: "t", deadline: iso, questions: [{ prompt: "p" }] });
    expect(parsed.deadline?.toISOString()).toBe("2030-01-02T07:15:00.000Z");
  });

  it("maps empty to null and passes junk through for the server to refuse", () => {
    expect(localInputToIso("", moscow)).toBeNull();
    expect(localInputToIso("  ", moscow)).toBeNull();
    expect(localInputToIso("tomorrow", moscow)).toBe("tomorrow");
  });

  it("shows a stored deadline in the browser's local time, round-tripping", () => {
    expect(isoToLocalInput("2026-12-31T15:00:00.000Z", moscow)).toBe("2026-12-31T18:00");
    expect(isoToLocalInput("2026-07-01T13:30:00.000Z", newYork)).toBe("2026-07-01T09:30");
    expect(isoToLocalInput(null)).toBe("");
    expect(isoToLocalInput("garbage")).toBe("");
    const local = isoToLocalInput("2026-12-31T15:00:00.000Z", newYork);
    expect(new Date(localInputToIso(local, newYork)!).toISOString()).toBe("2026-12-31T15:00:00.000Z");
  });
});

describe("form ↔ input", () => {
  it("maps numbers, drops the limit that does not apply and clears empty texts", () => {
    const form = formWith(["Tell us about yourself", "Write a query"]);
    form.deadline = "2030-05-01T12:00";
    form.questions[0]!.thinkSeconds = "45";
    form.questions[0]!.maxSeconds = "90";
    form.questions[1]!.type = "text";
    form.questions[1]!.maxCharacters = "500";
    form.questions[1]!.retakes = "0";
    form.questions[1]!.rubric = [{ ...emptyCriterion(), name: "SQL", description: "Correct joins", weight: "7" }];
    form.description = "   ";
    const input = toInput(form, utc);
    expect(input).toEqual({
      title: "Backend engineer",
      description: null,
      language: "en",
      introMessage: null,
      deadline: "2030-05-01T12:00:00+00:00",
      aiAnalysis: true,
      blindReview: false,
      questions: [
        { prompt: "Tell us about yourself", type: "video", thinkSeconds: 45, maxSeconds: 90, retakes: 1, rubric: [] },
        {
          prompt: "Write a query",
          type: "text",
          thinkSeconds: 30,
          maxCharacters: 500,
          retakes: 0,
          rubric: [{ name: "SQL", description: "Correct joins", weight: 7 }],
        },
      ],
    });
    expect(createInterviewSchema.safeParse(input).success).toBe(true);
  });

  it("sends an empty number as absent (the default) and a non-number as NaN, which the schema refuses", () => {
    expect(numberField("")).toBeUndefined();
    expect(numberField(" 12 ")).toBe(12);
    expect(numberField("abc")).toBeNaN();
    const form = formWith(["q"]);
    form.questions[0]!.thinkSeconds = "abc";
    const result = createInterviewSchema.safeParse(toInput(form));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["questions", 0, "thinkSeconds"]);
  });

  it("loads an interview into the form and back to the same input", () => {
    const view = {
      title: "Designer",
      description: "The job",
      language: "ru" as const,
      introMessage: "Hello",
      deadline: "2030-01-01T09:00:00.000Z",
      aiAnalysis: false,
      blindReview: true,
      questions: [
        { prompt: "A", type: "text" as const, thinkSeconds: 0, maxSeconds: null, maxCharacters: 300, retakes: 0, rubric: [] },
        {
          prompt: "B",
          type: "video" as const,
          thinkSeconds: 300,
          maxSeconds: 600,
          maxCharacters: null,
          retakes: 3,
          rubric: [{ name: "Clarity", description: "Clear", weight: 10 }],
        },
      ],
    };
    const form = toForm(view, moscow);
    expect(form.deadline).toBe("2030-01-01T12:00");
    expect(form.aiAnalysis).toBe(false);
    expect(emptyForm().aiAnalysis).toBe(true);
    // Keys (and so input ids) are the same on the server and in the browser: by position.
    expect(form.questions.map((q) => q.key)).toEqual(["q0", "q1"]);
    expect(toForm(view, moscow).questions[1]!.rubric.map((c) => c.key)).toEqual(["q1c0"]);
    expect(emptyForm().questions.map((q) => q.key)).toEqual(["q0"]);
    // Rows added later never take a key of a loaded row.
    const added = [emptyQuestion(), emptyQuestion(), emptyCriterion()].map((r) => r.key);
    expect(new Set([...added, "q0", "q1", "q1c0"]).size).toBe(added.length + 3);
    const input = toInput(form, moscow);
    expect(new Date(input.deadline!).toISOString()).toBe(view.deadline);
    expect(input.questions).toEqual([
      { prompt: "A", type: "text", thinkSeconds: 0, maxCharacters: 300, retakes: 0, rubric: [] },
      { prompt: "B", type: "video", thinkSeconds: 300, maxSeconds: 600, retakes: 3, rubric: view.questions[1]!.rubric },
    ]);
    expect(input.aiAnalysis).toBe(false);
    expect(input.blindReview).toBe(true);
    expect(emptyForm().blindReview).toBe(false);
    expect(isDirty(form, toForm(view, moscow))).toBe(false);
    expect(isDirty(form, { ...form, blindReview: false })).toBe(true);
    expect(isDirty(form, { ...form, aiAnalysis: true })).toBe(true);
  });
});

describe("edit input", () => {
  it("sends the deadline only when it was changed", () => {
    const initial = formWith(["a"]);
    initial.deadline = "2030-01-01T10:00";
    const same = { ...initial, title: "Renamed" };
    const unchanged = toUpdateInput(initial, same, utc);
    expect(unchanged).not.toHaveProperty("deadline");
    expect(unchanged.title).toBe("Renamed");
    expect(toUpdateInput(initial, { ...initial, deadline: "2030-02-01T10:00" }, utc).deadline).toBe("2030-02-01T10:00:00+00:00");
    expect(toUpdateInput(initial, { ...initial, deadline: "" }, utc)).toHaveProperty("deadline", null);
    // The AI setting is always sent: it is one checkbox, and a PATCH with it never versions.
    expect(toUpdateInput(initial, { ...initial, aiAnalysis: false }, utc).aiAnalysis).toBe(false);
  });
});

describe("field errors", () => {
  it("places index paths on the inputs of the questions as they were sent", () => {
    const sent = formWith(["a", "b", "c"]);
    sent.questions[2]!.rubric = [emptyCriterion(), emptyCriterion()];
    const [q0, , q2] = sent.questions;
    const errors = errorsByInput(
      {
        title: ["Give the interview a title."],
        deadline: ["Set the deadline in the future."],
        "questions.2.maxSeconds": ["The answer time must be at most 600 seconds."],
        "questions.0.prompt": ["Write the question."],
        "questions.2.rubric.1.weight": ["The weight must be at most 10."],
        "questions.2.rubric": ["A rubric can have at most 10 criteria."],
      },
      sent,
    );
    expect(errors).toEqual({
      [inputId.top("title")]: ["Give the interview a title."],
      [inputId.top("deadline")]: ["Set the deadline in the future."],
      [inputId.question(q2!.key, "maxSeconds")]: ["The answer time must be at most 600 seconds."],
      [inputId.question(q0!.key, "prompt")]: ["Write the question."],
      [inputId.criterion(q2!.key, q2!.rubric[1]!.key, "weight")]: ["The weight must be at most 10."],
      [inputId.question(q2!.key, "rubric")]: ["A rubric can have at most 10 criteria."],
    });
  });

  it("keeps an error on its question after that question is moved", () => {
    const sent = formWith(["a", "b", "c"]);
    const errors = errorsByInput({ "questions.2.prompt": ["Write the question."] }, sent);
    const moved = moveQuestion(moveQuestion(sent, sent.questions[2]!.key, -1), sent.questions[2]!.key, -1);
    expect(moved.questions[0]!.key).toBe(sent.questions[2]!.key);
    expect(errors[inputId.question(moved.questions[0]!.key, "prompt")]).toEqual(["Write the question."]);
  });

  it("collects paths with no input of their own", () => {
    const sent = formWith(["a"]);
    expect(
      errorsByInput(
        {
          questions: ["Add at least one question."],
          "questions.7.prompt": ["gone"],
          _form: ["Something"],
          "settings.colour": ["unknown"],
        },
        sent,
      ),
    ).toEqual({ [QUESTIONS_ERRORS]: ["Add at least one question.", "gone"], [FORM_ERRORS]: ["Something", "unknown"] });
    expect(errorsByInput(undefined, sent)).toEqual({});
  });
});

describe("reordering", () => {
  it("moves an item and clamps at the ends", () => {
    expect(move(["a", "b", "c"], 0, 2)).toEqual(["b", "c", "a"]);
    expect(move(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(move(["a", "b", "c"], 1, 9)).toEqual(["a", "c", "b"]);
    expect(move(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(move(["a", "b", "c"], 5, 0)).toEqual(["a", "b", "c"]);
  });

  it("moves questions by keyboard buttons and by drag, keeping their content", () => {
    const form = formWith(["one", "two", "three"]);
    const [k1, k2, k3] = form.questions.map((q) => q.key);
    expect(moveQuestion(form, k1!, -1).questions.map((q) => q.prompt)).toEqual(["one", "two", "three"]);
    expect(moveQuestion(form, k1!, 1).questions.map((q) => q.prompt)).toEqual(["two", "one", "three"]);
    expect(moveQuestion(form, k3!, 1).questions.map((q) => q.prompt)).toEqual(["one", "two", "three"]);
    expect(moveQuestionTo(form, k3!, k1!).questions.map((q) => q.prompt)).toEqual(["three", "one", "two"]);
    expect(moveQuestionTo(form, k1!, k2!).questions.map((q) => q.prompt)).toEqual(["two", "one", "three"]);
    expect(moveQuestionTo(form, k1!, "missing")).toBe(form);
    // The original is untouched (React state).
    expect(form.questions.map((q) => q.prompt)).toEqual(["one", "two", "three"]);
    expect(isDirty(form, moveQuestion(form, k1!, 1))).toBe(true);
  });
});
