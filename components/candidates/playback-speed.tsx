"use client";

import { useLocale, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { PLAYBACK_RATES, rateLabel, type PlaybackRate } from "./player-keys";

/** The speed buttons under an answer's video (0.75× to 2×); the chosen one is pressed. */
export function PlaybackSpeed({ rate, onChange }: { rate: PlaybackRate; onChange: (rate: PlaybackRate) => void }) {
  const t = useTranslations("review.player");
  const locale = useLocale();
  return (
    <div role="group" aria-label={t("speed")} className="flex flex-wrap items-center gap-1" data-testid="playback-speed">
      <span aria-hidden className="mr-1 text-xs font-medium text-slate-600">
        {t("speed")}
      </span>
      {PLAYBACK_RATES.map((r) => (
        <button
          key={r}
          type="button"
          aria-pressed={r === rate}
          onClick={() => onChange(r)}
          data-rate={r}
          className={cn(
            "rounded-md px-2 py-0.5 text-xs font-medium tabular-nums ring-1 ring-inset",
            r === rate ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-800 ring-slate-300 hover:bg-slate-50",
          )}
        >
          {rateLabel(r, locale)}
        </button>
      ))}
    </div>
  );
}
