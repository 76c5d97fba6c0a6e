// The sign-in endpoint before next-auth: bad bodies are 4xx, not 500s, and the throttle
// cannot be skipped by changing the body's format or the claimed address.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { FREE_FAILURES_PER_PAIR } from "@/lib/auth/rate-limit";
import { GET, POST } from "./route";

const ctx = (...parts: string[]) => ({ params: Promise.resolve({ nextauth: parts }) });
const url = "http://localhost:3000/api/auth/callback/credentials";

function post(body: BodyInit, type: string, headers: Record<string, string> = {}) {
  return new NextRequest(url, { method: "POST", body, headers: { "content-type": type, ...headers } });
}

describe("POST /api/auth/callback/credentials", () => {
  it("answers a JSON body (well-formed or not) with 415, never 500", async () => {
    for (const body of ["{", JSON.stringify({ email: "a@b.co", password: "x", json: "true" })]) {
      const res = await POST(post(body, "application/json"), ctx("callback", "credentials"));
      expect(res.status).toBe(415);
      expect((await res.json()).error.message).toMatch(/x-www-form-urlencoded/);
    }
  });

  it("refuses a 20 MB body with 413 without reading it all", async () => {
    const big = "email=a%40b.co&password=" + "x".repeat(20 * 1024 * 1024);
    const res = await POST(post(big, "application/x-www-form-urlencoded"), ctx("callback", "credentials"));
    expect(res.status).toBe(413);
  });

  it("refuses a cross-site post with 403", async () => {
    const res = await POST(
      post("email=a%40b.co&password=x", "application/x-www-form-urlencoded", { "sec-fetch-site": "cross-site" }),
      ctx("callback", "credentials"),
    );
    expect(res.status).toBe(403);
  });

  it("throttles by the real address: a forged X-Forwarded-For does not reset it", async () => {
    const email = `throttle-${Date.now()}@example.com`;
    const db = await getDb();
    // Without a configured proxy and outside a real server, every request here is "unknown".
    await db.authAttempt.createMany({
      data: Array.from({ length: FREE_FAILURES_PER_PAIR }, () => ({ email, ip: "unknown", success: false })),
    });
    const res = await POST(
      post(`email=${encodeURIComponent(email)}&password=guess`, "application/x-www-form-urlencoded", {
        "x-forwarded-for": "203.0.113.99",
      }),
      ctx("callback", "credentials"),
    );
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    const body = await res.json();
    // A code in the link, not free text.
    expect(new URL(body.url).searchParams.get("error")).toMatch(/^RateLimited:\d+$/);
  });
});

describe("GET /api/auth/callback/credentials", () => {
  it("is a 400 with a message, not a 500", async () => {
    const res = await GET(new NextRequest(url), ctx("callback", "credentials"));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBeTruthy();
  });
});

describe("unknown next-auth actions", () => {
  it("are a JSON 404 with a message, not next-auth's plain-text 400", async () => {
    for (const parts of [["nope"], ["%00"], ["🙂", "x"]]) {
      const res = await GET(new NextRequest(`http://localhost:3000/api/auth/${parts.join("/")}`), ctx(...parts));
      expect(res.status).toBe(404);
      expect((await res.json()).error.message).toMatch(/no sign-in endpoint/);
      const post = await POST(new NextRequest(`http://localhost:3000/api/auth/${parts.join("/")}`, { method: "POST" }), ctx(...parts));
      expect(post.status).toBe(404);
    }
  });
});
