import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { MailboxStatus } from "@/lib/server/notifications/mailbox-dto";

const tones: Record<MailboxStatus, string> = {
  sent: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  queued: "bg-amber-50 text-amber-800 ring-amber-200",
  failed: "bg-red-50 text-red-800 ring-red-200",
};

export function EmailStatus({ status }: { status: MailboxStatus }) {
  const t = useTranslations("mailbox");
  return (
    <span className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", tones[status])}>
      {t(`statuses.${status}`)}
    </span>
  );
}

/** The template's name for people ("Invitation"), any unknown one as "Email". */
export function useTemplateLabel(): (template: string | null) => string {
  const t = useTranslations("mailbox");
  return (template) =>
    template === "invitation" || template === "reminder" || template === "candidate-completed" ? t(`templates.${template}`) : t("templates.other");
}
