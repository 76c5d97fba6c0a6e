import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Event } from "@/lib/generated/prisma/client";
import { parseEvent } from "./catalog";
import { InvalidEventError, publish } from "./publish";
import { signUp } from "@/lib/server/users/sign-up";
import { signInWithKeycloak } from "@/lib/server/users/sign-in-with-keycloak";
import { updateProfile } from "@/lib/server/users/update-profile";
import { uploadAvatar } from "@/lib/server/users/upload-avatar";
import { deleteAccount } from "@/lib/server/users/delete-account";
import { recordSignIn, recordSignOut } from "@/lib/server/users/record-sign-in";
import { createAccount, PASSWORD, TINY_PNG, uniqueEmail } from "@/tests/fixtures";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function eventsOf(userId: string, eventType?: string): Promise<Event[]> {
  const db = await getDb();
  return db.event.findMany({ where: { partitionKey: userId, ...(eventType ? { eventType } : {}) }, orderBy: { seq: "asc" } });
}

/** The row as the standard envelope, re-validated against the catalog. */
function envelope(row: Event) {
  const event = {
    eventId: row.eventId,
    eventType: row.eventType,
    timestamp: row.timestamp.toISOString(),
    ...(row.userId ? { userId: row.userId } : { sessionId: row.sessionId }),
    data: row.data,
    metadata: row.metadata,
  };
  const parsed = parseEvent(event);
  expect(parsed).toMatchObject({ ok: true });
  return event;
}

async function only(userId: string, eventType: string) {
  const rows = await eventsOf(userId, eventType);
  expect(rows).toHaveLength(1);
  const row = rows[0]!;
  expect(row.eventId).toMatch(UUID);
  return { row, event: envelope(row) };
}

