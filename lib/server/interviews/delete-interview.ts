import "server-only";
import { getDb } from "@/lib/db/client";
import { lockOwnedInterview } from "./owned-interview";

/**
 * Soft delete. From the commit on, the interview is a 404 everywhere, its public link and
 * every personal link stop working (link lookups exclude deleted interviews, and every
 * invitation not completed is revoked), and it no longer takes a slot of the plan. Answers
 * and media stay until the account is deleted. Nothing is returned (HTTP 204).
 */
export async function deleteInterview({
  actor,
  interviewId,
}: {
  actor: { id: string };
  interviewId: unknown;
  input?: unknown;
  requestId?: string;
}): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const interview = await lockOwnedInterview(tx, actor, interviewId);
    const now = new Date();
    await tx.invitation.updateMany({
      where: { interviewId: interview.id, status: { notIn: ["completed", "revoked"] } },
      data: { status: "revoked", revokedAt: now },
    });
    await tx.interview.update({ where: { id: interview.id }, data: { deletedAt: now } });
  });
}
