import "server-only";
// A reviewer takes back their own comment; another reviewer's stays (403).
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/server/interviews/owned-interview";
import { lockReviewableSession, publishReviewed } from "./reviewable-session";

export const COMMENT_NOT_FOUND = "This comment does not exist or was deleted.";
export const NOT_YOUR_COMMENT = "You can delete only your own comments.";

export async function deleteReviewComment({ actor, commentId }: { actor: { id: string }; commentId: unknown }): Promise<{ id: string }> {
  if (!isUuid(commentId) || !isUuid(actor.id)) throw new AppError("NOT_FOUND", COMMENT_NOT_FOUND);
  const db = await getDb();
  // Comments of the actor's account only (the interview's owner): anyone else's is a 404.
  const comment = await db.reviewComment.findFirst({
    where: { id: commentId, session: { interview: { userId: actor.id, deletedAt: null } } },
    select: { id: true, authorId: true, sessionId: true },
  });
  if (!comment) throw new AppError("NOT_FOUND", COMMENT_NOT_FOUND);
  if (comment.authorId !== actor.id) throw new AppError("FORBIDDEN", NOT_YOUR_COMMENT);
  return db.$transaction(async (tx) => {
    const session = await lockReviewableSession(tx, actor, comment.sessionId);
    const { count } = await tx.reviewComment.deleteMany({ where: { id: comment.id, authorId: actor.id } });
    // Deleted meanwhile (a second click): nothing changed, nothing to record.
    if (count === 1) await publishReviewed(tx, { session, actor, changes: ["comment"], reviewedAt: new Date() });
    return { id: comment.id };
  });
}
