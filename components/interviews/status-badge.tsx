import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

export type InterviewStatus = "draft" | "published" | "closed" | "completed";
export const INTERVIEW_STATUSES: readonly InterviewStatus[] = ["draft", "published", "closed", "completed"];

const tones: Record<InterviewStatus, string> = {
  draft: "bg-slate-100 text-slate-700",
  published: "bg-emerald-50 text-emerald-800 ring-1 ring-inset ring-emerald-200",
  closed: "bg-amber-50 text-amber-800 ring-1 ring-inset ring-amber-200",
  completed: "bg-brand-50 text-brand-700 ring-1 ring-inset ring-brand-100",
};

export function StatusBadge({ status }: { status: InterviewStatus }) {
  const t = useTranslations("interviews.status");
  return (
    <span className={cn("inline-flex rounded-full px-2 py-0.5 text-xs font-medium", tones[status])} data-status={status}>
      {t(status)}
    </span>
  );
}
