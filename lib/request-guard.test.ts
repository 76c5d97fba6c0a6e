import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT, guardRequest, isDecodablePath, jsonDepth } from "./request-guard";

const action = (body: string, headers: Record<string, string> = {}) =>
  new Request("http://localhost/sign-up", {
    method: "POST",
    body,
    headers: { "next-action": "405a9d", "content-type": "text/plain;charset=UTF-8", origin: "http://localhost", host: "localhost", ...headers },
  });

async function statusOf(req: Request, path = "/sign-up") {
  const res = await guardRequest(req, path);
  if (!res) return 0;
  expect((await res.json()).error.message).toBeTruthy();
  return res.status;
}

describe("undecodable paths", () => {
  it.each(["/api/files/avatars/%zz", "/api/%", "/api/files/avatars/%c0%ae%c0%ae/x", "/events/%E0%A4%A"])("%s is a 400", async (path) => {
    expect(isDecodablePath(path)).toBe(false);
    expect(await statusOf(new Request("http://localhost/"), path)).toBe(400);
  });
  it("ordinary escapes pass", () => expect(isDecodablePath("/api/files/avatars/a%20b/%E2%9C%93.png")).toBe(true));
});

describe("Server Action calls", () => {
  it("lets React's own JSON argument list through", async () => {
    expect(await statusOf(action(JSON.stringify([{ fullName: "Ada", email: "a@b.co" }])))).toBe(0);
  });
  it.each([
    ["non-JSON", "not json"],
    ["empty", ""],
    ["not an argument list", '{"a":1}'],
    ["5,000-deep nesting", "[".repeat(5000) + "]".repeat(5000)],
  ])("answers a %s body with 400", async (_, body) => {
    expect(await statusOf(action(body))).toBe(400);
  });
  it("answers over 1 MB with 413", async () => {
    expect(await statusOf(action(JSON.stringify(["x".repeat(ACTION_BODY_LIMIT)])))).toBe(413);
  });
  it("answers another site's call with 403", async () => {
    expect(await statusOf(action("[]", { origin: "http://evil.example" }))).toBe(403);
  });
  it("leaves requests without Next-Action alone", async () => {
    expect(await guardRequest(new Request("http://localhost/sign-up", { method: "POST", body: "x" }), "/sign-up")).toBeNull();
  });
  it("counts depth outside strings only", () => {
    expect(jsonDepth('[{"a":"[[[[{{{"}]')).toBe(2);
    expect(jsonDepth('["\\"[["]')).toBe(1);
  });
});
