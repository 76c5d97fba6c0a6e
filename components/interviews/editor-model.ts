// The interview editor's form state and its pure helpers: form ↔ API input, the server's
// field-error paths (questions.2.maxSeconds) ↔ the inputs they belong to, and reordering.
// No React here, so all of it is unit-tested (editor-model.test.ts).
import { LIMITS, type CreateInterviewInput, type Language } from "@/lib/schemas/interview";
import type { FieldErrors } from "@/lib/errors";
import type { QuestionView } from "@/lib/server/interviews/interview-dto";

export type CriterionForm = { key: string; name: string; description: string; weight: string };

export type QuestionForm = {
  /** Stable across reorders: React keys, dnd-kit ids and input ids use it, never the index. */
  key: string;
  prompt: string;
  type: "video" | "text";
  // Numbers are kept as typed so a half-typed value is not rewritten under the cursor.
  thinkSeconds: string;
  maxSeconds: string;
  maxCharacters: string;
  retakes: string;
  rubric: CriterionForm[];
};

export type InterviewForm = {
  title: string;
  description: string;
  language: Language;
  introMessage: string;
  /** `<input type="datetime-local">` value (the browser's local time), "" for none. */
  deadline: string;
  /** Analyse answers with AI (transcripts, scores with evidence); the consent page says so. */
  aiAnalysis: boolean;
  /** Blind review: candidates' names, emails and posters hidden until rated. */
  blindReview: boolean;
  questions: QuestionForm[];
};

/** What the editor is given to edit: an InterviewView's fields (the API shape). */
export type EditableInterview = {
  title: string;
  description: string | null;
  language: Language;
  introMessage: string | null;
  deadline: string | null;
  aiAnalysis: boolean;
  blindReview: boolean;
  questions: Omit<QuestionView, "id" | "position">[];
};

// Keys of rows loaded with the page are derived from their position ("q0", "q0c1"), so the
// server's render and the browser's hydration agree on every input id; rows added later in
// the browser take "n…" keys from a counter, which cannot collide with those.
let counter = 0;
/** A key unique within this page's lifetime (form rows only; never sent to the server). */
export function newKey(prefix: string): string {
  counter += 1;
  return `n${prefix}${counter}`;
}

export function emptyCriterion(key = newKey("c")): CriterionForm {
  return { key, name: "", description: "", weight: "1" };
}

export function emptyQuestion(type: "video" | "text" = "video", key = newKey("q")): QuestionForm {
  return {
    key,
    prompt: "",
    type,
    thinkSeconds: String(LIMITS.thinkSeconds.default),
    maxSeconds: String(LIMITS.maxSeconds.default),
    maxCharacters: String(LIMITS.maxCharacters.default),
    retakes: String(LIMITS.retakes.default),
    rubric: [],
  };
}

