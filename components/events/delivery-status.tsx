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

export const statusDescriptions: Record<DeliveryStatus, string> = {
  queued: "waiting for a runner to pick it up",
  running: "a runner is executing it now",
  sleeping: "paused by step.sleep until its due time",
  waiting: "waiting for another event (step.waitForEvent)",
  completed: "handled successfully",
  dead: "every try failed; it will not run again unless retried",
};

export function StatusChip({ status, count }: { status: DeliveryStatus; count?: number }) {
  return (
    <span
      className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset", tones[status])}
      title={statusDescriptions[status]}
      data-status={status}
    >
      {count === undefined ? status : `${count} ${status}`}
    </span>
  );
}

/** One chip per status an event's deliveries are in. */
export function DeliverySummaryChips({ summary }: { summary: DeliverySummary }) {
  const present = deliveryStatuses.filter((s) => summary[s]);
  if (!present.length) return <span className="text-xs text-slate-500">no deliveries</span>;
  return (
    <span className="flex flex-wrap gap-1" aria-label="Deliveries">
      {present.map((s) => (
        <StatusChip key={s} status={s} count={summary[s]} />
      ))}
    </span>
  );
}
