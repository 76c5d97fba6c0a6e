import "server-only";
import type { Tx } from "@/lib/db/client";
import { publish } from "@/lib/events/publish";
import type { Interview } from "@/lib/generated/prisma/client";
import { publicUrl } from "./public-link";

/**
 * Publishes interview.published for a published interview, in the caller's transaction: its
 * public link and deadline as they are in `interview`. Written at the first publication and
 * again whenever the send-invitations consumer must look at the interview anew (a new
 * deadline, new or resent invitations). Returns the event's link and expiresAt.
 */
export async function publishInterviewPublished(
  tx: Tx,
  interview: Pick<Interview, "id" | "userId" | "publicToken" | "expiresAt">,
  requestId?: string,
): Promise<{ publicLink: string; expiresAt: string | null }> {
  if (!interview.publicToken)
    throw new Error(
      `interview ${interview.id} is published without a public token`,
    );
  const publicLink = publicUrl(interview.publicToken);
  const expiresAt = interview.expiresAt?.toISOString() ?? null;
  await publish(tx, {
    eventType: "interview.published",
    userId: interview.userId,
    data: { interviewId: interview.id, publicLink, expiresAt },
    correlationId: requestId,
  });
  return { publicLink, expiresAt };
}
