"use client";

import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState, useSyncExternalStore, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { useSubmit } from "@/components/ui/use-submit";
import { createInterviewAction, updateInterviewAction } from "@/lib/actions/interviews";
import { LIMITS, type Language } from "@/lib/schemas/interview";
import {
  emptyCriterion,
  emptyForm,
  emptyQuestion,
  errorsByInput,
  FORM_ERRORS,
  inputId,
  isDirty,
  moveQuestion,
  moveQuestionTo,
  QUESTIONS_ERRORS,
  toForm,
  toInput,
  toUpdateInput,
  type CriterionForm,
  type EditableInterview,
  type InterviewForm,
  type QuestionForm,
} from "./editor-model";
import { CheckboxField, RangeField, SelectField, TextAreaField } from "./form-controls";
import { localizeErrors, useLocalizeInterviewMessage } from "./localize-errors";
import { QuotaMessage } from "./quota-message";

type Errors = Record<string, string[]>;

export type InterviewEditorProps =
  | { mode: "create"; defaultLanguage?: Language }
  | {
      mode: "edit";
      interviewId: string;
      interview: EditableInterview & {
        status: "draft" | "published" | "closed" | "completed";
        version: number;
        /** The current version was offered to candidates (so its questions are frozen). */
        versionPublished: boolean;
      };
    };

