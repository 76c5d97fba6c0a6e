// The AI analysis switch through the REST API: POST defaults it to true and takes false, PATCH
// switches it on a published interview without a new version, and a value that is not a
// boolean is a 422 naming the field in words an integrator can act on.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { User } from "@/lib/generated/prisma/client";
import { createAccount } from "@/tests/fixtures";

vi.mock("@/lib/auth/current-user", () => ({
  getCurrentUser: async () => null,
  requireApiUser: async () => null,
}));

const s = await import("@/lib/openapi/schemas");
const { createApiKey } = await import("@/lib/server/api-keys/create-api-key");
const { setPlan } = await import("@/lib/server/quotas/set-plan");
const interviews = await import("../route");
const interview = await import("./route");
const publish = await import("./publish/route");

type Handler = (req: NextRequest, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;

let owner: User;
let key: string;

async function call(handler: Handler, method: string, path: string, o: { body?: unknown; id?: string } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  let body: string | undefined;
  if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    headers["content-type"] = "application/json";
  }
  const res = await handler(new NextRequest(`http://localhost${path}`, { method, body, headers }), { params: Promise.resolve({ id: o.id ?? "" }) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

const QUESTIONS = [{ prompt: "Tell us about a system you designed." }];

beforeAll(async () => {
  owner = await createAccount();
  await setPlan({ input: { email: owner.email, plan: "pro" } }); // more than the free plan's 3 interviews
  key = (await createApiKey({ actor: owner, input: { name: "tests" } })).key;
});

describe("aiAnalysis in /api/v1/interviews", () => {
  it("defaults to true, can be created off, and switches on a published interview without a new version", async () => {
    const on = await call(interviews.POST, "POST", "/api/v1/interviews", { body: { title: "On", questions: QUESTIONS } });
    expect(on.status).toBe(201);
    expect(s.interviewView.parse(on.json).aiAnalysis).toBe(true);

    const off = await call(interviews.POST, "POST", "/api/v1/interviews", { body: { title: "Off", aiAnalysis: false, questions: QUESTIONS } });
    expect(off.status).toBe(201);
    expect(off.json.aiAnalysis).toBe(false);

    const path = `/api/v1/interviews/${on.json.id}`;
    expect((await call(publish.POST, "POST", `${path}/publish`, { id: on.json.id })).status).toBe(200);
    const patched = await call(interview.PATCH, "PATCH", path, { id: on.json.id, body: { aiAnalysis: false } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ aiAnalysis: false, status: "published", version: 1 });
    const got = await call(interview.GET, "GET", path, { id: on.json.id });
    expect(got.json.aiAnalysis).toBe(false);
    expect(got.json.versions).toHaveLength(1);
  });

  it.each([["a string", "false"], ["a number", 1], ["null", null]])("refuses %s with 422 and a readable message on the field", async (_label, value) => {
    const created = await call(interviews.POST, "POST", "/api/v1/interviews", { body: { title: "Bad", questions: QUESTIONS } });
    const res = await call(interview.PATCH, "PATCH", `/api/v1/interviews/${created.json.id}`, { id: created.json.id, body: { aiAnalysis: value } });
    expect(res.status).toBe(422);
    expect(res.json.error.fields).toEqual({ aiAnalysis: ["Choose whether to analyse answers with AI: true or false."] });
    const post = await call(interviews.POST, "POST", "/api/v1/interviews", { body: { title: "Bad", aiAnalysis: value, questions: QUESTIONS } });
    expect(post.status).toBe(422);
    expect(post.json.error.fields.aiAnalysis).toEqual(["Choose whether to analyse answers with AI: true or false."]);
    // Nothing changed.
    expect((await call(interview.GET, "GET", `/api/v1/interviews/${created.json.id}`, { id: created.json.id })).json.aiAnalysis).toBe(true);
  });
});
