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
