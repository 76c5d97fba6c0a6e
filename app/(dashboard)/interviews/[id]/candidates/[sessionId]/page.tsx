import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/server/interviews/owned-interview";
import { getSessionReview } from "@/lib/server/sessions/get-session-review";
import { SessionReview } from "@/components/candidates/session-review";

type Params = { params: Promise<{ id: string; sessionId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("candidates.review");
  return { title: t("metaTitle") };
}

// One candidate's answers, for the interview's owner: anyone else's session, or a session of
// another interview under this one's URL, is a 404.
export default async function CandidateAnswersPage({ params }: Params) {
  const { id, sessionId } = await params;
  if (!isUuid(id) || !isUuid(sessionId)) notFound();
  const user = await requireUser(`/interviews/${id}/candidates/${sessionId}`);
  const review = await getSessionReview({ actor: user, sessionId }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  if (review.interview.id !== id) notFound();
  return <SessionReview review={review} />;
}
