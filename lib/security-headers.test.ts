import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { newNonce, pageCsp } from "./security-headers";
import { proxy } from "@/proxy";

describe("page CSP", () => {
  it("allows scripts by nonce only: no 'unsafe-inline' for scripts in production", () => {
    const csp = pageCsp({ nonce: "abc", dev: false });
    const script = csp.split("; ").find((d) => d.startsWith("script-src"))!;
    expect(script).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it("a fresh nonce per request, in the response and in the request header Next.js reads", async () => {
    const a = await proxy(new NextRequest("http://localhost/dashboard"));
    const b = await proxy(new NextRequest("http://localhost/dashboard"));
    const csp = a.headers.get("content-security-policy")!;
    expect(csp).toMatch(/'nonce-[A-Za-z0-9+/=]{24}'/);
    expect(csp).not.toBe(b.headers.get("content-security-policy"));
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(newNonce()).not.toBe(newNonce());
  });

  it("HSTS over HTTPS only", async () => {
    expect((await proxy(new NextRequest("https://app.example/dashboard"))).headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect((await proxy(new NextRequest("http://localhost/dashboard"))).headers.get("strict-transport-security")).toBeNull();
  });
});
