import "server-only";
// HR's overall judgement of a candidate (review page, POST /api/v1/sessions/{id}/review): the
// rating, the decision and the note. A field left out stays as it is, null clears it. A save
// that changes something stamps reviewed_at/by and publishes candidate.reviewed in the same
// transaction (rating and decision after the change, the list of what changed, never the
// note's text: webhooks and the audit log get it); a save that changes nothing publishes nothing.
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { REVIEW_FIELDS, reviewRequestSchema } from "@/lib/schemas/review";
import { parseStrictBody } from "./parse-review-input";
import { toReviewView, type ReviewView } from "./review-dto";
import { lockReviewableSession, publishReviewed } from "./reviewable-session";

export type ReviewFieldChange = (typeof REVIEW_FIELDS)[number];
export type ReviewUpdate = { review: ReviewView; changes: ReviewFieldChange[] };

export async function updateSessionReview({
  actor,
  sessionId,
  input,
  requestId,
}: {
  actor: { id: string };
  sessionId: unknown;
  input: unknown;
  requestId?: string;
}): Promise<ReviewUpdate> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    // Whose session first: another account's is a 404 whatever the body says.
    const session = await lockReviewableSession(tx, actor, sessionId);
    const { rating, decision, note } = parseStrictBody(reviewRequestSchema, input, REVIEW_FIELDS);
    const data: Prisma.CandidateSessionUpdateInput = {};
    const changes: ReviewFieldChange[] = [];
    if (rating !== undefined && rating !== session.rating) {
      data.rating = rating;
      changes.push("rating");
    }
    if (decision !== undefined && decision !== session.decision) {
      data.decision = decision;
      changes.push("decision");
    }
    if (note !== undefined && note !== session.reviewNotes) {
      data.reviewNotes = note;
      changes.push("note");
    }
    if (changes.length === 0) return { review: toReviewView(session), changes };

    const reviewedAt = new Date();
    const updated = await tx.candidateSession.update({
      where: { id: session.id },
      data: { ...data, reviewedAt, reviewedBy: actor.id },
    });
    await publishReviewed(tx, { session: updated, actor, changes, reviewedAt, requestId });
    return { review: toReviewView(updated), changes };
  });
}
