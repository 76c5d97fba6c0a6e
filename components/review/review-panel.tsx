"use client";

import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useEffectEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { RATE_EVENT, type RateEventDetail } from "@/components/candidates/player-keys";
import { updateReviewAction } from "@/lib/actions/review";
import { useLocalizeMessage } from "@/lib/i18n/localize-message";
import { NOTE_MAX, REVIEW_DECISIONS, type ReviewDecision } from "@/lib/schemas/review";
import type { ReviewView } from "@/lib/server/review/review-dto";
import { focusInOverall, OVERALL_SCOPE, RatingStars } from "./rating-stars";

const DECISION_TONE: Record<ReviewDecision, string> = {
  advance: "aria-pressed:bg-emerald-600 aria-pressed:text-white aria-pressed:ring-emerald-600",
  hold: "aria-pressed:bg-amber-500 aria-pressed:text-white aria-pressed:ring-amber-500",
  reject: "aria-pressed:bg-red-600 aria-pressed:text-white aria-pressed:ring-red-600",
};

type Patch = { rating?: number | null; decision?: ReviewDecision | null; note?: string | null };

/**
 * HR's overall judgement on the review page: the rating (also the 1–5 keys when the page has
 * no question to rate, or while focus is in this panel), the decision and a note. Each change
 * is saved at once; the page is then re-read (under blind review the first rating reveals
 * who the candidate is).
 */
export function ReviewPanel({ sessionId, review, readOnly }: { sessionId: string; review: ReviewView; readOnly: boolean }) {
  const t = useTranslations("review.judgement");
  const format = useFormatter();
  const localize = useLocalizeMessage();
  const router = useRouter();
  const id = useId();
  const [saved, setSaved] = useState(review);
  const [note, setNote] = useState(review.note ?? "");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  // The server's state wins whenever the page is re-read (another reviewer, the API).
  const [seen, setSeen] = useState(review);
  if (seen !== review) {
    setSeen(review);
    setSaved(review);
    if ((seen.note ?? "") === note) setNote(review.note ?? "");
  }

  async function save(patch: Patch) {
    // Controls stay enabled while saving (a disabled button would drop the keyboard focus).
    if (busy) return;
    setBusy(true);
    setMessage(null);
    try {
      const r = await updateReviewAction(sessionId, patch);
      if (r.ok) {
        setSaved(r.data.review);
        if (patch.note !== undefined) setNote(r.data.review.note ?? "");
        setMessage({ ok: true, text: t("saved") });
        if (r.data.changes.length > 0) router.refresh();
      } else {
        setMessage({ ok: false, text: localize(r.fields ? Object.values(r.fields).flat().join(" ") : r.error) });
      }
    } catch {
      setMessage({ ok: false, text: t("saveFailed") });
    } finally {
      setBusy(false);
    }
  }

  const onRate = useEffectEvent((e: Event) => {
    const detail = (e as CustomEvent<RateEventDetail>).detail;
    if (readOnly || busy || !detail || (detail.questionId !== null && !focusInOverall())) return;
    e.preventDefault();
    void save({ rating: detail.rating });
  });
  useEffect(() => {
    const listener = (e: Event) => onRate(e);
    window.addEventListener(RATE_EVENT, listener);
    return () => window.removeEventListener(RATE_EVENT, listener);
  }, []);

  const noteChanged = (note.trim() || null) !== (saved.note ?? null);
  return (
    <Card>
      <section aria-labelledby={`${id}-heading`} {...{ [OVERALL_SCOPE]: "overall" }} data-testid="review-panel" className="space-y-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id={`${id}-heading`} className="text-lg font-semibold">
            {t("heading")}
          </h2>
          {saved.reviewedAt && (
            <p className="text-xs text-slate-600">{t("reviewedAt", { date: format.dateTime(new Date(saved.reviewedAt), { dateStyle: "medium", timeStyle: "short" }) })}</p>
          )}
        </div>
        {readOnly && <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">{t("erased")}</p>}

        <div className="space-y-1">
          <p id={`${id}-overall`} className="text-sm font-medium text-slate-800">
            {t("overall")}
          </p>
          <RatingStars label={t("overall")} value={saved.rating} disabled={readOnly} onChange={(rating) => void save({ rating })} testId="overall-rating" />
        </div>

        <div className="space-y-1">
          <p className="text-sm font-medium text-slate-800">{t("decision")}</p>
          <div role="group" aria-label={t("decision")} className="flex flex-wrap gap-2" data-testid="decision" data-decision={saved.decision ?? ""}>
            {REVIEW_DECISIONS.map((d) => (
              <button
                key={d}
                type="button"
                aria-pressed={saved.decision === d}
                disabled={readOnly}
                onClick={() => void save({ decision: saved.decision === d ? null : d })}
                className={cn(
                  "rounded-lg bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60",
                  DECISION_TONE[d],
                )}
              >
                {t(`decisions.${d}`)}
              </button>
            ))}
          </div>
        </div>

        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            void save({ note: note.trim() ? note : null });
          }}
        >
          <label htmlFor={`${id}-note`} className="block text-sm font-medium text-slate-800">
            {t("note")}
          </label>
          <textarea
            id={`${id}-note`}
            value={note}
            maxLength={NOTE_MAX}
            rows={3}
            disabled={readOnly}
            aria-describedby={`${id}-note-hint`}
            onChange={(e) => setNote(e.target.value)}
            className="block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none disabled:bg-slate-50"
          />
          <p id={`${id}-note-hint`} className="text-xs text-slate-600">
            {t("noteHint")}
          </p>
          <Button type="submit" variant="secondary" pending={busy} disabled={readOnly || !noteChanged}>
            {t("saveNote")}
          </Button>
        </form>

        <div aria-live="polite" className="min-h-5">
          {message && <p className={cn("text-sm", message.ok ? "text-emerald-800" : "text-red-700")}>{message.text}</p>}
        </div>
      </section>
    </Card>
  );
}
