"use client";

import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useSubmit } from "@/components/ui/use-submit";
import { postCandidate } from "@/lib/client/candidate-api";

export type TextAnswerLabels = { answer: string; count: string; submit: string; hint: string; networkError: string };

/**
 * A text question's answer: a text area with a live character counter (the limit is the
 * question's maxCharacters, checked by the server too) and one submission. `labels.count`
 * holds "{count}" and "{max}" placeholders, already translated.
 */
export function TextAnswerForm({
  token,
  questionId,
  maxCharacters,
  nextHref,
  labels,
}: {
  token: string;
  questionId: string;
  maxCharacters: number;
  nextHref: string;
  labels: TextAnswerLabels;
}) {
  const { pending, run } = useSubmit();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const over = text.length > maxCharacters;
  const field = useRef<HTMLTextAreaElement>(null);
  // Typed before the page hydrated (a slow phone): the text is in the DOM, not yet in the state,
  // and the submit button would stay disabled over it.
  useEffect(() => {
    const typed = field.current?.value ?? "";
    if (typed) setText(typed);
  }, []);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    await run(async () => {
      const result = await postCandidate<{ responseId: string }>(`/i/${token}/answers`, { questionId, text });
      if (result.ok) {
        setText("");
        // A full page load of the next question (this one now answered). A recording still
        // being sent by PendingTakes resumes there from IndexedDB, as after any reload.
        window.location.assign(nextHref);
        return;
      }
      setError(result.fields?.text?.join(" ") ?? result.error);
    }, () => setError(labels.networkError));
  }

  const counterId = `answer-${questionId}-count`;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      {error && <Alert tone="error">{error}</Alert>}
      <label htmlFor={`answer-${questionId}`} className="block text-sm font-medium text-slate-800">
        {labels.answer}
      </label>
      <textarea
        id={`answer-${questionId}`}
        name="text"
        rows={8}
        required
        ref={field}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-describedby={counterId}
        aria-invalid={over || undefined}
        className="block w-full rounded-lg border-0 bg-white px-3 py-2 text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none"
      />
      <p id={counterId} aria-live="polite" className={over ? "text-sm font-medium text-red-700" : "text-sm text-slate-600"}>
        {labels.count.replace("{count}", String(text.length)).replace("{max}", String(maxCharacters))}
      </p>
      <p className="text-xs text-slate-500">{labels.hint}</p>
      <Button type="submit" pending={pending} disabled={over || text.trim().length === 0} className="w-full sm:w-auto">
        {labels.submit}
      </Button>
    </form>
  );
}
