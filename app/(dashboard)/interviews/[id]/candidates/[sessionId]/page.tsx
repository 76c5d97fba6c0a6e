import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/server/interviews/owned-interview";
import { getSessionReview } from "@/lib/server/sessions/get-session-review";
import { SessionReview } from "@/components/candidates/session-review";
import { EraseCandidate } from "@/components/review/erase-candidate";
import { getReviewJudgement } from "@/lib/server/review/get-review-judgement";
import { QuestionRating } from "@/components/review/question-rating";
import { ReviewComments } from "@/components/review/review-comments";
import { ReviewPanel } from "@/components/review/review-panel";

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
  const [review, judgement] = await Promise.all([
    getSessionReview({ actor: user, sessionId }),
    getReviewJudgement({ actor: user, sessionId }),
  ]).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  if (review.interview.id !== id) notFound();
  const questionRatings = Object.fromEntries(
    review.questions.map((q) => [
      q.id,
      <QuestionRating key={q.id} sessionId={review.id} questionId={q.id} position={q.position} rating={judgement.questionRatings[q.id] ?? null} readOnly={judgement.erased} />,
    ]),
  );
  return (
    <>
      <SessionReview
        review={review}
        questionRatings={questionRatings}
        judgement={
          <div className="space-y-6">
            <ReviewPanel sessionId={review.id} review={judgement.review} readOnly={judgement.erased} />
            <ReviewComments sessionId={review.id} comments={judgement.comments} questions={review.questions} readOnly={judgement.erased} />
          </div>
        }
      />
      <div className="mt-8 border-t border-slate-200 pt-6">
        <EraseCandidate sessionId={review.id} erasedAt={review.erasedAt ?? null} />
      </div>
    </>
  );
}
