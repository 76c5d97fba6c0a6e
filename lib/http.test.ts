import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "./errors";
import { readJson, route } from "./http";

const schema = z.object({ fullName: z.string().min(1, "Enter a name.") });
const handler = route(async (req) => Response.json(await readJson(req, schema)));

function post(body: string, type = "application/json", headers: Record<string, string> = {}) {
  return new NextRequest("http://localhost/api/x", { method: "POST", body, headers: { "content-type": type, ...headers } });
}

describe("route + readJson", () => {
  it("answers malformed JSON with 400 and a readable message", async () => {
    const res = await handler(post("{not json"), {});
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe("The request body is not valid JSON.");
  });

  it("answers a wrong content type with 415", async () => {
    const res = await handler(post("fullName=x", "application/x-www-form-urlencoded"), {});
    expect(res.status).toBe(415);
  });

  it("answers invalid fields with 422 listing them", async () => {
    const res = await handler(post(JSON.stringify({ fullName: "" })), {});
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields).toEqual({ fullName: ["Enter a name."] });
  });

  it("passes valid input through and echoes the request id", async () => {
    const res = await handler(post(JSON.stringify({ fullName: "Ada" }), undefined, { "x-request-id": "req-123" }), {});
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("req-123");
    expect(await res.json()).toEqual({ fullName: "Ada" });
  });

  it("maps expected errors to their status and hides unexpected ones", async () => {
    const expected = route(async () => {
      throw new AppError("CONFLICT", "Already there.");
    });
    const res1 = await expected(post("{}"), {});
    expect(res1.status).toBe(409);
    expect((await res1.json()).error.message).toBe("Already there.");

    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const unexpected = route(async () => {
      throw new Error("connection string postgres://secret@db leaked");
    });
    const res2 = await unexpected(post("{}"), {});
    expect(res2.status).toBe(500);
    const body = await res2.json();
    expect(body.error.message).not.toContain("secret");
    expect(body.error.message).toContain(body.error.requestId);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });
});

describe("body limits", () => {
  it("refuses a declared oversized JSON body with 413 before reading it", async () => {
    const big = JSON.stringify({ fullName: "x".repeat(100_000) });
    const res = await handler(post(big, "application/json", { "content-length": String(big.length) }), {});
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toMatch(/too large/);
  });

  it("stops reading a chunked body at the limit (no Content-Length)", async () => {
    let pulled = 0;
    const chunk = new TextEncoder().encode(" ".repeat(16 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        // 20 MB if the reader kept going.
        if (pulled > 20 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const req = new NextRequest("http://localhost/api/x", {
      method: "POST",
      body: stream,
      headers: { "content-type": "application/json" },
      duplex: "half",
    } as ConstructorParameters<typeof NextRequest>[1]);
    const res = await handler(req, {});
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(1024 * 1024);
  });

  it("answers invalid UTF-8 with 400", async () => {
    const req = new NextRequest("http://localhost/api/x", {
      method: "POST",
      body: new Uint8Array([0x7b, 0xff, 0x7d]),
      headers: { "content-type": "application/json" },
    });
    expect((await handler(req, {})).status).toBe(400);
  });

  it("answers 5,000-deep nesting with 4xx, not 500", async () => {
    const res = await handler(post("[".repeat(5000) + "]".repeat(5000)), {});
    expect(res.status).toBe(422);
  });

  it("answers an empty body with 400", async () => {
    expect((await handler(post(""), {})).status).toBe(400);
  });
});

describe("same-origin check on state-changing requests", () => {
  /** The shape of our API keys (lib/server/api-keys/api-key-token.ts). */
  const API_KEY = `ivk_${"A1b2_-".repeat(7)}x`;
  const ok = JSON.stringify({ fullName: "Ada" });
  it("refuses another site's page (Sec-Fetch-Site: cross-site or same-site)", async () => {
    for (const site of ["cross-site", "same-site"]) {
      const res = await handler(post(ok, undefined, { "sec-fetch-site": site, origin: "http://localhost:4000" }), {});
      expect(res.status).toBe(403);
      expect((await res.json()).error.message).toMatch(/another site/);
    }
  });

  it("refuses a foreign Origin when Sec-Fetch-Site is absent, including another port and null", async () => {
    for (const origin of ["http://evil.example", "http://localhost:4000", "null"]) {
      expect((await handler(post(ok, undefined, { origin, host: "localhost" }), {})).status).toBe(403);
    }
  });

  it("accepts the app's own pages, API keys and non-browser clients", async () => {
    expect((await handler(post(ok, undefined, { "sec-fetch-site": "same-origin", origin: "http://localhost" }), {})).status).toBe(200);
    expect((await handler(post(ok, undefined, { origin: "http://localhost", host: "localhost" }), {})).status).toBe(200);
    expect((await handler(post(ok, undefined, { origin: "http://evil.example", authorization: `Bearer ${API_KEY}` }), {})).status).toBe(200);
    expect((await handler(post(ok, undefined, { "sec-fetch-site": "cross-site", authorization: `bearer  ${API_KEY}` }), {})).status).toBe(200);
    expect((await handler(post(ok, undefined, { authorization: `Bearer ${API_KEY}` }), {})).status).toBe(200);
    expect((await handler(post(ok), {})).status).toBe(200);
  });

  it("checks requests with any other Authorization: a browser sends HTTP Basic credentials (staging) cross-site with the cookie", async () => {
    const basic = `Basic ${Buffer.from("staging:secret").toString("base64")}`;
    for (const authorization of [basic, "Bearer k", `Bearer ${API_KEY}x`, `Bearer ${API_KEY}, Basic x`]) {
      const headers = { "sec-fetch-site": "cross-site", origin: "http://evil.example", cookie: "next-auth.session-token=abc", authorization };
      expect((await handler(post(ok, undefined, headers), {})).status, authorization).toBe(403);
      expect((await handler(post(ok, undefined, { origin: "http://evil.example", host: "localhost", authorization }), {})).status, authorization).toBe(403);
    }
    // From the app's own pages it is fine.
    expect((await handler(post(ok, undefined, { "sec-fetch-site": "same-origin", authorization: basic, cookie: "x=1" }), {})).status).toBe(200);
  });

  it("does not check reads", async () => {
    const get = route(async () => Response.json({ ok: true }));
    const req = new NextRequest("http://localhost/api/x", { headers: { "sec-fetch-site": "cross-site" } });
    expect((await get(req, {})).status).toBe(200);
  });
});

describe("request ids", () => {
  it("replaces an oversized or odd X-Request-ID", async () => {
    for (const id of ["x".repeat(6000), "made up <b>", "a\u0000"]) {
      const headers = new Headers();
      try {
        headers.set("x-request-id", id);
      } catch {
        continue; // not even a valid header value
      }
      const res = await handler(post(JSON.stringify({ fullName: "Ada" }), undefined, { "x-request-id": id }), {});
      expect(res.headers.get("x-request-id")).not.toBe(id);
    }
  });
});
