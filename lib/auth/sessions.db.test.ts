// Sessions end on the server: sign-out, "sign out everywhere" and account deletion make a
// cookie captured earlier worthless; a deleted account's files stop being served.
import { describe, expect, it } from "vitest";
import type { JWT } from "next-auth/jwt";
import { getDb } from "@/lib/db/client";
import { authOptions } from "@/lib/auth/options";
import { createSession, isSessionActive, revokeSession } from "@/lib/auth/sessions";
import { deleteAccount } from "@/lib/server/users/delete-account";
import { signOutEverywhere } from "@/lib/server/users/sign-out-everywhere";
import { createAccount } from "@/tests/fixtures";

const jwt = authOptions.callbacks!.jwt!;
type JwtArgs = Parameters<typeof jwt>[0];

/** What next-auth does on sign-in: the jwt callback with the user, returning the cookie's token. */
async function signIn(user: { id: string; email: string; fullName: string }): Promise<JWT> {
  return jwt({
    token: { sub: user.id, email: user.email, name: user.fullName },
    user: { id: user.id, email: user.email, name: user.fullName },
    account: { provider: "credentials", type: "credentials", providerAccountId: user.id },
  } as JwtArgs);
}

/** What next-auth does on every later request with that cookie. */
const onRequest = (token: JWT) => jwt({ token } as JwtArgs);

describe("server-side sessions", () => {
  it("a signed-in cookie works until sign-out, then never again", async () => {
    const user = await createAccount();
    const token = await signIn(user);
    expect(token.sid).toMatch(/^[0-9a-f-]{36}$/);
    await expect(onRequest(token)).resolves.toMatchObject({ uid: user.id });

    await authOptions.events!.signOut!({ token, session: {} as never });
    await expect(onRequest(token)).rejects.toThrow(/session has ended/);
    const row = await (await getDb()).authSession.findUniqueOrThrow({ where: { id: token.sid! } });
    expect(row.revokedReason).toBe("user_action");
  });

  it("a cookie without a session id (or with someone else's) is refused", async () => {
    const a = await createAccount();
    const b = await createAccount();
    await expect(onRequest({ uid: a.id })).rejects.toThrow();
    const bToken = await signIn(b);
    await expect(onRequest({ uid: a.id, sid: bToken.sid })).rejects.toThrow();
    await expect(onRequest({ uid: a.id, sid: "not-a-uuid" })).rejects.toThrow();
  });

  it("sign out everywhere ends every session of the account only", async () => {
    const user = await createAccount();
    const other = await createAccount();
    const [laptop, phone, others] = [await signIn(user), await signIn(user), await signIn(other)];
    expect(await signOutEverywhere({ actor: user })).toEqual({ ended: 2 });
    await expect(onRequest(laptop)).rejects.toThrow();
    await expect(onRequest(phone)).rejects.toThrow();
    await expect(onRequest(others)).resolves.toMatchObject({ uid: other.id });
    const events = await (await getDb()).event.count({ where: { eventType: "user.logged_out", partitionKey: user.id } });
    expect(events).toBe(2);
  });

  it("deleting the account ends its sessions and stops serving its files", async () => {
    const user = await createAccount();
    const token = await signIn(user);
    const db = await getDb();
    const file = await db.mediaFile.create({
      data: { userId: user.id, kind: "avatar", status: "ready", bucket: "avatars", path: `${user.id}/a.png`, fileName: "a.png", mimeType: "image/png" },
    });
    await deleteAccount({ actor: user, input: { confirmEmail: user.email } });
    await expect(onRequest(token)).rejects.toThrow();
    expect(await isSessionActive(token.sid, user.id)).toBe(false);
    // The avatar route serves only rows without deletedAt.
    expect((await db.mediaFile.findUniqueOrThrow({ where: { id: file.id } })).deletedAt).toBeInstanceOf(Date);
  });

  it("an expired session is refused even if never revoked", async () => {
    const user = await createAccount();
    const sid = await createSession({ userId: user.id, method: "password", maxAgeSeconds: -1 });
    expect(await isSessionActive(sid, user.id)).toBe(false);
    await revokeSession("not-a-uuid"); // ignored, no error
  });
});
