import "server-only";
import type { DomainEvent } from "@/lib/events/catalog";
import { applyOnce } from "@/lib/server/consumers/apply-once";

export const LOGIN_ANALYTICS = "login-analytics";

/**
 * Sign-in statistics on the account: login count and last login (user.authenticated), last
 * logout (user.logged_out). Counted once per event; the "last" times only move forward, so
 * events handled late do not roll them back.
 */
export async function recordLoginAnalytics(
  event: DomainEvent<"user.authenticated" | "user.logged_out">,
): Promise<{ applied: boolean }> {
  const at = new Date(event.timestamp);
  const applied = await applyOnce(LOGIN_ANALYTICS, event.eventId, async (tx) => {
    if (event.eventType === "user.authenticated") {
      await tx.$executeRaw`
        UPDATE users SET login_count = login_count + 1,
          last_login_at = GREATEST(COALESCE(last_login_at, ${at}), ${at})
        WHERE id = ${event.userId}::uuid`;
    } else {
      await tx.$executeRaw`
        UPDATE users SET last_logout_at = GREATEST(COALESCE(last_logout_at, ${at}), ${at})
        WHERE id = ${event.userId}::uuid`;
    }
  });
  return { applied };
}
