import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/server/interviews/owned-interview";
import { getReport } from "@/lib/server/reports/get-report";
import { InterviewReport } from "@/components/reports/interview-report";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("reports");
  return { title: t("metaTitle") };
}

// The interview's report, for its owner only: anyone else's interview is a 404.
export default async function InterviewReportPage({ params }: Params) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const user = await requireUser(`/interviews/${id}/report`);
  const report = await getReport({ actor: user, interviewId: id }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  return <InterviewReport report={report} />;
}
