// POST /i/<token>/opened, the landing page's script recording that a personal link was opened:
// same-origin only, idempotent, and one generic 404 for a token that leads nowhere.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { addInvitations } from "@/lib/server/invitations/add-invitations";
import { hrWithInterview } from "@/lib/server/invitations/invitations.fixtures";
import { revokeInvitation } from "@/lib/server/invitations/revoke-invitation";
import { POST } from "./route";

const origin = new URL(env.APP_URL).origin;
const host = new URL(env.APP_URL).host;
const sameOrigin = { host, origin, "sec-fetch-site": "same-origin" };

async function open(token: string, headers: Record<string, string> = sameOrigin) {
  const res = await POST(new NextRequest(`${origin}/i/${encodeURIComponent(token)}/opened`, { method: "POST", headers }), { params: Promise.resolve({ token }) });
  return { status: res.status, body: (await res.json()) as unknown };
}

async function invited(count = 1) {
  const { user, interview } = await hrWithInterview();
  const candidates = Array.from({ length: count }, (_, i) => ({ email: `c${i}@example.com` }));
  const { results } = await addInvitations({ actor: user, interviewId: interview.id, input: { candidates } });
  const db = await getDb();
  const rows = await Promise.all(results.map((r) => db.invitation.findUniqueOrThrow({ where: { id: r.invitationId! } })));
  return { user, rows };
}

async function statusOf(id: string) {
  const db = await getDb();
  return db.invitation.findUniqueOrThrow({ where: { id }, select: { status: true, openedAt: true } });
}

describe("POST /i/<token>/opened", () => {
  it("marks the invitation opened once", async () => {
    const { rows } = await invited();
    expect(await open(rows[0]!.token)).toEqual({ status: 200, body: { opened: true } });
    const first = await statusOf(rows[0]!.id);
    expect(first.status).toBe("opened");
    expect(await open(rows[0]!.token)).toEqual({ status: 200, body: { opened: false } });
    expect(await statusOf(rows[0]!.id)).toEqual(first);
  });

  it("refuses a request from another site, and writes nothing", async () => {
    const { rows } = await invited();
    const res = await open(rows[0]!.token, { host, origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: "FORBIDDEN" } });
    expect(await statusOf(rows[0]!.id)).toEqual({ status: "invited", openedAt: null });
  });

  it("answers unknown, malformed and revoked tokens with the same generic 404", async () => {
    const { user, rows } = await invited();
    await revokeInvitation({ actor: user, invitationId: rows[0]!.id });
    const answers = await Promise.all([rows[0]!.token, "A".repeat(43), "x", "%00", "🙂"].map((t) => open(t)));
    for (const answer of answers) {
      expect(answer).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND", message: "This link does not exist or is no longer valid." } } });
    }
    expect((await statusOf(rows[0]!.id)).openedAt).toBeNull();
  });
});
