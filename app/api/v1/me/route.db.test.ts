// PATCH /api/v1/me with the input the probe used: control characters and broken Unicode are
// field errors (were 500s), a 20 MB body is a 413 before it is read (was parsed), and a
// cross-site request is refused.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { User } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db/client";
import { createAccount } from "@/tests/fixtures";

let user: User;
vi.mock("@/lib/auth/current-user", () => ({
  requireApiUser: async () => user,
  getCurrentUser: async () => user,
}));
const { GET, PATCH } = await import("./route");

const patch = (body: BodyInit, headers: Record<string, string> = {}) =>
  PATCH(new NextRequest("http://localhost/api/v1/me", { method: "PATCH", body, headers: { "content-type": "application/json", ...headers } }), {});

beforeAll(async () => {
  user = await createAccount({ fullName: "Kept Name" });
});

describe("PATCH /api/v1/me", () => {
  it.each([
    ['{"fullName":"a\\u0000"}', /control characters/],
    ['{"fullName":"\\ud800"}', /broken characters/],
    ['{"companyName":"x\\u001b[31m"}', /control characters/],
  ])("answers %s with 422 and a field message, writing nothing", async (body, message) => {
    const res = await patch(body);
    expect(res.status).toBe(422);
    const json = await res.json();
    expect(Object.values(json.error.fields).flat().join(" ")).toMatch(message);
    expect((await (await getDb()).user.findUniqueOrThrow({ where: { id: user.id } })).fullName).toBe("Kept Name");
  });

  it("refuses a 20 MB body with 413", async () => {
    const res = await patch(JSON.stringify({ fullName: "x".repeat(20 * 1024 * 1024) }));
    expect(res.status).toBe(413);
  });

  it("refuses a cross-site request with 403", async () => {
    const res = await patch('{"fullName":"Evil"}', { origin: "http://localhost:4000", "sec-fetch-site": "same-site" });
    expect(res.status).toBe(403);
    expect((await (await getDb()).user.findUniqueOrThrow({ where: { id: user.id } })).fullName).toBe("Kept Name");
  });

  it("accepts right-to-left text and emoji", async () => {
    const res = await patch(JSON.stringify({ fullName: "محمد 🙂" }));
    expect(res.status).toBe(200);
  });
});

describe("GET /api/v1/me", () => {
  it("includes the email-notification preference next to the profile", async () => {
    const db = await getDb();
    user = await db.user.update({ where: { id: user.id }, data: { notifyHr: "digest" } });
    const res = await GET(new NextRequest("http://localhost/api/v1/me"), {});
    expect(res.status).toBe(200);
    expect((await res.json()).account).toMatchObject({ id: user.id, email: user.email, notifyHr: "digest" });
  });
});
