// /api/v1/webhooks through its route handlers: an API key registers an endpoint (201, the secret
// once), lists and gets it without the secret, deletes it (204); bad input is a readable 4xx;
// another account gets 404 for everything of the first; a cookie request from another site is
// refused.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { User } from "@/lib/generated/prisma/client";
import { createAccount } from "@/tests/fixtures";

let cookieUser: User | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => cookieUser, requireApiUser: async () => cookieUser }));

const { createApiKey } = await import("@/lib/server/api-keys/create-api-key");
const collection = await import("./route");
const one = await import("./[id]/route");
const deliveries = await import("./[id]/deliveries/route");

type Handler = (req: NextRequest, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;

async function call(handler: Handler, method: string, o: { key?: string; body?: unknown; raw?: string; id?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...o.headers };
  if (o.key) headers.authorization = `Bearer ${o.key}`;
  let body: string | undefined = o.raw;
  if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    headers["content-type"] ??= "application/json";
  }
  const res = await handler(new NextRequest(`http://localhost/api/v1/webhooks${o.id ? `/${o.id}` : ""}`, { method, body, headers }), {
    params: Promise.resolve({ id: o.id ?? "" }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

let owner: User;
let ownerKey: string;
let strangerKey: string;

beforeAll(async () => {
  owner = await createAccount();
  const stranger = await createAccount();
  ownerKey = (await createApiKey({ actor: owner, input: { name: "ATS" } })).key;
  strangerKey = (await createApiKey({ actor: stranger, input: { name: "ATS" } })).key;
});

describe("/api/v1/webhooks", () => {
  it("registers, lists, gets and deletes; the secret only in the 201", async () => {
    // The address guard is on here (WEBHOOKS_ALLOW_PRIVATE unset): a public literal address,
    // to which this test delivers nothing.
    const created = await call(collection.POST, "POST", { key: ownerKey, body: { url: "https://93.184.215.14/hooks/intervue", eventTypes: ["candidate.completed"] } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ url: "https://93.184.215.14/hooks/intervue", eventTypes: ["candidate.completed"], enabled: true, secret: expect.stringMatching(/^whsec_/) });
    const id = created.json.id as string;

    const list = await call(collection.GET, "GET", { key: ownerKey });
    expect(list.status).toBe(200);
    expect(list.json.data.map((e: { id: string }) => e.id)).toContain(id);
    expect(JSON.stringify(list.json)).not.toContain("whsec_");
    const got = await call(one.GET, "GET", { key: ownerKey, id });
    expect(got.status).toBe(200);
    expect(got.json).not.toHaveProperty("secret");
    expect((await call(deliveries.GET, "GET", { key: ownerKey, id })).json).toEqual({ data: [] });

    for (const [handler, method] of [[one.GET, "GET"], [one.DELETE, "DELETE"], [deliveries.GET, "GET"]] as const) {
      const res = await call(handler, method, { key: strangerKey, id });
      expect(res.status, method).toBe(404);
      expect(res.json.error.message).toBe("This webhook endpoint does not exist or was deleted.");
    }
    expect((await call(collection.GET, "GET", { key: strangerKey })).json.data).toEqual([]);

    expect((await call(one.DELETE, "DELETE", { key: ownerKey, id })).status).toBe(204);
    expect((await call(one.GET, "GET", { key: ownerKey, id })).status).toBe(404);
  });

  it("answers bad input with readable 4xx", async () => {
    const bad = async (body: unknown) => call(collection.POST, "POST", { key: ownerKey, body });
    const types = await bad({ url: "https://93.184.215.14/", eventTypes: ["candidate.hired"] });
    expect(types.status).toBe(422);
    expect(types.json.error.fields["eventTypes.0"][0]).toMatch(/^Unknown event type "candidate.hired": choose from user.authenticated, /);
    const loopback = await bad({ url: "https://127.0.0.1:8080/", eventTypes: ["candidate.completed"] });
    expect(loopback.status).toBe(422);
    expect(loopback.json.error.fields.url).toEqual(["127.0.0.1 is a private, loopback or otherwise internal address: webhooks go to public addresses only."]);
    expect((await bad({ url: "https://93.184.215.14/\u0000", eventTypes: ["candidate.completed"] })).json.error.fields.url).toEqual(["Remove the control characters (such as NUL) from this field."]);
    expect((await bad({ url: "https://93.184.215.14/", eventTypes: ["candidate.completed"], extra: 1 })).status).toBe(422);
    expect((await call(collection.POST, "POST", { key: ownerKey, raw: "{", headers: { "content-type": "application/json" } })).status).toBe(400);
    expect((await call(collection.POST, "POST", { key: ownerKey, raw: "{}", headers: { "content-type": "text/plain" } })).status).toBe(415);
    expect((await call(collection.POST, "POST", { key: ownerKey, raw: JSON.stringify({ url: "x".repeat(20_000) }), headers: { "content-type": "application/json" } })).status).toBe(413);
    expect((await call(collection.GET, "GET", { key: "ivk_nope" })).status).toBe(401);
  });

  it("refuses a cookie request from another site", async () => {
    cookieUser = owner;
    try {
      const res = await call(collection.POST, "POST", {
        body: { url: "https://93.184.215.14/", eventTypes: ["candidate.completed"] },
        headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      });
      expect(res.status).toBe(403);
    } finally {
      cookieUser = null;
    }
  });
});