export function emptyForm(language: Language = "en"): InterviewForm {
  return {
    title: "",
    description: "",
    language,
    introMessage: "",
    deadline: "",
    aiAnalysis: true,
    blindReview: false,
    questions: [emptyQuestion("video", "q0")],
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * An ISO date-time as a datetime-local value in the browser's time zone ("2026-12-31T18:00").
 * `offsetOf` returns Date#getTimezoneOffset() for a date (injectable for tests).
 */
export function isoToLocalInput(iso: string | null, offsetOf: (d: Date) => number = (d) => d.getTimezoneOffset()): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const local = new Date(d.getTime() - offsetOf(d) * 60_000);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/**
 * A datetime-local value as ISO 8601 with the browser's offset at that date
 * ("2026-12-31T18:00:00+03:00"), so the server stores the moment the person meant. "" → null;
 * anything unparsable is passed through for the server to refuse with a field message.
 */
export function localInputToIso(
  value: string,
  offsetOf: (d: Date) => number = (d) => d.getTimezoneOffset(),
): string | null {
  const v = value.trim();
  if (!v) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(v);
  if (!m) return v;
  const [, y, mo, d, h, mi, s = "00"] = m;
  // The offset that applies at that local time: guess with the UTC reading, then correct once
  // (enough across a daylight-saving change).
  const asUtc = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s);
  let offset = offsetOf(new Date(asUtc));
  offset = offsetOf(new Date(asUtc + offset * 60_000));
  const east = -offset;
  const sign = east >= 0 ? "+" : "-";
  const abs = Math.abs(east);
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export function toForm(interview: EditableInterview, offsetOf?: (d: Date) => number): InterviewForm {
  return {
    title: interview.title,
    description: interview.description ?? "",
    language: interview.language,
    introMessage: interview.introMessage ?? "",
    deadline: isoToLocalInput(interview.deadline, offsetOf),
    aiAnalysis: interview.aiAnalysis,
    blindReview: interview.blindReview,
    questions: interview.questions.map((q, i) => ({
      key: `q${i}`,
      prompt: q.prompt,
      type: q.type,
      thinkSeconds: String(q.thinkSeconds),
      maxSeconds: String(q.maxSeconds ?? LIMITS.maxSeconds.default),
      maxCharacters: String(q.maxCharacters ?? LIMITS.maxCharacters.default),
      retakes: String(q.retakes),
      rubric: q.rubric.map((c, j) => ({ key: `q${i}c${j}`, name: c.name, description: c.description, weight: String(c.weight) })),
    })),
  };
}

/**
 * A typed number field as the API wants it: "" → undefined (the schema's default applies),
 * anything else Number() (NaN for "abc", which the schema refuses with "Enter … as a number").
 */
export function numberField(value: string): number | undefined {
  const v = value.trim();
  return v === "" ? undefined : Number(v);
}

/** The form as the body of createInterview / updateInterview (the /api/v1 field names). */
export function toInput(form: InterviewForm, offsetOf?: (d: Date) => number): CreateInterviewInput {
  return {
    title: form.title,
    description: form.description.trim() ? form.description : null,
    language: form.language,
    introMessage: form.introMessage.trim() ? form.introMessage : null,
    deadline: localInputToIso(form.deadline, offsetOf),
    aiAnalysis: form.aiAnalysis,
    blindReview: form.blindReview,
    questions: form.questions.map((q) => ({
      prompt: q.prompt,
      type: q.type,
      thinkSeconds: numberField(q.thinkSeconds),
      // Only the limit that applies to the type is sent.
      ...(q.type === "video" ? { maxSeconds: numberField(q.maxSeconds) } : { maxCharacters: numberField(q.maxCharacters) }),
      retakes: numberField(q.retakes),
      rubric: q.rubric.map((c) => ({ name: c.name, description: c.description, weight: numberField(c.weight) as number })),
    })),
  };
}

/**
 * The PATCH body for an edit: like toInput, but the deadline only when it was changed, so a
 * save that does not touch it neither re-announces it nor trips over a deadline that has
 * passed in the meantime.
 */
export function toUpdateInput(
  initial: InterviewForm,
  form: InterviewForm,
  offsetOf?: (d: Date) => number,
): Omit<CreateInterviewInput, "deadline"> & { deadline?: string | null } {
  const { deadline, ...rest } = toInput(form, offsetOf);
  return initial.deadline === form.deadline ? rest : { ...rest, deadline };
}

/** The id of the input for a form path; the same function names the inputs and places errors. */
export const inputId = {
  top: (field: "title" | "description" | "language" | "introMessage" | "deadline" | "aiAnalysis" | "blindReview") => `interview-${field}`,
  question: (q: string, field: keyof Omit<QuestionForm, "key" | "rubric"> | "rubric") => `question-${q}-${field}`,
  criterion: (q: string, c: string, field: keyof Omit<CriterionForm, "key">) => `question-${q}-criterion-${c}-${field}`,
};

/** Where an error with no input of its own is shown. */
export const FORM_ERRORS = "_form";
export const QUESTIONS_ERRORS = "questions";

const TOP_FIELDS = new Set(["title", "description", "language", "introMessage", "deadline", "aiAnalysis", "blindReview"]);
const QUESTION_FIELDS = new Set(["prompt", "type", "thinkSeconds", "maxSeconds", "maxCharacters", "retakes", "rubric"]);
const CRITERION_FIELDS = new Set(["name", "description", "weight"]);

/**
 * The server's field errors (paths by index, as the form was when it was sent) keyed by input
 * id, so they stay next to the right input after the person reorders or removes questions.
 * Paths that match no input go to FORM_ERRORS (or QUESTIONS_ERRORS for the list itself).
 */
export function errorsByInput(fields: FieldErrors | undefined, sent: InterviewForm): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (id: string, messages: string[]) => {
    (out[id] ??= []).push(...messages);
  };
  for (const [path, messages] of Object.entries(fields ?? {})) {
    const parts = path.split(".");
    const [head, qIndex, qField, cIndex, cField] = parts;
    if (parts.length === 1 && head && TOP_FIELDS.has(head)) {
      add(inputId.top(head as "title"), messages);
      continue;
    }
    if (head === "questions") {
      const q = qIndex === undefined ? undefined : sent.questions[Number(qIndex)];
      if (parts.length === 1 || !q) {
        add(QUESTIONS_ERRORS, messages);
        continue;
      }
      if (parts.length === 2) {
        add(inputId.question(q.key, "prompt"), messages);
        continue;
      }
      if (qField === "rubric") {
        const c = cIndex === undefined ? undefined : q.rubric[Number(cIndex)];
        if (c && cField && CRITERION_FIELDS.has(cField) && parts.length === 5) {
          add(inputId.criterion(q.key, c.key, cField as "name"), messages);
        } else {
          add(inputId.question(q.key, "rubric"), messages);
        }
        continue;
      }
      if (qField && QUESTION_FIELDS.has(qField) && parts.length === 3) {
        add(inputId.question(q.key, qField as "prompt"), messages);
        continue;
      }
    }
    add(FORM_ERRORS, messages);
  }
  return out;
}

/** The list with the item at `from` moved to `to` (both clamped); the same list if nothing moves. */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length) return [...list];
  const target = Math.max(0, Math.min(list.length - 1, to));
  if (target === from) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(target, 0, item as T);
  return next;
}

/** Moves the question with this key one place up (-1) or down (+1). */
export function moveQuestion(form: InterviewForm, key: string, delta: -1 | 1): InterviewForm {
  const from = form.questions.findIndex((q) => q.key === key);
  if (from < 0) return form;
  return { ...form, questions: move(form.questions, from, from + delta) };
}

/** Moves the question `activeKey` to where `overKey` is (a drag ending over another question). */
export function moveQuestionTo(form: InterviewForm, activeKey: string, overKey: string): InterviewForm {
  const from = form.questions.findIndex((q) => q.key === activeKey);
  const to = form.questions.findIndex((q) => q.key === overKey);
  if (from < 0 || to < 0 || from === to) return form;
  return { ...form, questions: move(form.questions, from, to) };
}

/** Whether the form differs from what was loaded (keys are ignored: they are not content). */
export function isDirty(initial: InterviewForm, current: InterviewForm): boolean {
  return JSON.stringify(withoutKeys(initial)) !== JSON.stringify(withoutKeys(current));
}

function withoutKeys(form: InterviewForm) {
  return {
    ...form,
    questions: form.questions.map((q) => ({
      ...q,
      key: undefined,
      rubric: q.rubric.map((c) => ({ ...c, key: undefined })),
    })),
  };
}