/** Create or edit an interview: its details and its ordered questions with their rubrics. */
export function InterviewEditor(props: InterviewEditorProps) {
  const t = useTranslations("interviews.editor");
  const tReview = useTranslations("review.judgement.editor");
  const router = useRouter();
  // Loaded once per mount: after a save the page navigates away.
  const [initial] = useState<InterviewForm>(() =>
    props.mode === "edit" ? toForm(props.interview) : emptyForm(props.defaultLanguage),
  );
  const [form, setForm] = useState<InterviewForm>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<{ message: string; code?: string; details?: Record<string, unknown> } | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const { pending, run } = useSubmit();
  const localize = useLocalizeInterviewMessage();
  const [saved, setSaved] = useState(false);
  const dndId = useId();
  const hydrated = useSyncExternalStore(noSubscription, isBrowser, isServer);
  const dirty = isDirty(initial, form);
  useUnsavedChangesWarning(dirty && !saved, t("unsaved"));

  // Questions of a version candidates were offered are immutable: a change writes the next one.
  const published = props.mode === "edit" && props.interview.versionPublished;

  function update(patch: Partial<InterviewForm>, clear?: string) {
    setForm((f) => ({ ...f, ...patch }));
    if (clear) clearError(clear);
  }
  function clearError(id: string) {
    setErrors((e) => {
      if (!e[id]) return e;
      const next = { ...e };
      delete next[id];
      return next;
    });
  }
  function updateQuestion(key: string, patch: Partial<QuestionForm>, clear?: string) {
    setForm((f) => ({ ...f, questions: f.questions.map((q) => (q.key === key ? { ...q, ...patch } : q)) }));
    if (clear) clearError(clear);
  }
  function updateCriterion(qKey: string, cKey: string, patch: Partial<CriterionForm>, clear?: string) {
    setForm((f) => ({
      ...f,
      questions: f.questions.map((q) =>
        q.key === qKey ? { ...q, rubric: q.rubric.map((c) => (c.key === cKey ? { ...c, ...patch } : c)) } : q,
      ),
    }));
    if (clear) clearError(clear);
  }

  function addQuestion() {
    const q = emptyQuestion();
    setForm((f) => ({ ...f, questions: [...f.questions, q] }));
    clearError(QUESTIONS_ERRORS);
    focusSoon(inputId.question(q.key, "prompt"));
  }
  function removeQuestion(key: string) {
    const index = form.questions.findIndex((q) => q.key === key);
    const rest = form.questions.filter((q) => q.key !== key);
    setForm((f) => ({ ...f, questions: f.questions.filter((q) => q.key !== key) }));
    const neighbour = rest[Math.min(index, rest.length - 1)];
    focusSoon(neighbour ? inputId.question(neighbour.key, "prompt") : "add-question");
  }
  function moveBy(key: string, delta: -1 | 1) {
    const next = moveQuestion(form, key, delta);
    if (next === form) return;
    setForm(next);
    const position = next.questions.findIndex((q) => q.key === key) + 1;
    setAnnouncement(t("moved", { position, total: next.questions.length }));
    // Keep focus on the button pressed, or on its twin once it is disabled at either end.
    const atEdge = delta === -1 ? position === 1 : position === next.questions.length;
    focusSoon(`question-${key}-${atEdge ? (delta === -1 ? "down" : "up") : delta === -1 ? "up" : "down"}`);
  }
  function addCriterion(qKey: string) {
    const c = emptyCriterion();
    setForm((f) => ({ ...f, questions: f.questions.map((q) => (q.key === qKey ? { ...q, rubric: [...q.rubric, c] } : q)) }));
    clearError(inputId.question(qKey, "rubric"));
    focusSoon(inputId.criterion(qKey, c.key, "name"));
  }
  function removeCriterion(qKey: string, cKey: string) {
    setForm((f) => ({
      ...f,
      questions: f.questions.map((q) => (q.key === qKey ? { ...q, rubric: q.rubric.filter((c) => c.key !== cKey) } : q)),
    }));
    focusSoon(`question-${qKey}-add-criterion`);
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFailure(null);
    const sent = form;
    await run(
      async () => {
        const result =
          props.mode === "create"
            ? await createInterviewAction(toInput(sent))
            : await updateInterviewAction(props.interviewId, toUpdateInput(initial, sent));
        if (!result.ok) {
          const placed = errorsByInput(result.fields, sent);
          setErrors(localizeErrors(placed, localize));
          setFailure({ message: localize(result.error), code: result.code, details: result.details });
          // The first field in error gets focus; else the summary at the top.
          requestAnimationFrame(() => {
            const first = document.querySelector<HTMLElement>("[data-interview-editor] [aria-invalid=true]");
            (first ?? document.getElementById("editor-status"))?.focus();
          });
          return;
        }
        setSaved(true);
        router.push(`/interviews/${result.data.id}`);
        router.refresh();
      },
      (message) => setFailure({ message: localize(message) }),
    );
  }

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const positionOf = (id: UniqueIdentifier) => form.questions.findIndex((q) => q.key === id) + 1;
  const total = form.questions.length;
  const announcements: Announcements = {
    onDragStart: ({ active }) => t("dnd.pickedUp", { position: positionOf(active.id), total }),
    onDragOver: ({ active, over }) =>
      over ? t("dnd.movedOver", { position: positionOf(over.id), total }) : t("dnd.notOver", { position: positionOf(active.id) }),
    onDragEnd: ({ active, over }) =>
      over ? t("dnd.dropped", { position: positionOf(over.id), total }) : t("dnd.cancelled", { position: positionOf(active.id) }),
    onDragCancel: ({ active }) => t("dnd.cancelled", { position: positionOf(active.id) }),
  };
  function onDragEnd({ active, over }: DragEndEvent) {
    if (over && active.id !== over.id) setForm((f) => moveQuestionTo(f, String(active.id), String(over.id)));
  }

  const formErrors = errors[FORM_ERRORS];
  const listErrors = errors[QUESTIONS_ERRORS];
  // The deadline input shows the browser's local time, which the server cannot know: the form
  // renders in the browser only, so hydration never meets a value computed in another zone.
  if (!hydrated) {
    return (
      <p className="text-sm text-slate-600" aria-busy="true">
        {t("loading")}
      </p>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" data-interview-editor>
      <div id="editor-status" tabIndex={-1} className="space-y-3 outline-none">
        {failure && (
          <Alert tone="error">
            <QuotaMessage message={failure.message} code={failure.code} details={failure.details} />
            {formErrors?.length ? <span className="mt-1 block">{formErrors.join(" ")}</span> : null}
          </Alert>
        )}
        {published && props.mode === "edit" && (
          <Alert tone="info">
            {t("publishedNotice", { current: props.interview.version, next: props.interview.version + 1 })}
          </Alert>
        )}
      </div>

      <Card>
        <h2 className="mb-5 text-base font-semibold text-slate-900">{t("detailsHeading")}</h2>
        <div className="space-y-4">
          <Field
            id={inputId.top("title")}
            label={t("title")}
            value={form.title}
            maxLength={200}
            required
            errors={errors[inputId.top("title")]}
            onChange={(e) => update({ title: e.target.value }, inputId.top("title"))}
          />
          <TextAreaField
            id={inputId.top("description")}
            label={t("description")}
            hint={t("descriptionHint")}
            value={form.description}
            rows={4}
            maxLength={5000}
            errors={errors[inputId.top("description")]}
            onChange={(e) => update({ description: e.target.value }, inputId.top("description"))}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              id={inputId.top("language")}
              label={t("language")}
              hint={t("languageHint")}
              value={form.language}
              errors={errors[inputId.top("language")]}
              onChange={(e) => update({ language: e.target.value as Language }, inputId.top("language"))}
            >
              <option value="en">{t("languages.en")}</option>
              <option value="ru">{t("languages.ru")}</option>
            </SelectField>
            <Field
              id={inputId.top("deadline")}
              label={t("deadline")}
              hint={t("deadlineHint")}
              type="datetime-local"
              value={form.deadline}
              errors={errors[inputId.top("deadline")]}
              onChange={(e) => update({ deadline: e.target.value }, inputId.top("deadline"))}
            />
          </div>
          <TextAreaField
            id={inputId.top("introMessage")}
            label={t("introMessage")}
            hint={t("introHint")}
            value={form.introMessage}
            maxLength={2000}
            errors={errors[inputId.top("introMessage")]}
            onChange={(e) => update({ introMessage: e.target.value }, inputId.top("introMessage"))}
          />
          {/* A setting, not a question: changing it on a published interview writes no new version. */}
          <CheckboxField
            id={inputId.top("aiAnalysis")}
            label={t("aiAnalysis")}
            hint={t("aiAnalysisHint")}
            checked={form.aiAnalysis}
            errors={errors[inputId.top("aiAnalysis")]}
            onChange={(e) => update({ aiAnalysis: e.target.checked }, inputId.top("aiAnalysis"))}
          />
          <CheckboxField
            id={inputId.top("blindReview")}
            label={tReview("blindReview")}
            hint={tReview("blindReviewHint")}
            checked={form.blindReview}
            errors={errors[inputId.top("blindReview")]}
            onChange={(e) => update({ blindReview: e.target.checked }, inputId.top("blindReview"))}
          />
        </div>
      </Card>

      <section aria-labelledby="questions-heading" className="space-y-4">
        <div>
          <h2 id="questions-heading" className="text-lg font-semibold">
            {t("questionsHeading")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("questionsHint")}</p>
        </div>
        {listErrors?.length ? (
          <p role="alert" className="text-sm text-red-600" data-field-error="questions">
            {listErrors.join(" ")}
          </p>
        ) : null}
        <p aria-live="polite" className="sr-only">
          {announcement}
        </p>
        <DndContext
          id={dndId}
          sensors={sensors}
          collisionDetection={closestCenter}
          onDragEnd={onDragEnd}
          accessibility={{ announcements, screenReaderInstructions: { draggable: t("dnd.instructions") } }}
        >
          <SortableContext items={form.questions.map((q) => q.key)} strategy={verticalListSortingStrategy}>
            <ol className="space-y-4">
              {form.questions.map((q, index) => (
                <QuestionCard
                  key={q.key}
                  question={q}
                  index={index}
                  total={form.questions.length}
                  errors={errors}
                  onChange={(patch, clear) => updateQuestion(q.key, patch, clear)}
                  onCriterionChange={(cKey, patch, clear) => updateCriterion(q.key, cKey, patch, clear)}
                  onAddCriterion={() => addCriterion(q.key)}
                  onRemoveCriterion={(cKey) => removeCriterion(q.key, cKey)}
                  onMove={(delta) => moveBy(q.key, delta)}
                  onRemove={() => removeQuestion(q.key)}
                />
              ))}
            </ol>
          </SortableContext>
        </DndContext>
        <Button
          id="add-question"
          type="button"
          variant="secondary"
          onClick={addQuestion}
          disabled={form.questions.length >= LIMITS.questions}
        >
          {t("addQuestion")}
        </Button>
      </section>

      <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-6">
        <Button type="submit" pending={pending}>
          {props.mode === "create" ? t("create") : t("save")}
        </Button>
        <Link
          href={props.mode === "create" ? "/interviews" : `/interviews/${props.interviewId}`}
          className={buttonClass("ghost")}
        >
          {t("cancel")}
        </Link>
        {dirty && <span className="text-sm text-slate-500">{t("unsavedBadge")}</span>}
      </div>
    </form>
  );
}

function QuestionCard({
  question: q,
  index,
  total,
  errors,
  onChange,
  onCriterionChange,
  onAddCriterion,
  onRemoveCriterion,
  onMove,
  onRemove,
}: {
  question: QuestionForm;
  index: number;
  total: number;
  errors: Errors;
  onChange: (patch: Partial<QuestionForm>, clear?: string) => void;
  onCriterionChange: (cKey: string, patch: Partial<CriterionForm>, clear?: string) => void;
  onAddCriterion: () => void;
  onRemoveCriterion: (cKey: string) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const t = useTranslations("interviews.editor");
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: q.key,
  });
  const n = index + 1;
  const id = (field: Parameters<typeof inputId.question>[1]) => inputId.question(q.key, field);
  // The answer's limit: its duration for a video answer, its length for a text one.
  const limitField = q.type === "video" ? "maxSeconds" : "maxCharacters";
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={cn("list-none", isDragging && "relative z-10")}
    >
      <fieldset
        className={cn(
          "rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6",
          isDragging && "shadow-lg ring-2 ring-brand-500",
        )}
      >
        <legend className="sr-only">{t("question", { n })}</legend>
        <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
          <div className="flex items-center gap-2">
            <button
              type="button"
              ref={setActivatorNodeRef}
              {...attributes}
              {...listeners}
              aria-label={t("dragHandle", { n })}
              className="cursor-grab touch-none rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800 active:cursor-grabbing"
            >
              <svg aria-hidden width="16" height="16" viewBox="0 0 16 16" fill="currentColor">
                <circle cx="5" cy="3" r="1.5" />
                <circle cx="11" cy="3" r="1.5" />
                <circle cx="5" cy="8" r="1.5" />
                <circle cx="11" cy="8" r="1.5" />
                <circle cx="5" cy="13" r="1.5" />
                <circle cx="11" cy="13" r="1.5" />
              </svg>
            </button>
            <h3 aria-hidden className="font-semibold">
              {t("question", { n })}
            </h3>
          </div>
          <div className="flex flex-wrap gap-1">
            <Button
              id={`question-${q.key}-up`}
              type="button"
              variant="ghost"
              className="px-2.5 py-1.5 shadow-none"
              disabled={index === 0}
              aria-label={t("moveUpLabel", { n })}
              onClick={() => onMove(-1)}
            >
              {t("moveUp")}
            </Button>
            <Button
              id={`question-${q.key}-down`}
              type="button"
              variant="ghost"
              className="px-2.5 py-1.5 shadow-none"
              disabled={index === total - 1}
              aria-label={t("moveDownLabel", { n })}
              onClick={() => onMove(1)}
            >
              {t("moveDown")}
            </Button>
            <Button
              type="button"
              variant="ghost"
              className="px-2.5 py-1.5 text-red-700 shadow-none hover:bg-red-50"
              disabled={total <= 1}
              aria-label={t("removeQuestionLabel", { n })}
              onClick={onRemove}
            >
              {t("removeQuestion")}
            </Button>
          </div>
        </div>
        <div className="space-y-4">
          <TextAreaField
            id={id("prompt")}
            label={t("prompt")}
            value={q.prompt}
            maxLength={2000}
            required
            errors={errors[id("prompt")]}
            onChange={(e) => onChange({ prompt: e.target.value }, id("prompt"))}
          />
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <SelectField
              id={id("type")}
              label={t("type")}
              value={q.type}
              errors={errors[id("type")]}
              onChange={(e) => onChange({ type: e.target.value === "text" ? "text" : "video" }, id("type"))}
            >
              <option value="video">{t("typeVideo")}</option>
              <option value="text">{t("typeText")}</option>
            </SelectField>
            <RangeField
              id={id("thinkSeconds")}
              label={t("thinkSeconds")}
              hint={t("thinkHint", { min: LIMITS.thinkSeconds.min, max: LIMITS.thinkSeconds.max })}
              range={LIMITS.thinkSeconds}
              value={q.thinkSeconds}
              errors={errors[id("thinkSeconds")]}
              onChange={(e) => onChange({ thinkSeconds: e.target.value }, id("thinkSeconds"))}
            />
            <RangeField
              id={id(limitField)}
              label={t(limitField)}
              hint={t(`${limitField}Hint`, { min: LIMITS[limitField].min, max: LIMITS[limitField].max })}
              range={LIMITS[limitField]}
              value={q[limitField]}
              errors={errors[id(limitField)]}
              onChange={(e) => onChange({ [limitField]: e.target.value }, id(limitField))}
            />
            <SelectField
              id={id("retakes")}
              label={t("retakes")}
              value={q.retakes}
              errors={errors[id("retakes")]}
              onChange={(e) => onChange({ retakes: e.target.value }, id("retakes"))}
            >
              {Array.from({ length: LIMITS.retakes.max - LIMITS.retakes.min + 1 }, (_, i) => LIMITS.retakes.min + i).map(
                (r) => (
                  <option key={r} value={String(r)}>
                    {r}
                  </option>
                ),
              )}
            </SelectField>
          </div>
          <RubricEditor
            question={q}
            n={n}
            errors={errors}
            onChange={onCriterionChange}
            onAdd={onAddCriterion}
            onRemove={onRemoveCriterion}
          />
        </div>
      </fieldset>
    </li>
  );
}

