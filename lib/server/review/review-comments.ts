import "server-only";
import type { ReviewComment } from "@/lib/generated/prisma/client";

/** A reviewer's comment on a session (or one of its questions), as the review page shows it. */
export type ReviewCommentView = {
  id: string;
  /** null: about the whole session. */
  questionId: string | null;
  authorName: string;
  body: string;
  createdAt: string;
  /** The viewer wrote it, so may delete it. */
  own: boolean;
};

export function toCommentView(c: ReviewComment, viewer: { id: string }): ReviewCommentView {
  return {
    id: c.id,
    questionId: c.questionId,
    authorName: c.authorName,
    body: c.body,
    createdAt: c.createdAt.toISOString(),
    own: c.authorId === viewer.id,
  };
}
