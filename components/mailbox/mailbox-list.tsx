import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { MailboxItem } from "@/lib/server/notifications/mailbox-dto";
import { EmailStatus, useTemplateLabel } from "./email-status";

/** One page of emails, newest first: a row each, stacking on a phone. */
export function MailboxList({ emails }: { emails: MailboxItem[] }) {
  const t = useTranslations("mailbox");
  const format = useFormatter();
  const templateLabel = useTemplateLabel();
  return (
    <Card className="p-0">
      <ol className="divide-y divide-slate-200" aria-label={t("listLabel")} data-testid="mailbox-list">
        {emails.map((e) => (
          <li key={e.id} className="grid gap-x-4 gap-y-1.5 px-4 py-3 sm:px-5 md:grid-cols-[minmax(0,1fr)_9rem_11rem] md:items-center">
            <div className="min-w-0 space-y-1">
              <p className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
                {!e.readAt && (
                  <span className="inline-block size-2 shrink-0 rounded-full bg-brand-600" title={t("unread")}>
                    <span className="sr-only">{t("unread")}</span>
                  </span>
                )}
                <Link
                  href={`/mailbox/${e.id}`}
                  className={`break-words text-brand-700 hover:text-brand-600 hover:underline ${e.readAt ? "font-medium" : "font-semibold"}`}
                >
                  {e.subject}
                </Link>
              </p>
              <p className="flex flex-wrap gap-x-3 gap-y-0.5 text-sm text-slate-600">
                <span className="break-all">
                  <span className="sr-only">{t("to")}: </span>
                  {e.to}
                </span>
                <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{templateLabel(e.template)}</span>
              </p>
              {e.error && e.status !== "sent" && <p className="text-sm break-words text-red-700">{e.error}</p>}
            </div>
            <div className="flex flex-wrap items-center gap-2">
              <EmailStatus status={e.status} />
              {e.attempts > 1 && <span className="text-xs text-slate-500">{t("attempts", { count: e.attempts })}</span>}
            </div>
            <div className="text-sm text-slate-600 md:justify-self-end">
              <time dateTime={(e.sentAt ?? e.createdAt).toISOString()}>{format.dateTime(e.sentAt ?? e.createdAt, "long")}</time>
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}

export function MailboxPagination({ nextCursor, paged }: { nextCursor: string | null; paged: boolean }) {
  const t = useTranslations("mailbox");
  if (!nextCursor && !paged) return null;
  return (
    <nav aria-label={t("pages")} className="flex items-center justify-between gap-3">
      {paged ? (
        <Link href="/mailbox" className="text-sm font-medium text-brand-600 hover:text-brand-700">
          {t("newest")}
        </Link>
      ) : (
        <span />
      )}
      {nextCursor && (
        <Link href={`/mailbox?before=${encodeURIComponent(nextCursor)}`} rel="next" className={buttonClass("secondary")}>
          {t("older")}
        </Link>
      )}
    </nav>
  );
}

export function MailboxEmpty({ paged }: { paged: boolean }) {
  const t = useTranslations("mailbox");
  return (
    <Card>
      <h2 className="font-semibold">{paged ? t("endOfList.title") : t("empty.title")}</h2>
      <p className="mt-1 max-w-prose text-sm text-slate-600">
        {paged ? (
          <Link href="/mailbox" className="font-medium text-brand-600 hover:text-brand-700">
            {t("endOfList.link")}
          </Link>
        ) : (
          t("empty.body")
        )}
      </p>
    </Card>
  );
}
