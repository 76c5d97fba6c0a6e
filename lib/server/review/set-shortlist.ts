import "server-only";
// HR puts a candidate on (or takes them off) the interview's shortlist, from the compare page.
// A change is a candidate.reviewed event with changes ["shortlist"], published in the same
// transaction (the audit log, reports and webhooks hear of it); setting what is already set
// publishes nothing.
import { getDb } from "@/lib/db/client";
import { validationError } from "@/lib/errors";
import { setShortlistSchema } from "@/lib/schemas/compare";
import { lockReviewableSession, publishReviewed } from "./reviewable-session";

export type ShortlistChange = { sessionId: string; shortlisted: boolean; changed: boolean };

export async function setShortlist({
  actor,
  sessionId,
  input,
  requestId,
}: {
  actor: { id: string };
  sessionId: unknown;
  input: unknown;
  requestId?: string;
}): Promise<ShortlistChange> {
  const parsed = setShortlistSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const { shortlisted } = parsed.data;
  const db = await getDb();
  return db.$transaction(async (tx) => {
    // Locked, so that two toggles at once publish one event per real change.
    const session = await lockReviewableSession(tx, actor, sessionId);
    if (session.shortlisted === shortlisted) return { sessionId: session.id, shortlisted, changed: false };
    await tx.candidateSession.update({ where: { id: session.id }, data: { shortlisted } });
    await publishReviewed(tx, { session, actor, changes: ["shortlist"], reviewedAt: new Date(), requestId });
    return { sessionId: session.id, shortlisted, changed: true };
  });
}
