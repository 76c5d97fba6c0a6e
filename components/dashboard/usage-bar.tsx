import { cn } from "@/components/ui/cn";

/**
 * One limit of the plan as a labelled progress bar (role="progressbar" with its values and a
 * spoken value text), or, when the plan has no limit (max null), the usage alone.
 */
export function UsageBar({
  id,
  label,
  used,
  max,
  usedText,
  valueText,
  unlimitedText,
}: {
  id: string;
  label: string;
  used: number;
  max: number | null;
  /** The usage as shown ("1.2 GB of 2 GB", "2 of 3"). */
  usedText: string;
  /** The same for screen readers when it differs; defaults to usedText. */
  valueText?: string;
  /** Shown instead of a bar when max is null. */
  unlimitedText: string;
}) {
  const labelId = `${id}-label`;
  const ratio = max === null ? 0 : max === 0 ? 1 : Math.min(1, used / max);
  const full = max !== null && used >= max;
  return (
    <div className="space-y-2" data-usage={id}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <span id={labelId} className="font-medium text-slate-900">
          {label}
        </span>
        <span className={cn("text-sm tabular-nums", full ? "font-semibold text-red-700" : "text-slate-600")}>
          {max === null ? unlimitedText : usedText}
        </span>
      </div>
      {max !== null && (
        <div
          role="progressbar"
          aria-labelledby={labelId}
          aria-valuemin={0}
          aria-valuemax={max}
          aria-valuenow={Math.min(used, max)}
          aria-valuetext={valueText ?? usedText}
          className="h-2.5 overflow-hidden rounded-full bg-slate-100 ring-1 ring-inset ring-slate-200"
        >
          <div
            className={cn("h-full rounded-full", full ? "bg-red-600" : ratio >= 0.8 ? "bg-amber-500" : "bg-brand-600")}
            style={{ width: `${Math.round(ratio * 1000) / 10}%` }}
          />
        </div>
      )}
    </div>
  );
}
