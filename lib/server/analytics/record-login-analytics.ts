import "server-only";
import type { DomainEvent } from "@/lib/events/catalog";
import { applyOnce } from "@/lib/server/consumers/apply-once";

export const LOGIN_ANALYTICS = "login-analytics";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Sign-in statistics on the account: login count and last login (user.authenticated), last
 * logout (user.logged_out). Counted once per event; the "last" times only move forward, so
 * events handled late do not roll them back.
 */
export async function recordLoginAnalytics(
  event: DomainEvent<"user.authenticated" | "user.logged_out">,
): Promise<{ applied: boolean }> {
  const at = new Date(event.timestamp);
  // This app keys auth events by the account's UUID; a gateway in front of Keycloak keys them
  // by the identity's subject id (itself often a UUID), so either may name the account.
  const accountId = UUID.test(event.userId) ? event.userId : null;
  const applied = await applyOnce(LOGIN_ANALYTICS, event.eventId, async (tx) => {
    if (event.eventType === "user.authenticated") {
      await tx.$executeRaw`
        UPDATE users SET login_count = login_count + 1,
          last_login_at = GREATEST(COALESCE(last_login_at, ${at}), ${at})
        WHERE id = ${accountId}::uuid OR keycloak_id = ${event.userId}`;
    } else {
      await tx.$executeRaw`
        UPDATE users SET last_logout_at = GREATEST(COALESCE(last_logout_at, ${at}), ${at})
        WHERE id = ${accountId}::uuid OR keycloak_id = ${event.userId}`;
    }
  });
  return { applied };
}
