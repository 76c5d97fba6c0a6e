import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getMailboxEmail } from "@/lib/server/notifications/get-mailbox-email";
import { EmailBody, EmailHeaders } from "@/components/mailbox/email-detail";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("mailbox");
  return { title: t("title") };
}

export default async function MailboxEmailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/mailbox/${encodeURIComponent(id)}`);
  const email = await getMailboxEmail({ actor: user, input: { id } }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const t = await getTranslations("mailbox");
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link href="/mailbox" className="text-sm font-medium text-brand-600 hover:text-brand-700">
          {t("detail.back")}
        </Link>
        <h1 className="text-xl font-bold tracking-tight break-words sm:text-2xl">{email.subject}</h1>
      </div>
      <EmailHeaders email={email} from={env.EMAIL_FROM} />
      <EmailBody email={email} />
    </div>
  );
}
