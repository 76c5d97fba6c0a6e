// /api/inngest in both modes. lib/env.ts reads process.env once, at import, so each test sets
// the variables and imports the route afresh.
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";

const INNGEST_VARS = ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "INNGEST_DEV", "INNGEST_BASE_URL"] as const;

async function loadRoute(vars: Partial<Record<(typeof INNGEST_VARS)[number], string>>) {
  for (const name of INNGEST_VARS) vi.stubEnv(name, vars[name]);
  vi.resetModules();
  const mod = await import("./route");
  const registry = await import("@/inngest");
  return { ...mod, registry };
}

const request = (method: string, body?: string) =>
  new NextRequest("http://localhost:3000/api/inngest", {
    method,
    body,
    headers: { "content-type": "application/json", "x-request-id": "req-inngest-route" },
  });

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

const message =
  "Inngest is not configured; consumer functions run on the embedded runner. Set INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY (or INNGEST_DEV=1 for the Dev Server) to use Inngest.";

describe("/api/inngest without Inngest configuration", () => {
  it("GET answers 200 with the engine in use and the registered function ids", async () => {
    const { GET, registry } = await loadRoute({});
    const res = await GET(request("GET"), {});
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("req-inngest-route");
    const body = await res.json();
    expect(body).toEqual({
      engine: "embedded",
      message,
      functions: registry.functions.map((f) => f.opts.id),
    });
    expect(body.functions).toContain("audit-log");
  });

  it.each(["POST", "PUT"] as const)("%s answers 503 in the app's error body", async (method) => {
    const route = await loadRoute({ INNGEST_DEV: "0" });
    const res = await route[method](request(method, "{}"), {});
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      error: { code: "INNGEST_NOT_CONFIGURED", message, requestId: "req-inngest-route" },
    });
  });
});

describe("/api/inngest serves this process's share of the functions (EVENT_RUNNER_FUNCTIONS)", () => {
  it("lists and serves only the placed functions, in both modes", async () => {
    vi.stubEnv("EVENT_RUNNER_FUNCTIONS", "audit-log,init-quotas");
    const embedded = await loadRoute({});
    expect((await (await embedded.GET(request("GET"), {})).json()).functions).toEqual(["audit-log", "init-quotas"]);
    vi.stubEnv("EVENT_RUNNER_FUNCTIONS", "audit-log,init-quotas");
    const dev = await loadRoute({ INNGEST_DEV: "1" });
    expect(await (await dev.GET(request("GET"), {})).json()).toMatchObject({ mode: "dev", function_count: 2 });
  });
});

describe("/api/inngest with Inngest configured", () => {
  it("is the Inngest SDK's handler (Dev Server mode introspection on GET)", async () => {
    const { GET, registry } = await loadRoute({ INNGEST_DEV: "1" });
    const res = await GET(request("GET"), {});
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.engine).toBeUndefined();
    expect(body).toMatchObject({ mode: "dev", function_count: registry.functions.length });
  });
});

describe("/api/inngest in Inngest cloud mode", () => {
  it.each(["GET", "POST", "PUT"] as const)("%s answers 500 naming INNGEST_SIGNING_KEY (not the SDK's bare error)", async (method) => {
    const route = await loadRoute({ INNGEST_EVENT_KEY: "evt-key" });
    const res = await route[method](request(method, method === "GET" ? undefined : "{}"), {});
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.error.code).toBe("INNGEST_SIGNING_KEY_MISSING");
    expect(body.error.message).toMatch(/INNGEST_SIGNING_KEY is not/);
  });

  it("with both keys it is the SDK's handler (cloud mode: an unsigned GET is refused)", async () => {
    const { GET } = await loadRoute({ INNGEST_EVENT_KEY: "evt-key", INNGEST_SIGNING_KEY: "signkey-test-0123456789abcdef" });
    const res = await GET(request("GET"), {});
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: "Unauthorized" });
  });
});
