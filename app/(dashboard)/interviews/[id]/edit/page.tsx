import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { getInterview } from "@/lib/server/interviews/get-interview";
import { isUuid } from "@/lib/server/interviews/owned-interview";
import { InterviewEditor } from "@/components/interviews/interview-editor";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("interviews.editor");
  return { title: t("editTitle") };
}

export default async function EditInterviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const user = await requireUser(`/interviews/${id}/edit`);
  const interview = await getInterview({ actor: user, interviewId: id }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const t = await getTranslations("interviews.editor");
  const current = interview.versions.find((v) => v.number === interview.version);
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link href={`/interviews/${interview.id}`} className="text-sm font-medium text-brand-600 hover:text-brand-700">
          ← {interview.title}
        </Link>
        <h1 className="text-2xl font-bold tracking-tight">{t("editTitle")}</h1>
      </div>
      <InterviewEditor
        mode="edit"
        interviewId={interview.id}
        interview={{ ...interview, versionPublished: Boolean(current?.publishedAt) }}
      />
    </div>
  );
}
