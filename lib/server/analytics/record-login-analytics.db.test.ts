import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { parseEvent, type DomainEvent } from "@/lib/events/catalog";
import { legacyExamples } from "@/lib/events/examples";
import { recordAuditEntry } from "@/lib/server/audit/record-audit-entry";
import { signInWithKeycloak } from "@/lib/server/users/sign-in-with-keycloak";
import { uniqueEmail } from "@/tests/fixtures";
import { recordLoginAnalytics } from "./record-login-analytics";

/** The seed's legacy gateway event for this subject, normalised as `catalog validate --normalize` does. */
function gatewayEvent<T extends "user.authenticated" | "user.logged_out">(type: T, subject: string): DomainEvent<T> {
  const legacy = legacyExamples[type];
  const parsed = parseEvent({ ...legacy, eventId: randomUUID(), payload: { ...legacy.payload, userId: subject } });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.event as DomainEvent<T>;
}

describe("auth events from a Keycloak gateway (keyed by the subject id)", () => {
  it.each([
    ["a subject like the seed's", () => `kc-${randomUUID()}`],
    ["a UUID subject (Keycloak's default)", () => randomUUID()],
  ])("count towards the account linked to %s", async (_label, subjectOf) => {
    const keycloakId = subjectOf();
    const { user } = await signInWithKeycloak({ keycloakId, email: uniqueEmail("gw"), fullName: "John Doe" });
    const signIn = gatewayEvent("user.authenticated", keycloakId);
    expect(signIn.userId).toBe(keycloakId);
    expect(await recordLoginAnalytics(signIn)).toEqual({ applied: true });
    expect(await recordLoginAnalytics(signIn)).toEqual({ applied: false });
    expect(await recordLoginAnalytics(gatewayEvent("user.logged_out", keycloakId))).toEqual({ applied: true });
    const db = await getDb();
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.loginCount).toBe(1);
    expect(after.lastLoginAt?.toISOString()).toBe(signIn.timestamp);
    expect(after.lastLogoutAt).not.toBeNull();
  });

  it("go into the audit log without an owner rather than failing", async () => {
    const event = gatewayEvent("user.authenticated", "kc-123");
    expect(await recordAuditEntry(event)).toEqual({ recorded: true });
    const db = await getDb();
    expect(await db.auditLog.findUniqueOrThrow({ where: { eventId: event.eventId } })).toMatchObject({
      ownerId: null,
      subject: "kc-123",
      summary: "user@example.com signed in (single sign-on)",
    });
  });
});
