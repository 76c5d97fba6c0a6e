// The public REST API end to end through its route handlers (called as functions with a
// NextRequest): API-key and cookie authentication, the same-origin rule, every route's happy
// path (responses validated against the OpenAPI response schemas, undocumented fields
// included), bad input, and a second account getting 404 for everything of the first.
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import type { User } from "@/lib/generated/prisma/client";
import { getStorage } from "@/lib/adapters/storage";
import { getDb } from "@/lib/db/client";
import { createAccount } from "@/tests/fixtures";

let cookieUser: User | null = null;
vi.mock("@/lib/auth/current-user", () => ({
  getCurrentUser: async () => cookieUser,
  requireApiUser: async () => cookieUser,
}));

const s = await import("@/lib/openapi/schemas");
const { createApiKey } = await import("@/lib/server/api-keys/create-api-key");
const { revokeApiKey } = await import("@/lib/server/api-keys/revoke-api-key");
const { setPlan } = await import("@/lib/server/quotas/set-plan");
const interviews = await import("./interviews/route");
const interview = await import("./interviews/[id]/route");
const publish = await import("./interviews/[id]/publish/route");
const close = await import("./interviews/[id]/close/route");
const invitations = await import("./interviews/[id]/invitations/route");
const sessions = await import("./interviews/[id]/sessions/route");
const session = await import("./sessions/[id]/route");
const me = await import("./me/route");
const media = await import("../media/[...path]/route");

/** Bytes standing for a recording: 1,000 distinct-enough bytes, so ranges can be checked. */
const RECORDING = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) % 256));

