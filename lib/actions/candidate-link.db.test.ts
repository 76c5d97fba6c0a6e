// The landing page's Server Action that records a personal link's opening: same-origin only,
// idempotent, and one generic failure for a token that leads nowhere. The request headers are
// mocked (there is no request).
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { addInvitations } from "@/lib/server/invitations/add-invitations";
import { hrWithInterview } from "@/lib/server/invitations/invitations.fixtures";
import { revokeInvitation } from "@/lib/server/invitations/revoke-invitation";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));

const { markLinkOpenedAction } = await import("./candidate-link");

const host = new URL(env.APP_URL).host;
const sameOrigin = () => new Headers({ host, origin: new URL(env.APP_URL).origin, "sec-fetch-site": "same-origin" });

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

describe("markLinkOpenedAction", () => {
  beforeEach(() => {
    request.headers = sameOrigin();
  });

  it("marks the invitation opened once", async () => {
    const { rows } = await invited();
    expect(await markLinkOpenedAction(rows[0]!.token)).toEqual({ ok: true, data: { opened: true } });
    const first = await statusOf(rows[0]!.id);
    expect(first.status).toBe("opened");
    expect(await markLinkOpenedAction(rows[0]!.token)).toEqual({ ok: true, data: { opened: false } });
    expect(await statusOf(rows[0]!.id)).toEqual(first);
  });

  it("refuses a request from another site, and writes nothing", async () => {
    const { rows } = await invited();
    request.headers = new Headers({ host, origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect(await markLinkOpenedAction(rows[0]!.token)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await statusOf(rows[0]!.id)).toEqual({ status: "invited", openedAt: null });
  });

  it("answers unknown, malformed and revoked tokens with the same generic failure", async () => {
    const { user, rows } = await invited();
    await revokeInvitation({ actor: user, invitationId: rows[0]!.id });
    const answers = await Promise.all([rows[0]!.token, "A".repeat(43), "x", null, { token: rows[0]!.token }].map((t) => markLinkOpenedAction(t)));
    for (const answer of answers) {
      expect(answer).toEqual({ ok: false, code: "NOT_FOUND", error: "This link does not exist or is no longer valid." });
    }
    expect((await statusOf(rows[0]!.id)).openedAt).toBeNull();
  });
});
