// POST /api/v1/sessions/{id}/review through its route handler: the documented answer, one
// candidate.reviewed per real change (none for a request that changes nothing), the session's
// `review` in GET /api/v1/sessions/{id} and the sessions list, the 4xx answers of bad input,
// and a 404 for another account's session; a cross-site request with the cookie is a 403.
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import type { User } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db/client";
import { interviewWithInvited, startPersonal } from "@/lib/server/candidates/candidates.fixtures";
import { uniqueEmail } from "@/tests/fixtures";

let cookieUser: User | null = null;
vi.mock("@/lib/auth/current-user", () => ({
  getCurrentUser: async () => cookieUser,
  requireApiUser: async () => cookieUser,
}));

const s = await import("@/lib/openapi/schemas");
const { createAccount } = await import("@/tests/fixtures");
const { createApiKey } = await import("@/lib/server/api-keys/create-api-key");
const review = await import("./route");
const session = await import("../route");
const sessions = await import("../../../interviews/[id]/sessions/route");

type Handler = (req: NextRequest, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;

async function call(handler: Handler, method: string, id: string, o: { key?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...o.headers };
  if (o.key) headers.authorization = `Bearer ${o.key}`;
  let body: string | undefined = o.raw;
  if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    headers["content-type"] ??= "application/json";
  } else if (o.raw !== undefined) headers["content-type"] ??= "application/json";
  const res = await handler(new NextRequest(`http://localhost/api/v1/x/${id}`, { method, body, headers }), { params: Promise.resolve({ id }) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

function expectDocumented(schema: z.ZodType, body: unknown) {
  const parsed = schema.safeParse(body);
  expect(parsed.success ? null : parsed.error.issues).toBeNull();
  expect(parsed.data).toEqual(body);
}

let owner: User;
let ownerKey: string;
let strangerKey: string;
let interviewId: string;
let sessionId: string;

const reviewedCount = async () => (await getDb()).event.count({ where: { sessionId, eventType: "candidate.reviewed" } });

beforeAll(async () => {
  const email = uniqueEmail("cand");
  const made = await interviewWithInvited([email]);
  owner = made.user;
  interviewId = made.interview.id;
  sessionId = (await startPersonal(made.tokens[email]!)).sessionId;
  ownerKey = (await createApiKey({ actor: owner, input: { name: "tests" } })).key;
  const stranger = await createAccount({ email: uniqueEmail("stranger") });
  strangerKey = (await createApiKey({ actor: stranger, input: { name: "tests" } })).key;
});

describe("POST /api/v1/sessions/{id}/review", () => {
  it("saves the review, answers it as documented, publishes once per change, and the session shows it", async () => {
    const res = await call(review.POST, "POST", sessionId, { key: ownerKey, body: { rating: 4, decision: "advance", note: "Invite to round two." } });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expectDocumented(s.reviewUpdateResponse, res.json);
    expect(res.json).toEqual({
      review: { rating: 4, decision: "advance", note: "Invite to round two.", reviewedAt: expect.any(String) },
      changed: ["rating", "decision", "note"],
    });
    expect(await reviewedCount()).toBe(1);
    const event = await (await getDb()).event.findFirstOrThrow({ where: { sessionId, eventType: "candidate.reviewed" } });
    expect(event.data).toEqual({ interviewId, reviewerId: owner.id, rating: 4, decision: "advance", changes: ["rating", "decision", "note"], reviewedAt: res.json.review.reviewedAt });

    // The same again, and an empty body: 200, nothing changed, nothing published.
    for (const body of [{ rating: 4, decision: "advance" }, {}]) {
      const again = await call(review.POST, "POST", sessionId, { key: ownerKey, body });
      expect(again.status).toBe(200);
      expect(again.json.changed).toEqual([]);
    }
    expect(await reviewedCount()).toBe(1);

    // null clears a field.
    const cleared = await call(review.POST, "POST", sessionId, { key: ownerKey, body: { decision: null } });
    expect(cleared.json).toMatchObject({ review: { rating: 4, decision: null }, changed: ["decision"] });
    expect(await reviewedCount()).toBe(2);

    const got = await call(session.GET, "GET", sessionId, { key: ownerKey });
    expect(got.status).toBe(200);
    expectDocumented(s.sessionDetail, got.json);
    expect(got.json.review).toEqual({ rating: 4, decision: null, note: "Invite to round two.", reviewedAt: expect.any(String) });
    const list = await call(sessions.GET, "GET", interviewId, { key: ownerKey });
    expectDocumented(s.sessionPage, list.json);
    expect(list.json.data[0].review).toMatchObject({ rating: 4, decision: null });
  });

  it("answers 400 for unknown fields, a non-object or invalid JSON, 415 for another type, 422 for a bad value", async () => {
    const before = await reviewedCount();
    const unknown = await call(review.POST, "POST", sessionId, { key: ownerKey, body: { rating: 5, score: 9 } });
    expect(unknown.status).toBe(400);
    expectDocumented(s.errorBody, unknown.json);
    expect(unknown.json.error.message).toBe('Unknown field "score": send only rating, decision, note.');
    expect((await call(review.POST, "POST", sessionId, { key: ownerKey, body: [5] })).status).toBe(400);
    expect((await call(review.POST, "POST", sessionId, { key: ownerKey, raw: "{rating: 5" })).status).toBe(400);
    expect((await call(review.POST, "POST", sessionId, { key: ownerKey, raw: "rating=5", headers: { "content-type": "application/x-www-form-urlencoded" } })).status).toBe(415);
    for (const [body, field] of [
      [{ rating: 7 }, "rating"],
      [{ decision: "yes" }, "decision"],
      [{ note: "tab is fine\tbut not \u001b[31m" }, "note"],
    ] as const) {
      const res = await call(review.POST, "POST", sessionId, { key: ownerKey, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys(res.json.error.fields)).toEqual([field]);
    }
    expect(await reviewedCount()).toBe(before);
  });

  it("is a 404 for another account's session and an unknown id, and a 403 cross-site with the cookie", async () => {
    const before = await reviewedCount();
    const rating = async () => (await (await getDb()).candidateSession.findUniqueOrThrow({ where: { id: sessionId } })).rating;
    const ratingBefore = await rating();
    for (const [key, id] of [
      [strangerKey, sessionId],
      [ownerKey, randomUUID()],
      [ownerKey, "1 OR 1=1"],
    ] as const) {
      const res = await call(review.POST, "POST", id, { key, body: { rating: 1 } });
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe("NOT_FOUND");
    }
    // Whatever the body: the session is not theirs.
    for (const body of [{ rating: 9, bogus: true }, [1], {}]) expect((await call(review.POST, "POST", sessionId, { key: strangerKey, body })).status).toBe(404);
    expect((await call(session.GET, "GET", sessionId, { key: strangerKey })).status).toBe(404);
    cookieUser = owner;
    try {
      const res = await call(review.POST, "POST", sessionId, { body: { rating: 1 }, headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
      expect(res.status).toBe(403);
    } finally {
      cookieUser = null;
    }
    expect(await reviewedCount()).toBe(before);
    expect(await rating()).toBe(ratingBefore);
  });
});