/** GETs a playback URL through the media route handler. */
async function play(url: string, headers: Record<string, string> = {}) {
  const u = new URL(url);
  const segments = u.pathname.replace(/^\/api\/media\//, "").split("/").map(decodeURIComponent);
  const res = await media.GET(new NextRequest(u, { headers }), { params: Promise.resolve({ path: segments }) });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

type Handler = (req: NextRequest, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;

type CallOptions = {
  key?: string;
  body?: unknown;
  raw?: BodyInit;
  headers?: Record<string, string>;
  id?: string;
  query?: string;
};

async function call(handler: Handler, method: string, path: string, o: CallOptions = {}) {
  const headers: Record<string, string> = { ...o.headers };
  if (o.key) headers.authorization = `Bearer ${o.key}`;
  let body: BodyInit | undefined = o.raw;
  if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    headers["content-type"] ??= "application/json";
  }
  const req = new NextRequest(`http://localhost${path}${o.query ?? ""}`, { method, body, headers });
  const res = await handler(req, { params: Promise.resolve({ id: o.id ?? "" }) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

/** The body is valid for the documented schema and has no field the schema does not list. */
function expectDocumented(schema: z.ZodType, body: unknown) {
  const parsed = schema.safeParse(body);
  expect(parsed.success ? null : parsed.error.issues).toBeNull();
  expect(parsed.data).toEqual(body);
}

const validInterview = {
  title: "Backend engineer",
  description: "Go and PostgreSQL.",
  language: "ru",
  deadline: "2099-12-31T18:00:00Z",
  questions: [
    {
      prompt: "Tell us about a system you designed.",
      type: "video",
      thinkSeconds: 20,
      maxSeconds: 180,
      retakes: 2,
      rubric: [{ name: "Clarity", description: "Explains trade-offs.", weight: 3 }],
    },
    { prompt: "Which index would you add?", type: "text", maxCharacters: 500 },
  ],
};

let owner: User;
let stranger: User;
let ownerKey: string;
let strangerKey: string;

async function createViaApi(input: unknown = validInterview, key = ownerKey) {
  const res = await call(interviews.POST, "POST", "/api/v1/interviews", { key, body: input });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as z.infer<typeof s.interviewView>;
}

beforeAll(async () => {
  owner = await createAccount();
  stranger = await createAccount();
  await setPlan({ input: { email: owner.email, plan: "pro" } });
  await setPlan({ input: { email: stranger.email, plan: "pro" } });
  ownerKey = (await createApiKey({ actor: owner, input: { name: "tests" } })).key;
  strangerKey = (await createApiKey({ actor: stranger, input: { name: "tests" } })).key;
});

describe("authentication", () => {
  it("refuses a request without credentials with 401 and a readable message", async () => {
    const res = await call(interviews.GET, "GET", "/api/v1/interviews");
    expect(res.status).toBe(401);
    expectDocumented(s.errorBody, res.json);
    expect(res.json.error).toMatchObject({ code: "UNAUTHORIZED", message: expect.stringMatching(/API key/) });
  });

  it("refuses a revoked key with 401 'This API key was revoked.' on every route, writing nothing", async () => {
    const { key, apiKey } = await createApiKey({ actor: owner, input: { name: "soon revoked" } });
    const created = await createViaApi(validInterview, key);
    await revokeApiKey({ actor: owner, apiKeyId: apiKey.id });
    const before = await (await getDb()).interview.count({ where: { userId: owner.id } });
    const res = await call(interviews.POST, "POST", "/api/v1/interviews", { key, body: validInterview });
    expect(res.status).toBe(401);
    expect(res.json.error.message).toMatch(/^This API key was revoked\./);
    expect((await call(interview.GET, "GET", "/api/v1/interviews/x", { key, id: created.id })).status).toBe(401);
    expect((await call(me.GET, "GET", "/api/v1/me", { key })).status).toBe(401);
    expect(await (await getDb()).interview.count({ where: { userId: owner.id } })).toBe(before);
  });

  it("GET /api/v1/me answers the key's account", async () => {
    const res = await call(me.GET, "GET", "/api/v1/me", { key: ownerKey });
    expect(res.status).toBe(200);
    expectDocumented(s.accountResponse, res.json);
    expect(res.json.account.id).toBe(owner.id);
  });

  it("a script with an API key and no Origin header may change state", async () => {
    const res = await call(interviews.POST, "POST", "/api/v1/interviews", { key: ownerKey, body: validInterview });
    expect(res.status).toBe(201);
  });

  it("the cookie works for same-origin browser requests and requests without Origin", async () => {
    cookieUser = owner;
    try {
      const same = await call(interviews.POST, "POST", "/api/v1/interviews", {
        body: validInterview,
        headers: { origin: "http://localhost", "sec-fetch-site": "same-origin" },
      });
      expect(same.status).toBe(201);
      const list = await call(interviews.GET, "GET", "/api/v1/interviews", { headers: { "sec-fetch-site": "cross-site" } });
      // A cross-site GET is answered, but the browser keeps the body from the other site (no CORS).
      expect(list.status).toBe(200);
      expect(list.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      cookieUser = null;
    }
  });

  it("refuses a cross-site browser request carrying the cookie with 403, writing nothing", async () => {
    cookieUser = owner;
    try {
      const db = await getDb();
      const before = await db.interview.count({ where: { userId: owner.id } });
      for (const headers of [
        { origin: "https://evil.example", "sec-fetch-site": "cross-site" } as Record<string, string>,
        { origin: "http://localhost:4000", "sec-fetch-site": "same-site" },
        { origin: "https://evil.example" },
      ]) {
        const res = await call(interviews.POST, "POST", "/api/v1/interviews", { body: validInterview, headers });
        expect(res.status, JSON.stringify(headers)).toBe(403);
        expect(res.json.error.code).toBe("FORBIDDEN");
      }
      const created = await createViaApi();
      const del = await call(interview.DELETE, "DELETE", "/api/v1/interviews/x", {
        id: created.id,
        headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      });
      expect(del.status).toBe(403);
      expect(await db.interview.count({ where: { userId: owner.id } })).toBe(before + 1);
    } finally {
      cookieUser = null;
    }
  });
});

describe("POST /api/v1/interviews", () => {
  it("creates the interview with its questions: 201, its id, a Location header, the documented shape", async () => {
    const res = await call(interviews.POST, "POST", "/api/v1/interviews", { key: ownerKey, body: validInterview });
    expect(res.status).toBe(201);
    expectDocumented(s.interviewView, res.json);
    expect(res.headers.get("location")).toBe(`/api/v1/interviews/${res.json.id}`);
    expect(res.json).toMatchObject({
      title: "Backend engineer",
      language: "ru",
      status: "draft",
      deadline: "2099-12-31T18:00:00.000Z",
      publicLink: null,
      version: 1,
    });
    expect(res.json.questions).toEqual([
      expect.objectContaining({ position: 1, type: "video", thinkSeconds: 20, maxSeconds: 180, maxCharacters: null, retakes: 2 }),
      expect.objectContaining({ position: 2, type: "text", maxSeconds: null, maxCharacters: 500 }),
    ]);
    const row = await (await getDb()).interview.findUniqueOrThrow({ where: { id: res.json.id } });
    expect(row.userId).toBe(owner.id);
  });

  it.each([
    ["no questions", { ...validInterview, questions: [] }, "questions", /at least one question/],
    ["questions missing", { title: "T" }, "questions", /question/],
    ["an empty title", { ...validInterview, title: "   " }, "title", /title/],
    ["think time 301 s", { ...validInterview, questions: [{ prompt: "Q", thinkSeconds: 301 }] }, "questions.0.thinkSeconds", /at most 300/],
    ["answer time 10 s", { ...validInterview, questions: [{ prompt: "Q", maxSeconds: 10 }] }, "questions.0.maxSeconds", /at least 15/],
    ["11 minutes", { ...validInterview, questions: [{ prompt: "Q", maxSeconds: 660 }] }, "questions.0.maxSeconds", /at most 600/],
    ["4 retakes", { ...validInterview, questions: [{ prompt: "Q", retakes: 4 }] }, "questions.0.retakes", /at most 3/],
    [
      "a weight of 11",
      { ...validInterview, questions: [{ prompt: "Q", rubric: [{ name: "N", description: "D", weight: 11 }] }] },
      "questions.0.rubric.0.weight",
      /at most 10/,
    ],
    ["an unknown type", { ...validInterview, questions: [{ prompt: "Q", type: "audio" }] }, "questions.0.type", /video or text/],
    ["an unknown language", { ...validInterview, language: "de" }, "language", /English or Russian/],
    ["a malformed deadline", { ...validInterview, deadline: "tomorrow" }, "deadline", /date and time/],
    ["a NUL in the title", { ...validInterview, title: "a\u0000b" }, "title", /control characters/],
    ["not an object", [1, 2, 3], "_form", /./],
  ])("refuses %s with 422 and the field path, writing nothing", async (_label, body, field, message) => {
    const db = await getDb();
    const before = await db.interview.count({ where: { userId: owner.id } });
    const res = await call(interviews.POST, "POST", "/api/v1/interviews", { key: ownerKey, body });
    expect(res.status).toBe(422);
    expectDocumented(s.errorBody, res.json);
    expect(res.json.error.code).toBe("VALIDATION");
    expect(res.json.error.fields?.[field]?.join(" "), JSON.stringify(res.json.error.fields)).toMatch(message);
    expect(await db.interview.count({ where: { userId: owner.id } })).toBe(before);
  });

  it("refuses invalid JSON (400), another content type (415) and a body over 1 MB (413)", async () => {
    const bad = await call(interviews.POST, "POST", "/api/v1/interviews", {
      key: ownerKey,
      raw: '{"title": "x",',
      headers: { "content-type": "application/json" },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/not valid JSON/);
    const form = await call(interviews.POST, "POST", "/api/v1/interviews", {
      key: ownerKey,
      raw: "title=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    const huge = await call(interviews.POST, "POST", "/api/v1/interviews", {
      key: ownerKey,
      body: { ...validInterview, description: "x".repeat(1024 * 1024 + 1) },
    });
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("says which plan limit was reached (403 QUOTA_EXCEEDED with details)", async () => {
    const free = await createAccount();
    const { key } = await createApiKey({ actor: free, input: { name: "free" } });
    for (let i = 0; i < 3; i++) await createViaApi(validInterview, key);
    const res = await call(interviews.POST, "POST", "/api/v1/interviews", { key, body: validInterview });
    expect(res.status).toBe(403);
    expectDocumented(s.errorBody, res.json);
    expect(res.json.error).toMatchObject({ code: "QUOTA_EXCEEDED", details: { limit: "interviews", used: 3, max: 3 } });
  });
});

describe("GET /api/v1/interviews", () => {
  it("lists the key owner's interviews with keyset pagination, never another account's", async () => {
    const lister = await createAccount();
    await setPlan({ input: { email: lister.email, plan: "pro" } });
    const { key } = await createApiKey({ actor: lister, input: { name: "list" } });
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await createViaApi({ ...validInterview, title: `I${i}` }, key)).id);
    await createViaApi(validInterview, strangerKey);

    const first = await call(interviews.GET, "GET", "/api/v1/interviews", { key, query: "?limit=2" });
    expect(first.status).toBe(200);
    expectDocumented(s.interviewPage, first.json);
    expect(first.json.data.map((i: { id: string }) => i.id)).toEqual([ids[2], ids[1]]);
    expect(first.json.data[0]).toMatchObject({ questionsCount: 2, counts: { total: 0 } });
    const second = await call(interviews.GET, "GET", "/api/v1/interviews", {
      key,
      query: `?limit=2&cursor=${encodeURIComponent(first.json.nextCursor)}`,
    });
    expect(second.json.data.map((i: { id: string }) => i.id)).toEqual([ids[0]]);
    expect(second.json.nextCursor).toBeNull();
  });

  it("refuses a bad limit or status (422 with the field) and a forged cursor (400)", async () => {
    const limit = await call(interviews.GET, "GET", "/api/v1/interviews", { key: ownerKey, query: "?limit=0" });
    expect(limit.status).toBe(422);
    expect(limit.json.error.fields.limit).toBeDefined();
    const status = await call(interviews.GET, "GET", "/api/v1/interviews", { key: ownerKey, query: "?status=archived" });
    expect(status.status).toBe(422);
    expect(status.json.error.fields.status).toBeDefined();
    const cursor = await call(interviews.GET, "GET", "/api/v1/interviews", { key: ownerKey, query: "?cursor=bm9wZQ" });
    expect(cursor.status).toBe(400);
  });
});

describe("one interview: get, update, publish, invite, close, delete", () => {
  it("walks the lifecycle through the API", async () => {
    const created = await createViaApi();
    const path = `/api/v1/interviews/${created.id}`;

    const got = await call(interview.GET, "GET", path, { key: ownerKey, id: created.id });
    expect(got.status).toBe(200);
    expectDocumented(s.interviewDetail, got.json);
    expect(got.json).toMatchObject({ id: created.id, versions: [{ number: 1, questionsCount: 2 }], counts: { total: 0 } });

    const patched = await call(interview.PATCH, "PATCH", path, { key: ownerKey, id: created.id, body: { title: "Senior backend engineer" } });
    expect(patched.status).toBe(200);
    expectDocumented(s.interviewView, patched.json);
    expect(patched.json.title).toBe("Senior backend engineer");

    const badPatch = await call(interview.PATCH, "PATCH", path, {
      key: ownerKey,
      id: created.id,
      body: { questions: [{ prompt: "Q" }, { prompt: "R", type: "text", maxCharacters: 20 }] },
    });
    expect(badPatch.status).toBe(422);
    expect(Object.keys(badPatch.json.error.fields)).toEqual(["questions.1.maxCharacters"]);
    const emptyPatch = await call(interview.PATCH, "PATCH", path, { key: ownerKey, id: created.id, body: { questions: [] } });
    expect(emptyPatch.status).toBe(422);
    expect(emptyPatch.json.error.fields.questions).toBeDefined();

    const invitedEarly = await call(invitations.POST, "POST", `${path}/invitations`, {
      key: ownerKey,
      id: created.id,
      body: { candidates: [{ email: "early@example.com", name: "Early Bird" }] },
    });
    expect(invitedEarly.status).toBe(201);

    const published = await call(publish.POST, "POST", `${path}/publish`, { key: ownerKey, id: created.id });
    expect(published.status).toBe(200);
    expectDocumented(s.publishResult, published.json);
    expect(published.json.publicLink).toMatch(/\/i\/[A-Za-z0-9_-]{22,}$/);
    expect(published.json.expiresAt).toBe("2099-12-31T18:00:00.000Z");
    expect(published.json.interview.status).toBe("published");
    const again = await call(publish.POST, "POST", `${path}/publish`, { key: ownerKey, id: created.id });
    expect(again.status).toBe(409);

    const invited = await call(invitations.POST, "POST", `${path}/invitations`, {
      key: ownerKey,
      id: created.id,
      body: {
        candidates: [
          { email: "Ada@Example.com", name: "Ada Lovelace" },
          { email: "not-an-email", name: "Nobody" },
          { email: "ada@example.com", name: "Ada again" },
          { email: "early@example.com", name: "Early Bird" },
          { email: "alan@example.com" },
        ],
      },
    });
    expect(invited.status).toBe(201);
    expectDocumented(s.invitationResults, invited.json);
    expect(invited.json.results.map((r: { email: string; status: string }) => [r.email, r.status])).toEqual([
      ["ada@example.com", "invited"],
      ["not-an-email", "error"],
      ["ada@example.com", "error"],
      ["early@example.com", "error"],
      ["alan@example.com", "invited"],
    ]);
    expect(invited.json.results[1].message).toMatch(/not a valid email/);
    expect(invited.json.results[0].invitationId).toEqual(expect.any(String));

    const noneInvited = await call(invitations.POST, "POST", `${path}/invitations`, {
      key: ownerKey,
      id: created.id,
      body: { candidates: [{ email: "ada@example.com", name: "Ada" }, { email: "@", name: "x" }] },
    });
    expect(noneInvited.status).toBe(200);
    expect(noneInvited.json.results.every((r: { status: string }) => r.status === "error")).toBe(true);

    const listed = await call(invitations.GET, "GET", `${path}/invitations`, { key: ownerKey, id: created.id, query: "?sort=email&order=asc" });
    expect(listed.status).toBe(200);
    expectDocumented(s.candidatePage, listed.json);
    expect(listed.json.data.map((c: { email: string }) => c.email)).toEqual(["ada@example.com", "alan@example.com", "early@example.com"]);
    const badSort = await call(invitations.GET, "GET", `${path}/invitations`, { key: ownerKey, id: created.id, query: "?sort=salary" });
    expect(badSort.status).toBe(422);
    expect(badSort.json.error.fields.sort).toBeDefined();

    const closed = await call(close.POST, "POST", `${path}/close`, { key: ownerKey, id: created.id });
    expect(closed.status).toBe(200);
    expectDocumented(s.interviewView, closed.json);
    expect(["closed", "completed"]).toContain(closed.json.status);
    const lateInvite = await call(invitations.POST, "POST", `${path}/invitations`, {
      key: ownerKey,
      id: created.id,
      body: { candidates: [{ email: "late@example.com", name: "Late" }] },
    });
    expect(lateInvite.status).toBe(409);
    expect(lateInvite.json.error.message).toMatch(/closed/);

    const deleted = await call(interview.DELETE, "DELETE", path, { key: ownerKey, id: created.id });
    expect(deleted.status).toBe(204);
    expect(deleted.json).toBeNull();
    const gone = await call(interview.GET, "GET", path, { key: ownerKey, id: created.id });
    expect(gone.status).toBe(404);
  });

  it("refuses 10,000 candidates in one request with 422, inviting nobody", async () => {
    const created = await createViaApi();
    const candidates = Array.from({ length: 10_000 }, (_, i) => ({ email: `c${i}@example.com`, name: `C ${i}` }));
    const res = await call(invitations.POST, "POST", `/api/v1/interviews/${created.id}/invitations`, {
      key: ownerKey,
      id: created.id,
      body: { candidates },
    });
    expect(res.status).toBe(422);
    expect(res.json.error.fields.candidates.join(" ")).toMatch(/at most 1,000/);
    expect(await (await getDb()).invitation.count({ where: { interviewId: created.id } })).toBe(0);
  });

  it("takes the largest valid request: 1,000 candidates with 254-character emails and 200-character Cyrillic names (~680 KB)", async () => {
    const created = await createViaApi();
    const db = await getDb();
    // The owner is on the pro plan (no candidate limit).
    const domain = `${"x".repeat(63)}.${"y".repeat(63)}.${"z".repeat(57)}.com`;
    const candidates = Array.from({ length: 1000 }, (_, i) => ({ email: `${String(i).padStart(64, "a")}@${domain}`, name: "Я".repeat(200) }));
    expect(candidates[0]!.email).toHaveLength(254);
    const body = JSON.stringify({ candidates });
    expect(Buffer.byteLength(body)).toBeGreaterThan(600 * 1024);
    const res = await call(invitations.POST, "POST", `/api/v1/interviews/${created.id}/invitations`, {
      key: ownerKey,
      id: created.id,
      raw: body,
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(201);
    expect(await db.invitation.count({ where: { interviewId: created.id } })).toBe(1000);
  });

  it("refuses an invitations body that is not a list, invalid JSON and a body over 1 MB", async () => {
    const created = await createViaApi();
    const path = `/api/v1/interviews/${created.id}/invitations`;
    const notList = await call(invitations.POST, "POST", path, { key: ownerKey, id: created.id, body: { candidates: "ada@example.com" } });
    expect(notList.status).toBe(422);
    expect(notList.json.error.fields.candidates).toBeDefined();
    const empty = await call(invitations.POST, "POST", path, { key: ownerKey, id: created.id, body: { candidates: [] } });
    expect(empty.status).toBe(422);
    const badJson = await call(invitations.POST, "POST", path, {
      key: ownerKey,
      id: created.id,
      raw: "{candidates:[]}",
      headers: { "content-type": "application/json" },
    });
    expect(badJson.status).toBe(400);
    const huge = await call(invitations.POST, "POST", path, {
      key: ownerKey,
      id: created.id,
      body: { candidates: [{ email: "a@example.com", name: "x".repeat(1024 * 1024) }] },
    });
    expect(huge.status).toBe(413);
  });
});

/** An answer nothing has analysed yet (no rows); a written one is analysed without a model when no provider is configured (none in tests). */
const PENDING = { status: "pending", summary: null, sentiment: null, skills: [], criteria: [], model: null, promptVersion: null } as const;
const PENDING_RECORDING = { ...PENDING, kind: "model" };
const PENDING_WRITTEN = { ...PENDING, kind: "no-model" };
const SESSION_PENDING = { status: "pending", overallScore: null, summary: null, model: null, promptVersion: null, completedAt: null };

describe("sessions", () => {
  async function seedSessions() {
    const created = await createViaApi();
    await call(publish.POST, "POST", `/api/v1/interviews/${created.id}/publish`, { key: ownerKey, id: created.id });
    const db = await getDb();
    const row = await db.interview.findUniqueOrThrow({ where: { id: created.id } });
    const questions = await db.question.findMany({ where: { versionId: row.currentVersionId! }, orderBy: { position: "asc" } });
    const at = (m: number) => new Date(Date.UTC(2026, 10, 1, 9, m));
    const mk = (email: string, status: "started" | "in_progress" | "completed", answeredCount: number, m: number) =>
      db.candidateSession.create({
        data: {
          interviewId: created.id,
          versionId: row.currentVersionId,
          candidateEmail: email,
          candidateName: email.split("@")[0]!,
          status,
          answeredCount,
          startedAt: at(m),
          completedAt: status === "completed" ? at(m + 20) : null,
        },
      });
    const a = await mk("a@example.com", "completed", 2, 0);
    const b = await mk("b@example.com", "in_progress", 1, 5);
    const c = await mk("c@example.com", "started", 0, 10);
    // a's recording: real bytes in storage where finaliseTake keeps them, and its MediaFile.
    const key = `responses/${row.userId}/${a.id}/${randomUUID()}.webm`;
    await getStorage().put("media", key, Readable.from([RECORDING]));
    const recording = await db.mediaFile.create({
      data: {
        userId: row.userId,
        kind: "response",
        status: "uploaded",
        bucket: "media",
        path: key,
        fileName: key.split("/").at(-1)!,
        mimeType: "video/webm;codecs=vp8,opus",
        originalSize: BigInt(RECORDING.length),
        durationSeconds: 95.4,
      },
    });
    // a: two attempts at the video question (the latest counts) and a text answer.
    await db.response.createMany({
      data: [
        { sessionId: a.id, questionId: questions[0]!.id, attempt: 1, status: "recording" },
        { sessionId: a.id, questionId: questions[0]!.id, attempt: 2, status: "uploaded", durationSeconds: 95, submittedAt: at(10), mediaFileId: recording.id },
        { sessionId: a.id, questionId: questions[1]!.id, attempt: 1, status: "ready", textAnswer: "A covering index.", submittedAt: at(15) },
        { sessionId: b.id, questionId: questions[0]!.id, attempt: 1, status: "uploaded", durationSeconds: 60, submittedAt: at(8) },
      ],
    });
    return { interviewId: created.id, questions, a, b, c };
  }

  it("lists sessions newest first with status and progress, keyset-paginated and filtered", async () => {
    const { interviewId, a, b, c } = await seedSessions();
    const path = `/api/v1/interviews/${interviewId}/sessions`;
    const first = await call(sessions.GET, "GET", path, { key: ownerKey, id: interviewId, query: "?limit=2" });
    expect(first.status).toBe(200);
    expectDocumented(s.sessionPage, first.json);
    expect(first.json.data.map((x: { id: string }) => x.id)).toEqual([c.id, b.id]);
    expect(first.json.data[1]).toMatchObject({
      candidateEmail: "b@example.com",
      status: "in_progress",
      version: 1,
      progress: { answered: 1, total: 2 },
      interviewId,
    });
    const second = await call(sessions.GET, "GET", path, {
      key: ownerKey,
      id: interviewId,
      query: `?limit=2&cursor=${first.json.nextCursor}`,
    });
    expect(second.json.data.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect(second.json.nextCursor).toBeNull();
    const completed = await call(sessions.GET, "GET", path, { key: ownerKey, id: interviewId, query: "?status=completed" });
    expect(completed.json.data.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect(completed.json.data[0].progress).toEqual({ answered: 2, total: 2 });
  });

  it("refuses bad list parameters with 422 and the field", async () => {
    const { interviewId } = await seedSessions();
    const path = `/api/v1/interviews/${interviewId}/sessions`;
    for (const [query, field] of [
      ["?limit=101", "limit"],
      ["?limit=abc", "limit"],
      ["?status=done", "status"],
      ["?cursor=garbage", "cursor"],
    ]) {
      const res = await call(sessions.GET, "GET", path, { key: ownerKey, id: interviewId, query });
      expect(res.status, query).toBe(422);
      expect(res.json.error.fields[field!], query).toBeDefined();
    }
  });

  it("answers one session with one answer per submitted question: the text, or the recording with a signed, seekable playback URL", async () => {
    const { questions, a, b, c } = await seedSessions();
    const res = await call(session.GET, "GET", `/api/v1/sessions/${a.id}`, { key: ownerKey, id: a.id });
    expect(res.status).toBe(200);
    expectDocumented(s.sessionDetail, res.json);
    // Issue 10's fields, plus the list's fields and issue 9's `responses`, kept for integrators.
    expect(Object.keys(res.json).sort()).toEqual([
      "analysis",
      "answers",
      "candidateEmail",
      "candidateName",
      "completedAt",
      "erasedAt",
      "id",
      "interviewId",
      "invitationId",
      "progress",
      "responses",
      "review",
      "startedAt",
      "status",
      "updatedAt",
      "version",
    ]);
    // responses: every question with its latest attempt, submitted or not.
    expect(res.json.responses).toMatchObject([
      { questionId: questions[0]!.id, type: "video", status: "uploaded", attempt: 2, textAnswer: null, durationSeconds: 95 },
      { questionId: questions[1]!.id, type: "text", status: "ready", attempt: 1, textAnswer: "A covering index." },
    ]);
    expect(res.json).toMatchObject({ version: 1, progress: { answered: 2, total: 2 }, invitationId: null });
    expect(res.json).toMatchObject({
      id: a.id,
      status: "completed",
      candidateName: "a",
      candidateEmail: "a@example.com",
      startedAt: "2026-11-01T09:00:00.000Z",
      completedAt: "2026-11-01T09:20:00.000Z",
    });
    // The take still recording (attempt 1) is not an answer; attempt 2 is.
    expect(res.json.answers).toEqual([
      {
        questionId: questions[0]!.id,
        type: "video",
        media: {
          status: "uploaded",
          size: RECORDING.length,
          processedSize: null,
          durationSeconds: 95.4,
          mimeType: "video/webm;codecs=vp8,opus",
          playbackUrl: expect.stringMatching(/^https?:\/\/[^/]+\/api\/media\/media\/responses\/.+\.webm\?exp=\d+&type=video%2Fwebm%3Bcodecs%3Dvp8%2Copus&sig=[\w-]{43}$/),
          // Not processed yet (this test runs no consumer): no poster, no flags.
          thumbnailUrl: null,
          flags: [],
          flagReasons: [],
        },
        analysis: PENDING_RECORDING,
      },
      { questionId: questions[1]!.id, type: "text", text: "A covering index.", analysis: PENDING_WRITTEN },
    ]);

    // The URL plays the stored bytes, whole and ranged, to anyone holding it (no key needed).
    const url = res.json.answers[0].media.playbackUrl as string;
    const whole = await play(url);
    expect(whole.status).toBe(200);
    expect(whole.body.equals(RECORDING)).toBe(true);
    expect(whole.headers.get("content-type")).toBe("video/webm;codecs=vp8,opus");
    expect(whole.headers.get("cache-control")).toMatch(/^private/);
    const ranged = await play(url, { range: "bytes=100-199" });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("content-range")).toBe(`bytes 100-199/${RECORDING.length}`);
    expect(ranged.body.equals(RECORDING.subarray(100, 200))).toBe(true);
    // Tampered: another signature, a later expiry, another type: the same 404 as a missing file.
    const u = new URL(url);
    const sig = u.searchParams.get("sig")!;
    const tampered = [
      url.replace(`sig=${sig}`, `sig=${sig.startsWith("A") ? "B" : "A"}${sig.slice(1)}`),
      url.replace(/exp=(\d+)/, (_, e: string) => `exp=${Number(e) + 3600}`),
      url.replace(/type=[^&]+/, "type=text%2Fhtml"),
    ];
    for (const bad of tampered) {
      const refused = await play(bad);
      expect(refused.status, bad).toBe(404);
      expect(refused.body.includes(RECORDING.subarray(0, 16))).toBe(false);
    }

    // b: a video answer submitted without a file (not possible through the app) shows no media.
    const partly = await call(session.GET, "GET", `/api/v1/sessions/${b.id}`, { key: ownerKey, id: b.id });
    expect(partly.json.answers).toEqual([{ questionId: questions[0]!.id, type: "video", analysis: PENDING_RECORDING }]);
    const fresh = await call(session.GET, "GET", `/api/v1/sessions/${c.id}`, { key: ownerKey, id: c.id });
    expectDocumented(s.sessionDetail, fresh.json);
    expect(fresh.json).toMatchObject({ status: "started", completedAt: null, answers: [] });
    expect(fresh.json.responses.map((r: { status: string; attempt: number | null }) => [r.status, r.attempt])).toEqual([
      ["unanswered", null],
      ["unanswered", null],
    ]);

    // A type stored before types were normalised (a tab after ';') answers as video/webm with a
    // URL that plays, not a 500 for the whole session.
    const db = await getDb();
    await db.mediaFile.updateMany({ where: { response: { sessionId: a.id } }, data: { mimeType: "video/webm;\tcodecs=vp8" } });
    const odd = await call(session.GET, "GET", `/api/v1/sessions/${a.id}`, { key: ownerKey, id: a.id });
    expect(odd.status).toBe(200);
    expect(odd.json.answers[0].media).toMatchObject({ mimeType: "video/webm", playbackUrl: expect.stringContaining("type=video%2Fwebm&") });
    const oddPlay = await play(odd.json.answers[0].media.playbackUrl as string);
    expect(oddPlay.status).toBe(200);
    expect(oddPlay.headers.get("content-type")).toBe("video/webm");

    // A deleted file keeps its answer without a URL.
    await db.mediaFile.updateMany({ where: { response: { sessionId: a.id } }, data: { status: "deleted", deletedAt: new Date() } });
    const deleted = await call(session.GET, "GET", `/api/v1/sessions/${a.id}`, { key: ownerKey, id: a.id });
    expectDocumented(s.sessionDetail, deleted.json);
    expect(deleted.json.answers[0].media).toMatchObject({ status: "deleted", playbackUrl: null });
  });

  it("shows each answer's analysis and the session's from the stored rows, in the contract's shape", async () => {
    const { questions, a, b, c } = await seedSessions();
    const db = await getDb();
    const first = await call(session.GET, "GET", `/api/v1/sessions/${a.id}`, { key: ownerKey, id: a.id });
    // No rows yet: every answer and the session are pending.
    expect(first.json.answers.map((x: { analysis: unknown }) => x.analysis)).toEqual([PENDING_RECORDING, PENDING_WRITTEN]);
    expect(first.json.analysis).toEqual(SESSION_PENDING);

    const [video, text] = await Promise.all(
      questions.map((q) => db.response.findFirstOrThrow({ where: { sessionId: a.id, questionId: q.id, submittedAt: { not: null } } })),
    );
    const userId = owner.id;
    const done = new Date(Date.UTC(2026, 10, 1, 9, 40));
    await db.analysis.createMany({
      data: [
        {
          userId,
          sessionId: a.id,
          responseId: video!.id,
          analysisType: "transcription",
          kind: "model",
          status: "completed",
          model: "whisper-1",
          inputHash: "h1",
          result: {
            text: "I designed a queue. It retried failed jobs.",
            language: "en",
            durationSec: 95.4,
            segments: [
              { start: 0, end: 2.5, text: "I designed a queue." },
              { start: 2.5, end: 5, text: "It retried failed jobs." },
            ],
          },
          completedAt: done,
        },
        {
          userId,
          sessionId: a.id,
          responseId: video!.id,
          analysisType: "scoring",
          kind: "model",
          status: "completed",
          model: "gpt-4o-mini",
          promptVersion: "answer-v1",
          inputHash: "h2",
          result: {
            summary: "Designed a job queue with retries.",
            sentiment: "positive",
            skills: ["system design", "queues"],
            criteria: [
              {
                name: "Clarity",
                score: 7,
                weight: 3,
                explanation: "Clear, brief.",
                evidence: [{ quote: "It retried failed jobs.", start: 2.5, end: 5 }],
                dropped: [],
              },
            ],
            explanation: "A clear but short answer.",
          },
          completedAt: done,
        },
        // The written answer: analysed without a model, with no scores.
        {
          userId,
          sessionId: a.id,
          responseId: text!.id,
          analysisType: "scoring",
          kind: "no-model",
          status: "completed",
          promptVersion: "no-model-v1",
          result: {
            summary: null,
            sentiment: "neutral",
            skills: [],
            criteria: [{ name: "Indexes", score: null, weight: 1, explanation: null, evidence: [{ quote: "index" }], dropped: [] }],
            explanation: null,
          },
          completedAt: done,
        },
        {
          userId,
          sessionId: a.id,
          analysisType: "summary",
          kind: "model",
          status: "completed",
          model: "gpt-4o-mini",
          promptVersion: "session-v1",
          overallScore: 7,
          result: { summary: "A solid candidate." },
          completedAt: done,
        },
        // b's recording could not be transcribed: no provider.
        {
          userId,
          sessionId: b.id,
          responseId: (await db.response.findFirstOrThrow({ where: { sessionId: b.id, submittedAt: { not: null } } })).id,
          analysisType: "transcription",
          kind: "model",
          status: "skipped",
          error: "Transcribing a recording needs an AI provider.",
        },
      ],
    });

    const res = await call(session.GET, "GET", `/api/v1/sessions/${a.id}`, { key: ownerKey, id: a.id });
    expect(res.status).toBe(200);
    expectDocumented(s.sessionDetail, res.json);
    expect(res.json.answers[0].analysis).toEqual({
      status: "completed",
      kind: "model",
      transcript: {
        text: "I designed a queue. It retried failed jobs.",
        segments: [
          { start: 0, end: 2.5, text: "I designed a queue." },
          { start: 2.5, end: 5, text: "It retried failed jobs." },
        ],
      },
      summary: "Designed a job queue with retries.",
      sentiment: "positive",
      skills: ["system design", "queues"],
      criteria: [{ name: "Clarity", score: 7, evidence: [{ quote: "It retried failed jobs.", start: 2.5, end: 5 }] }],
      model: "gpt-4o-mini",
      promptVersion: "answer-v1",
    });
    expect(res.json.answers[1].analysis).toEqual({
      status: "completed",
      kind: "no-model",
      summary: null,
      sentiment: "neutral",
      skills: [],
      criteria: [{ name: "Indexes", score: null, evidence: [{ quote: "index" }] }],
      model: null,
      promptVersion: "no-model-v1",
    });
    expect(res.json.analysis).toEqual({
      status: "completed",
      overallScore: 7,
      summary: "A solid candidate.",
      model: "gpt-4o-mini",
      promptVersion: "session-v1",
      completedAt: "2026-11-01T09:40:00.000Z",
    });

    const skipped = await call(session.GET, "GET", `/api/v1/sessions/${b.id}`, { key: ownerKey, id: b.id });
    expectDocumented(s.sessionDetail, skipped.json);
    expect(skipped.json.answers[0].analysis).toEqual({
      ...PENDING_RECORDING,
      status: "skipped",
      reason: "Transcribing a recording needs an AI provider.",
    });
    expect(skipped.json.analysis).toEqual(SESSION_PENDING);
    // Another session's rows never show on c.
    const fresh = await call(session.GET, "GET", `/api/v1/sessions/${c.id}`, { key: ownerKey, id: c.id });
    expect(fresh.json).toMatchObject({ answers: [], analysis: SESSION_PENDING });

    // Another account's key still gets the same 404, with no analysis in it.
    const theirs = await call(session.GET, "GET", `/api/v1/sessions/${a.id}`, { key: strangerKey, id: a.id });
    expect(theirs.status).toBe(404);
    expect(JSON.stringify(theirs.json)).not.toContain("solid candidate");
  });

  it("a session of a deleted interview and a malformed id are the same 404", async () => {
    const { interviewId, a } = await seedSessions();
    await call(interview.DELETE, "DELETE", `/api/v1/interviews/${interviewId}`, { key: ownerKey, id: interviewId });
    const gone = await call(session.GET, "GET", `/api/v1/sessions/${a.id}`, { key: ownerKey, id: a.id });
    const malformed = await call(session.GET, "GET", "/api/v1/sessions/1%20OR%201=1", { key: ownerKey, id: "1 OR 1=1" });
    expect(gone.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(malformed.json.error.message).toBe(gone.json.error.message);
  });
});

describe("another account's key", () => {
  it("gets 404 for every interview and session route of the first account, changing nothing", async () => {
    const created = await createViaApi();
    await call(invitations.POST, "POST", `/api/v1/interviews/${created.id}/invitations`, {
      key: ownerKey,
      id: created.id,
      body: { candidates: [{ email: "kept@example.com", name: "Kept" }] },
    });
    const db = await getDb();
    const row = await db.interview.findUniqueOrThrow({ where: { id: created.id } });
    const sess = await db.candidateSession.create({
      data: { interviewId: created.id, versionId: row.currentVersionId, candidateEmail: "kept@example.com", candidateName: "Kept" },
    });
    const id = created.id;
    const p = `/api/v1/interviews/${id}`;
    const attempts: [string, Handler, string, string, CallOptions][] = [
      ["GET interview", interview.GET, "GET", p, {}],
      ["PATCH interview", interview.PATCH, "PATCH", p, { body: { title: "Taken over" } }],
      ["DELETE interview", interview.DELETE, "DELETE", p, {}],
      ["publish", publish.POST, "POST", `${p}/publish`, {}],
      ["close", close.POST, "POST", `${p}/close`, {}],
      ["invite", invitations.POST, "POST", `${p}/invitations`, { body: { candidates: [{ email: "x@example.com", name: "X" }] } }],
      ["list candidates", invitations.GET, "GET", `${p}/invitations`, {}],
      ["list sessions", sessions.GET, "GET", `${p}/sessions`, {}],
    ];
    const messages = new Set<string>();
    for (const [label, handler, method, path, o] of attempts) {
      const res = await call(handler, method, path, { ...o, key: strangerKey, id });
      expect(res.status, label).toBe(404);
      expectDocumented(s.errorBody, res.json);
      messages.add(res.json.error.message);
    }
    // The same answer as for an interview that does not exist.
    const missing = await call(interview.GET, "GET", "/api/v1/interviews/x", { key: strangerKey, id: "00000000-0000-4000-8000-000000000000" });
    expect(messages).toEqual(new Set([missing.json.error.message]));
    const sessionRes = await call(session.GET, "GET", `/api/v1/sessions/${sess.id}`, { key: strangerKey, id: sess.id });
    expect(sessionRes.status).toBe(404);

    const after = await db.interview.findUniqueOrThrow({ where: { id } });
    expect(after).toMatchObject({ title: row.title, status: "draft", deletedAt: null });
    expect(await db.invitation.count({ where: { interviewId: id } })).toBe(1);
    // The stranger's own list does not show it either.
    const theirs = await call(interviews.GET, "GET", "/api/v1/interviews", { key: strangerKey, query: "?limit=100" });
    expect(theirs.json.data.map((i: { id: string }) => i.id)).not.toContain(id);
  });
});
