// GET /api/interviews/{id}/candidates: the table's live-update feed. Owner-scoped (another
// account and a signed-out caller get nothing), query validated, GET only.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import type { User } from "@/lib/generated/prisma/client";
import { addInvitations } from "@/lib/server/invitations/add-invitations";
import { hrWithInterview } from "@/lib/server/invitations/invitations.fixtures";
import { createAccount } from "@/tests/fixtures";

let current: User | null = null;
vi.mock("@/lib/auth/current-user", () => ({
  requireApiUser: async () => {
    if (!current) throw new AppError("UNAUTHORIZED", "Sign in to continue.");
    return current;
  },
  getCurrentUser: async () => current,
}));
const routeModule = await import("./route");

const get = (id: string, query = "") =>
  routeModule.GET(new NextRequest(`http://localhost/api/interviews/${id}/candidates${query}`), { params: Promise.resolve({ id }) });

let owner: User;
let interviewId: string;

beforeAll(async () => {
  const ctx = await hrWithInterview();
  owner = ctx.user;
  interviewId = ctx.interview.id;
  await addInvitations({
    actor: owner,
    interviewId,
    input: { candidates: [{ email: "ada@example.com", name: "Ada" }, { email: "bob@example.com", name: "Bob" }, { email: "cy@example.com", name: "Cy" }] },
  });
});

describe("GET /api/interviews/{id}/candidates", () => {
  it("answers the owner with a page and a cursor, then the next page", async () => {
    current = owner;
    const res = await get(interviewId, "?sort=name&order=asc&limit=2");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const page = await res.json();
    expect(page.data.map((r: { name: string }) => r.name)).toEqual(["Ada", "Bob"]);
    const next = await (await get(interviewId, `?sort=name&order=asc&limit=2&cursor=${page.nextCursor}`)).json();
    expect(next).toMatchObject({ data: [{ name: "Cy", status: "invited", totalQuestions: 2 }], nextCursor: null });
  });

  it("is a 404 for another account and a malformed id, a 401 signed out", async () => {
    current = await createAccount();
    expect((await get(interviewId)).status).toBe(404);
    current = owner;
    expect((await get("1 OR 1=1")).status).toBe(404);
    current = null;
    expect((await get(interviewId)).status).toBe(401);
  });

  it("refuses a bad query with 4xx, not 500", async () => {
    current = owner;
    for (const q of ["?limit=1000", "?sort=secret", "?status=hired", "?cursor=%00%01", "?q=%00"]) {
      const res = await get(interviewId, q);
      expect([400, 422], q).toContain(res.status);
    }
  });

  it("serves GET only", () => {
    expect(Object.keys(routeModule).filter((k) => /^[A-Z]+$/.test(k))).toEqual(["GET"]);
  });
});
