import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { isLocale } from "@/lib/i18n/config";
import { InterviewEditor } from "@/components/interviews/interview-editor";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("interviews.editor");
  return { title: t("newTitle") };
}

export default async function NewInterviewPage() {
  await requireUser("/interviews/new");
  const t = await getTranslations("interviews.editor");
  const locale = await getLocale();
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link href="/interviews" className="text-sm font-medium text-brand-600 hover:text-brand-700">
          ← {t("backToList")}
        </Link>
        <h1 className="text-2xl font-bold tracking-tight">{t("newTitle")}</h1>
        <p className="max-w-prose text-slate-600">{t("newIntro")}</p>
      </div>
      {/* Candidates get the HR user's own language unless chosen otherwise. */}
      <InterviewEditor mode="create" defaultLanguage={isLocale(locale) ? locale : "en"} />
    </div>
  );
}
