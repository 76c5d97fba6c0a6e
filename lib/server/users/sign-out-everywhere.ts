import "server-only";
import { getDb } from "@/lib/db/client";
import { publish } from "@/lib/events/publish";

/**
 * Ends every session of the account, this browser's included (a lost laptop, a shared
 * computer): each one's cookie stops working on its next request. Publishes user.logged_out
 * for each session ended.
 */
export async function signOutEverywhere({
  actor,
  requestId,
}: {
  actor: { id: string };
  requestId?: string;
}): Promise<{ ended: number }> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const live = await tx.authSession.findMany({
      where: { userId: actor.id, revokedAt: null, expiresAt: { gt: new Date() } },
      select: { id: true },
    });
    if (live.length === 0) return { ended: 0 };
    await tx.authSession.updateMany({
      where: { id: { in: live.map((s) => s.id) } },
      data: { revokedAt: new Date(), revokedReason: "sign_out_everywhere" },
    });
    for (const s of live) {
      await publish(tx, {
        eventType: "user.logged_out",
        userId: actor.id,
        data: { userId: actor.id, sessionId: s.id, logoutReason: "user_action" },
        correlationId: requestId,
      });
    }
    return { ended: live.length };
  });
}
