"use server";

// The review page's judgement: overall rating, decision and note, a question's rating, and
// the reviewers' comments. The use cases check ownership (404 for anyone else's session) and
// validate; the page then re-reads (the candidates list too: it sorts by decision and rating).
import { revalidatePath } from "next/cache";
import { addReviewComment } from "@/lib/server/review/add-review-comment";
import { deleteReviewComment } from "@/lib/server/review/delete-review-comment";
import { rateQuestion } from "@/lib/server/review/rate-question";
import { updateSessionReview } from "@/lib/server/review/update-session-review";
import { userAction } from "./safe-action";

export async function updateReviewAction(sessionId: string, input: unknown) {
  return userAction(async ({ user, requestId }) => {
    const result = await updateSessionReview({ actor: user, sessionId, input, requestId });
    if (result.changes.length > 0) revalidatePath("/interviews", "layout");
    return result;
  });
}

export async function rateQuestionAction(sessionId: string, input: unknown) {
  return userAction(async ({ user, requestId }) => {
    const result = await rateQuestion({ actor: user, sessionId, input, requestId });
    if (result.changed) revalidatePath("/interviews", "layout");
    return result;
  });
}

export async function addReviewCommentAction(sessionId: string, input: unknown) {
  return userAction(async ({ user }) => {
    const comment = await addReviewComment({ actor: user, sessionId, input });
    revalidatePath("/interviews", "layout");
    return comment;
  });
}

export async function deleteReviewCommentAction(commentId: string) {
  return userAction(async ({ user }) => {
    const deleted = await deleteReviewComment({ actor: user, commentId });
    revalidatePath("/interviews", "layout");
    return deleted;
  });
}
