import "server-only";
import type { DomainEvent } from "@/lib/events/catalog";
import { applyOnce } from "@/lib/server/consumers/apply-once";

export const COUNT_INTERVIEWS_CREATED = "count-interviews-created";

/** interview.created → users.interviews_created + 1, once per event. */
export async function countInterviewCreated(event: DomainEvent<"interview.created">): Promise<{ applied: boolean }> {
  const applied = await applyOnce(COUNT_INTERVIEWS_CREATED, event.eventId, async (tx) => {
    await tx.$executeRaw`
      UPDATE users SET interviews_created = interviews_created + 1, updated_at = now()
      WHERE id = ${event.userId}::uuid`;
  });
  return { applied };
}