describe("producers write exactly their catalog event to the outbox", () => {
  it("sign-up → user.created on user-events, keyed by the new user, with the request's correlation id", async () => {
    const email = uniqueEmail();
    const user = await signUp({ input: { fullName: "Ada Lovelace", email, password: PASSWORD }, requestId: "req-signup-1" });
    const { row, event } = await only(user.id, "user.created");
    expect(row.topic).toBe("user-events");
    expect(event.data).toEqual({ keycloakId: null, email, fullName: "Ada Lovelace", createdAt: user.createdAt.toISOString() });
    expect(event.metadata).toEqual({ service: "users", version: "1.0", correlationId: "req-signup-1" });
    expect(row.correlationId).toBe("req-signup-1");
    expect(await eventsOf(user.id)).toHaveLength(1);
  });

  it("first SSO sign-in → user.created with the keycloakId; the next one publishes nothing new", async () => {
    const email = uniqueEmail("sso");
    const { user } = await signInWithKeycloak({ keycloakId: "kc-123", email, fullName: "John Doe" });
    const { event } = await only(user.id, "user.created");
    expect(event.data).toEqual({ keycloakId: "kc-123", email, fullName: "John Doe", createdAt: user.createdAt.toISOString() });
    await signInWithKeycloak({ keycloakId: "kc-123", email, fullName: "John Doe" });
    expect(await eventsOf(user.id, "user.created")).toHaveLength(1);
  });

  it("profile edit → user.updated whose changes are exactly the diff; no change, no event", async () => {
    const user = await createAccount({ fullName: "John Doe", companyName: "Acme Inc" });
    await updateProfile({ actor: user, input: { fullName: "John Smith", companyName: "Acme Inc" } });
    await updateProfile({ actor: user, input: { fullName: "John Smith" } });
    await updateProfile({ actor: user, input: { companyName: "" } });
    const rows = await eventsOf(user.id, "user.updated");
    expect(rows.map((r) => envelope(r).data)).toEqual([{ changes: { fullName: "John Smith" } }, { changes: { companyName: null } }]);
  });

  it("avatar upload → user.avatar_uploaded with an absolute URL and the file's size", async () => {
    const user = await createAccount();
    const { user: updated } = await uploadAvatar({ actor: user, file: { bytes: TINY_PNG, name: "a.png" } });
    const { event } = await only(user.id, "user.avatar_uploaded");
    expect(event.data).toEqual({ avatarUrl: `http://localhost:3000${updated.avatarUrl}`, fileSize: TINY_PNG.length });
  });

  it("replacing an avatar → media.deleted for the previous file with its size (first upload: none)", async () => {
    const user = await createAccount();
    const first = await uploadAvatar({ actor: user, file: { bytes: TINY_PNG, name: "a.png" } });
    expect(await eventsOf(user.id, "media.deleted")).toHaveLength(0);
    const bigger = new Uint8Array([...TINY_PNG, 0, 0, 0]);
    await uploadAvatar({ actor: user, file: { bytes: bigger, name: "b.png" }, requestId: "req-avatar" });
    const { row, event } = await only(user.id, "media.deleted");
    expect(event.data).toEqual({ fileId: first.media.id, fileSize: TINY_PNG.length, deletedAt: expect.any(String) });
    expect(row.correlationId).toBe("req-avatar");
    expect(await eventsOf(user.id, "user.avatar_uploaded")).toHaveLength(2);
  });

  it("account deletion → user.deleted with the deletion time and reason", async () => {
    const user = await createAccount();
    const deleted = await deleteAccount({ actor: user, input: { confirmEmail: user.email } });
    const { event } = await only(user.id, "user.deleted");
    expect(event.data).toEqual({ deletedAt: deleted.deletedAt!.toISOString(), reason: "user_request" });
  });

  it("sign-in and sign-out → user.authenticated and user.logged_out on auth-events, sharing the session id", async () => {
    const user = await createAccount({ fullName: "Grace Brewster Hopper" });
    await recordSignIn({ userId: user.id, authSessionId: "sess-1", authMethod: "password" });
    await recordSignOut({ userId: user.id, authSessionId: "sess-1" });
    const inEvent = await only(user.id, "user.authenticated");
    expect(inEvent.row.topic).toBe("auth-events");
    expect(inEvent.event.data).toEqual({
      userId: user.id,
      email: user.email,
      sessionId: "sess-1",
      authMethod: "password",
      firstName: "Grace",
      lastName: "Brewster Hopper",
    });
    const outEvent = await only(user.id, "user.logged_out");
    expect(outEvent.event.data).toEqual({ userId: user.id, sessionId: "sess-1", logoutReason: "user_action" });
    expect(outEvent.row.seq > inEvent.row.seq).toBe(true);
  });

  it("SSO sign-in and sign-out → data.userId is the Keycloak subject, the envelope's userId the account", async () => {
    const email = uniqueEmail("sso-auth");
    const keycloakId = `kc-${email}`;
    const { user } = await signInWithKeycloak({ keycloakId, email, fullName: "John Doe" });
    await recordSignIn({ userId: user.id, authSessionId: "sess-sso", authMethod: "oauth2" });
    await recordSignOut({ userId: user.id, authSessionId: "sess-sso" });
    const inEvent = await only(user.id, "user.authenticated");
    expect(inEvent.event).toMatchObject({ userId: user.id, data: { userId: keycloakId, authMethod: "oauth2", sessionId: "sess-sso" } });
    expect(inEvent.row.ownerId).toBe(user.id);
    const outEvent = await only(user.id, "user.logged_out");
    expect(outEvent.event).toMatchObject({ userId: user.id, data: { userId: keycloakId, sessionId: "sess-sso" } });
  });

  it("an account with a password and SSO: each session's events name the identity it signed in with", async () => {
    const user = await createAccount();
    await signInWithKeycloak({ keycloakId: `kc-linked-${user.id}`, email: user.email, fullName: user.fullName });
    await recordSignIn({ userId: user.id, authSessionId: "sess-password", authMethod: "password" });
    await recordSignIn({ userId: user.id, authSessionId: "sess-sso", authMethod: "oauth2" });
    await recordSignOut({ userId: user.id, authSessionId: "sess-password" });
    await recordSignOut({ userId: user.id, authSessionId: "sess-sso" });
    const subjects = async (type: string) =>
      (await eventsOf(user.id, type)).map((row) => {
        const data = envelope(row).data as { userId: string; sessionId: string };
        return [data.sessionId, data.userId];
      });
    expect(await subjects("user.authenticated")).toEqual([
      ["sess-password", user.id],
      ["sess-sso", `kc-linked-${user.id}`],
    ]);
    expect(await subjects("user.logged_out")).toEqual([
      ["sess-password", user.id],
      ["sess-sso", `kc-linked-${user.id}`],
    ]);
  });

  it("an invalid event is never stored, and its transaction's writes are rolled back", async () => {
    const db = await getDb();
    const email = uniqueEmail("bad");
    const err = await db
      .$transaction(async (tx) => {
        const user = await tx.user.create({ data: { email, fullName: "X" } });
        await publish(tx, {
          eventType: "user.avatar_uploaded",
          userId: user.id,
          data: { avatarUrl: "/relative.png", fileSize: -1 },
        });
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidEventError);
    expect((err as InvalidEventError).issues.map((i) => i.path).sort()).toEqual(["data.avatarUrl", "data.fileSize"]);
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect(await db.event.count({ where: { eventType: "user.avatar_uploaded", data: { path: ["fileSize"], equals: -1 } } })).toBe(0);
  });
});
