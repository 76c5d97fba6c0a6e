// API keys: created once-shown and stored hashed, listed without secrets, revoked (then 401),
// capped per account, owner-scoped; requireApiActor's key / cookie / nothing paths.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { User } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db/client";
import { createAccount } from "@/tests/fixtures";
import { rejection } from "@/tests/app-error";

let cookieUser: User | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => cookieUser }));

const { createApiKey, MAX_LIVE_API_KEYS } = await import("./create-api-key");
const { revokeApiKey } = await import("./revoke-api-key");
const { listApiKeys } = await import("./list-api-keys");
const { requireApiActor } = await import("@/lib/auth/api-auth");
const { deleteAccount } = await import("@/lib/server/users/delete-account");

const withAuth = (authorization?: string) =>
  new Request("http://localhost/api/v1/interviews", { headers: authorization ? { authorization } : {} });

let owner: User;
let other: User;
beforeAll(async () => {
  owner = await createAccount();
  other = await createAccount();
});

describe("API keys", () => {
  it("creates a key shown once, stores only its SHA-256 and a display prefix", async () => {
    const { key, apiKey } = await createApiKey({ actor: owner, input: { name: "  Greenhouse sync " } });
    expect(key).toMatch(/^ivk_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toEqual({
      id: expect.any(String),
      name: "Greenhouse sync",
      prefix: key.slice(0, 12),
      createdAt: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
    });
    const row = await (await getDb()).apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.hash).toBe(createHash("sha256").update(key).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(key.slice(12));
    expect(row.userId).toBe(owner.id);
  });

  it("refuses an empty name or control characters with field errors", async () => {
    const e1 = await rejection(createApiKey({ actor: owner, input: { name: "   " } }));
    expect(e1.status).toBe(422);
    expect(e1.fieldErrors?.name).toBeDefined();
    const e2 = await rejection(createApiKey({ actor: owner, input: { name: "a\u0000b" } }));
    expect(e2.fieldErrors?.name?.join(" ")).toMatch(/control characters/);
  });

  it("lists the actor's keys only, newest first, without hashes", async () => {
    const a = await createApiKey({ actor: other, input: { name: "first" } });
    const b = await createApiKey({ actor: other, input: { name: "second" } });
    const list = await listApiKeys({ actor: other });
    expect(list.map((k) => k.id)).toEqual([b.apiKey.id, a.apiKey.id]);
    expect(JSON.stringify(list)).not.toMatch(/hash/);
    expect((await listApiKeys({ actor: owner })).map((k) => k.id)).not.toContain(a.apiKey.id);
  });

  it("authenticates with the key, records lastUsedAt at most once a minute", async () => {
    const { key, apiKey } = await createApiKey({ actor: owner, input: { name: "script" } });
    const user = await requireApiActor(withAuth(`Bearer ${key}`));
    expect(user.id).toBe(owner.id);
    const db = await getDb();
    const first = (await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await requireApiActor(withAuth(`bearer ${key}`));
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt).toEqual(first);
    // Two minutes later it is written again.
    await db.apiKey.update({ where: { id: apiKey.id }, data: { lastUsedAt: new Date(Date.now() - 120_000) } });
    await requireApiActor(withAuth(`Bearer ${key}`));
    const later = (await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt!;
    expect(Date.now() - later.getTime()).toBeLessThan(10_000);
  });

  it("revokes: the key is refused with 401 and a readable message; revoking twice keeps the first time", async () => {
    const { key, apiKey } = await createApiKey({ actor: owner, input: { name: "to revoke" } });
    const revoked = await revokeApiKey({ actor: owner, apiKeyId: apiKey.id });
    expect(revoked.revokedAt).not.toBeNull();
    const e = await rejection(requireApiActor(withAuth(`Bearer ${key}`)));
    expect(e.status).toBe(401);
    expect(e.message).toBe("This API key was revoked. Create a new one in Settings.");
    const again = await revokeApiKey({ actor: owner, apiKeyId: apiKey.id });
    expect(again.revokedAt).toBe(revoked.revokedAt);
  });

  it("another account cannot revoke a key (404, same as a malformed id), and the key keeps working", async () => {
    const { key, apiKey } = await createApiKey({ actor: owner, input: { name: "mine" } });
    const e = await rejection(revokeApiKey({ actor: other, apiKeyId: apiKey.id }));
    expect(e.status).toBe(404);
    const e2 = await rejection(revokeApiKey({ actor: other, apiKeyId: "not-a-uuid" }));
    expect(e2.message).toBe(e.message);
    expect((await requireApiActor(withAuth(`Bearer ${key}`))).id).toBe(owner.id);
  });

  it("refuses unknown, malformed and non-Bearer credentials with 401, never falling back to the cookie", async () => {
    cookieUser = owner;
    try {
      for (const header of [
        `Bearer ivk_${"A".repeat(43)}`,
        "Bearer nonsense",
        "Basic dXNlcjpwYXNz",
        "Bearer",
        "",
      ]) {
        const req = new Request("http://localhost/x", { headers: { authorization: header } });
        const e = await rejection(requireApiActor(req));
        expect(e.status, header).toBe(401);
        expect(e.message).toMatch(/API key is not valid/);
      }
    } finally {
      cookieUser = null;
    }
  });

  it("uses the session cookie when there is no Authorization header, else 401", async () => {
    cookieUser = other;
    expect((await requireApiActor(withAuth())).id).toBe(other.id);
    cookieUser = null;
    const e = await rejection(requireApiActor(withAuth()));
    expect(e.status).toBe(401);
    expect(e.message).toMatch(/Authorization: Bearer/);
  });

  it(`caps live keys at ${MAX_LIVE_API_KEYS} per account, race-free; revoking frees a slot`, async () => {
    const capped = await createAccount();
    const results = await Promise.allSettled(
      Array.from({ length: MAX_LIVE_API_KEYS + 5 }, (_, i) => createApiKey({ actor: capped, input: { name: `k${i}` } })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(MAX_LIVE_API_KEYS);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason.status).toBe(409);
    expect(refused.reason.message).toMatch(/Revoke one/);
    const oldest = (await listApiKeys({ actor: capped })).at(-1)!;
    await revokeApiKey({ actor: capped, apiKeyId: oldest.id });
    await expect(createApiKey({ actor: capped, input: { name: "again" } })).resolves.toBeDefined();
  });

  it("refuses a deleted account's key with 401 and does not create keys for it", async () => {
    const gone = await createAccount();
    const { key } = await createApiKey({ actor: gone, input: { name: "orphan" } });
    await deleteAccount({ actor: gone, input: { confirmEmail: gone.email } });
    const e = await rejection(requireApiActor(withAuth(`Bearer ${key}`)));
    expect(e.status).toBe(401);
    expect(e.message).toMatch(/deleted/);
    expect((await rejection(createApiKey({ actor: gone, input: { name: "x" } }))).status).toBe(404);
  });

  it("refuses the key of an account marked deleted even if the key itself was never revoked", async () => {
    const gone = await createAccount();
    const { key } = await createApiKey({ actor: gone, input: { name: "orphan" } });
    await (await getDb()).user.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });
    const e = await rejection(requireApiActor(withAuth(`Bearer ${key}`)));
    expect(e.status).toBe(401);
    expect(e.message).toMatch(/deleted/);
  });
});
