"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { ReviewDecision } from "@/lib/schemas/review";

const TONE: Record<ReviewDecision, string> = {
  advance: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  hold: "bg-amber-50 text-amber-800 ring-amber-200",
  reject: "bg-red-50 text-red-700 ring-red-200",
};

/** HR's decision and rating of a candidate, as a list shows them (the AI score is not the decision). */
export function CandidateJudgement({ decision, rating }: { decision: ReviewDecision | null; rating: number | null }) {
  const t = useTranslations("review.judgement");
  return (
    <div className="space-y-1 text-xs" data-testid="candidate-judgement" data-decision={decision ?? ""} data-rating={rating ?? ""}>
      {decision ? (
        <span className={cn("inline-block rounded-full px-2 py-0.5 font-medium ring-1 ring-inset", TONE[decision])}>{t(`decisions.${decision}`)}</span>
      ) : (
        <span className="text-slate-500">{t("decisions.none")}</span>
      )}
      <div className="text-slate-600">
        {rating === null ? (
          t("table.notRated")
        ) : (
          <span>
            <span className="sr-only">{t("table.ratingValue", { n: rating })}</span>
            <span aria-hidden className="text-amber-500">
              {"★".repeat(rating)}
            </span>
            <span aria-hidden className="text-slate-300">
              {"★".repeat(5 - rating)}
            </span>
          </span>
        )}
      </div>
    </div>
  );
}
