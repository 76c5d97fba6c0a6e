import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { checkAdapters } from "@/lib/adapters";
import { requireUser } from "@/lib/auth/current-user";
import { mailboxQuerySchema } from "@/lib/schemas/mailbox";
import { listMailbox } from "@/lib/server/notifications/list-mailbox";
import { Alert } from "@/components/ui/alert";
import { MailboxEmpty, MailboxList, MailboxPagination } from "@/components/mailbox/mailbox-list";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("mailbox");
  return { title: t("title") };
}

export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ before?: string | string[] }> }) {
  const user = await requireUser("/mailbox");
  const t = await getTranslations("mailbox");
  const { before } = await searchParams;
  const parsed = mailboxQuerySchema.safeParse({ before: typeof before === "string" ? before : undefined });
  const page = parsed.success ? await listMailbox({ actor: user, input: { before: typeof before === "string" ? before : undefined } }) : null;
  const paged = typeof before === "string" && before !== "";
  const outbox = checkAdapters().email === "outbox";
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
        <p className="mt-1 max-w-prose text-slate-600">{t("description")}</p>
        {outbox && <p className="mt-2 max-w-prose text-sm text-slate-500">{t("outboxNote")}</p>}
      </div>
      {!parsed.success && (
        <Alert tone="error">
          {t("badCursor")}{" "}
          <Link href="/mailbox" className="font-medium underline">
            {t("newest")}
          </Link>
        </Alert>
      )}
      {page &&
        (page.emails.length ? (
          <>
            <MailboxList emails={page.emails} />
            <MailboxPagination nextCursor={page.nextCursor} paged={paged} />
          </>
        ) : (
          <MailboxEmpty paged={paged} />
        ))}
    </div>
  );
}
