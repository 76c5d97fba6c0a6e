import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { deliveryStatuses, type DeliveryStatus, type DeliverySummary } from "@/lib/server/events/event-dto";

const tones: Record<DeliveryStatus, string> = {
  queued: "bg-slate-100 text-slate-700 ring-slate-200",
  running: "bg-brand-50 text-brand-700 ring-brand-100",
  sleeping: "bg-amber-50 text-amber-800 ring-amber-200",
  waiting: "bg-amber-50 text-amber-800 ring-amber-200",
  completed: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  dead: "bg-red-50 text-red-800 ring-red-200",
};

// What each status means: the "events.status.description" messages.
export function StatusChip({ status, count }: { status: DeliveryStatus; count?: number }) {
  const t = useTranslations("events.status");
  const label = t(`label.${status}`);
  return (
    <span
      className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset", tones[status])}
      title={t(`description.${status}`)}
      data-status={status}
    >
      {count === undefined ? label : t("chipCount", { count, status: label })}
    </span>
  );
}

/** One chip per status an event's deliveries are in. */
export function DeliverySummaryChips({ summary }: { summary: DeliverySummary }) {
  const t = useTranslations("events.status");
  const present = deliveryStatuses.filter((s) => summary[s]);
  if (!present.length) return <span className="text-xs text-slate-500">{t("noDeliveries")}</span>;
  return (
    <span className="flex flex-wrap gap-1" aria-label={t("deliveries")}>
      {present.map((s) => (
        <StatusChip key={s} status={s} count={summary[s]} />
      ))}
    </span>
  );
}
