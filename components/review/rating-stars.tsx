"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

const STARS = [1, 2, 3, 4, 5] as const;

/**
 * Five star buttons (each "n of 5", pressed when it is the rating) and "Clear". Buttons rather
 * than radios: arrow keys on radios would save every rating passed on the way. Tab reaches
 * each star; Enter or Space sets it. The review page's 1–5 keys go through RATE_EVENT.
 */
export function RatingStars({
  label,
  value,
  onChange,
  disabled = false,
  size = "md",
  testId,
}: {
  /** Names the group for screen readers ("Overall rating"). */
  label: string;
  value: number | null;
  onChange: (rating: number | null) => void;
  disabled?: boolean;
  size?: "sm" | "md";
  testId?: string;
}) {
  const t = useTranslations("review.judgement");
  return (
    <div role="group" aria-label={label} className="flex flex-wrap items-center gap-1" data-testid={testId} data-rating={value ?? ""}>
      {STARS.map((n) => {
        const on = value !== null && n <= value;
        return (
          <button
            key={n}
            type="button"
            aria-pressed={value === n}
            aria-label={t("star", { n })}
            disabled={disabled}
            onClick={() => onChange(n)}
            className={cn(
              "rounded-md leading-none transition-colors focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-600 disabled:cursor-not-allowed disabled:opacity-60",
              size === "sm" ? "p-0.5 text-xl" : "p-1 text-2xl",
              on ? "text-amber-500 hover:text-amber-600" : "text-slate-300 hover:text-amber-400",
            )}
          >
            <span aria-hidden>★</span>
          </button>
        );
      })}
      <span className="ml-1 text-sm text-slate-700" aria-live="polite">
        {t("ratingValue", { rating: value ?? "none" })}
      </span>
      {value !== null && (
        <button
          type="button"
          disabled={disabled}
          onClick={() => onChange(null)}
          aria-label={t("clearRatingFor", { label })}
          className="ml-1 rounded-md px-1.5 py-0.5 text-xs font-medium text-slate-600 hover:bg-slate-100 disabled:opacity-60"
        >
          {t("clearRating")}
        </button>
      )}
    </div>
  );
}

/** The overall panel marks itself so that the 1–5 keys rate overall while focus is inside it. */
export const OVERALL_SCOPE = "data-rating-scope";

/** Whether keyboard focus is inside the overall judgement panel. */
export function focusInOverall(): boolean {
  const el = document.activeElement;
  return el instanceof Element && el.closest(`[${OVERALL_SCOPE}]`) !== null;
}
