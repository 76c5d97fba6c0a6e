"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useEffectEvent, useState } from "react";
import { RATE_EVENT, type RateEventDetail } from "@/components/candidates/player-keys";
import { rateQuestionAction } from "@/lib/actions/review";
import { useLocalizeMessage } from "@/lib/i18n/localize-message";
import { focusInOverall, RatingStars } from "./rating-stars";

/**
 * HR's rating of one answer, under it on the review page; the 1–5 keys rate the answer the
 * reviewer is on (the player says which, in RATE_EVENT).
 */
export function QuestionRating({
  sessionId,
  questionId,
  position,
  rating,
  readOnly,
}: {
  sessionId: string;
  questionId: string;
  position: number;
  rating: number | null;
  readOnly: boolean;
}) {
  const t = useTranslations("review.judgement");
  const localize = useLocalizeMessage();
  const router = useRouter();
  const [value, setValue] = useState(rating);
  const [seen, setSeen] = useState(rating);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (seen !== rating) {
    setSeen(rating);
    setValue(rating);
  }

  async function save(next: number | null) {
    // Controls stay enabled while saving (a disabled button would drop the keyboard focus).
    if (busy) return;
    const before = value;
    setValue(next);
    setBusy(true);
    setError(null);
    try {
      const r = await rateQuestionAction(sessionId, { questionId, rating: next });
      if (!r.ok) {
        setValue(before);
        setError(localize(r.error));
      } else if (r.data.changed) router.refresh();
    } catch {
      setValue(before);
      setError(t("saveFailed"));
    } finally {
      setBusy(false);
    }
  }

  const onRate = useEffectEvent((e: Event) => {
    const detail = (e as CustomEvent<RateEventDetail>).detail;
    if (readOnly || busy || detail?.questionId !== questionId || focusInOverall()) return;
    e.preventDefault();
    void save(detail.rating);
  });
  useEffect(() => {
    const listener = (e: Event) => onRate(e);
    window.addEventListener(RATE_EVENT, listener);
    return () => window.removeEventListener(RATE_EVENT, listener);
  }, []);

  return (
    <div className="mt-4 space-y-1 border-t border-slate-100 pt-3">
      <p className="text-sm font-medium text-slate-800">{t("questionRating")}</p>
      <RatingStars label={t("questionRatingFor", { n: position })} value={value} size="sm" disabled={readOnly} onChange={(n) => void save(n)} testId="question-rating" />
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