function RubricEditor({
  question: q,
  n,
  errors,
  onChange,
  onAdd,
  onRemove,
}: {
  question: QuestionForm;
  n: number;
  errors: Errors;
  onChange: (cKey: string, patch: Partial<CriterionForm>, clear?: string) => void;
  onAdd: () => void;
  onRemove: (cKey: string) => void;
}) {
  const t = useTranslations("interviews.editor");
  const rubricErrors = errors[inputId.question(q.key, "rubric")];
  return (
    <fieldset className="rounded-xl bg-slate-50 p-3 ring-1 ring-slate-200 sm:p-4">
      <legend className="px-1 text-sm font-semibold text-slate-800">{t("rubric", { n })}</legend>
      <p className="mb-3 text-xs text-slate-600">{t("rubricHint")}</p>
      {rubricErrors?.length ? (
        <p role="alert" className="mb-3 text-sm text-red-600" data-field-error={inputId.question(q.key, "rubric")}>
          {rubricErrors.join(" ")}
        </p>
      ) : null}
      <ul className="space-y-3">
        {q.rubric.map((c, ci) => {
          const cid = (field: "name" | "description" | "weight") => inputId.criterion(q.key, c.key, field);
          return (
            <li key={c.key}>
              <fieldset className="rounded-lg bg-white p-3 ring-1 ring-slate-200">
                <legend className="sr-only">{t("criterion", { n: ci + 1, question: n })}</legend>
                <div className="grid gap-3 sm:grid-cols-[1fr_8rem]">
                  <Field
                    id={cid("name")}
                    label={t("criterionName")}
                    value={c.name}
                    maxLength={100}
                    errors={errors[cid("name")]}
                    onChange={(e) => onChange(c.key, { name: e.target.value }, cid("name"))}
                  />
                  <RangeField
                    id={cid("weight")}
                    label={t("weight")}
                    hint={t("weightHint", { min: LIMITS.weight.min, max: LIMITS.weight.max })}
                    range={LIMITS.weight}
                    value={c.weight}
                    errors={errors[cid("weight")]}
                    onChange={(e) => onChange(c.key, { weight: e.target.value }, cid("weight"))}
                  />
                </div>
                <TextAreaField
                  className="mt-3"
                  id={cid("description")}
                  label={t("criterionDescription")}
                  value={c.description}
                  rows={2}
                  maxLength={1000}
                  errors={errors[cid("description")]}
                  onChange={(e) => onChange(c.key, { description: e.target.value }, cid("description"))}
                />
                <div className="mt-2 flex justify-end">
                  <Button
                    type="button"
                    variant="ghost"
                    className="px-2.5 py-1.5 text-red-700 shadow-none hover:bg-red-50"
                    aria-label={t("removeCriterionLabel", { n: ci + 1, question: n })}
                    onClick={() => onRemove(c.key)}
                  >
                    {t("removeCriterion")}
                  </Button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ul>
      <Button
        id={`question-${q.key}-add-criterion`}
        type="button"
        variant="secondary"
        className="mt-3"
        disabled={q.rubric.length >= LIMITS.rubricCriteria}
        aria-label={t("addCriterionLabel", { n })}
        onClick={onAdd}
      >
        {t("addCriterion")}
      </Button>
    </fieldset>
  );
}

const noSubscription = () => () => {};
const isBrowser = () => true;
const isServer = () => false;

/** Focuses an element once React has rendered it. */
function focusSoon(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

/**
 * Asks before the page is left with unsaved changes: closing or reloading the tab
 * (beforeunload) and following a link inside the app (the App Router has no navigation
 * event to cancel, so same-origin link clicks are intercepted).
 */
function useUnsavedChangesWarning(active: boolean, message: string) {
  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Some browsers still need returnValue set to show the prompt.
      e.returnValue = "";
    };
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = (e.target as Element | null)?.closest?.("a[href]");
      if (!(link instanceof HTMLAnchorElement) || link.target === "_blank" || link.hasAttribute("download")) return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      if (url.pathname === window.location.pathname && url.search === window.location.search) return;
      if (!window.confirm(message)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [active, message]);
}
