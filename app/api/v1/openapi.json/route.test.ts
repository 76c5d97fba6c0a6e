// The OpenAPI document: valid OpenAPI 3.1 for an independent parser, and complete: every route
// file under app/api/v1 (found on disk, so a new route without documentation fails here) and
// every method it exports is an operation, each with its error responses.
import { readdirSync } from "node:fs";
import path from "node:path";
import { compileErrors, validate } from "@readme/openapi-parser";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET } from "./route";

const V1 = path.resolve(import.meta.dirname, "..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every route.ts under app/api/v1 as its URL path in OpenAPI form ([id] → {id}). */
function routeFiles(dir = V1): { file: string; path: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    if (entry.name !== "route.ts") return [];
    const rel = path.relative(V1, dir).split(path.sep).filter(Boolean);
    return [{ file: full, path: ["/api/v1", ...rel.map((seg) => seg.replace(/^\[(\w+)\]$/, "{$1}"))].join("/") }];
  });
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- walking a JSON document

async function fetchDocument(): Promise<Json> {
  const res = await GET(new NextRequest("http://localhost/api/v1/openapi.json"), {});
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  return res.json();
}

describe("GET /api/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const doc = await fetchDocument();
    expect(doc.openapi).toBe("3.1.0");
    const result = await validate(structuredClone(doc) as Parameters<typeof validate>[0]);
    expect(result.valid ? "" : compileErrors(result)).toBe("");
    expect(result.warnings).toEqual([]);
  });

  it("documents every route file and method under app/api/v1", async () => {
    const doc = await fetchDocument();
    const files = routeFiles();
    expect(files.length).toBeGreaterThanOrEqual(9);
    const expected: string[] = [];
    for (const { file, path: url } of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const method of METHODS) if (typeof mod[method] === "function") expected.push(`${method} ${url}`);
    }
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([url, item]) =>
      Object.keys(item)
        .filter((k) => (METHODS as readonly string[]).includes(k.toUpperCase()))
        .map((m) => `${m.toUpperCase()} ${url}`),
    );
    expect(documented.sort()).toEqual(expected.sort());
    for (const contract of [
      "GET /api/v1/interviews",
      "POST /api/v1/interviews",
      "GET /api/v1/interviews/{id}",
      "PATCH /api/v1/interviews/{id}",
      "DELETE /api/v1/interviews/{id}",
      "POST /api/v1/interviews/{id}/publish",
      "POST /api/v1/interviews/{id}/close",
      "POST /api/v1/interviews/{id}/invitations",
      "GET /api/v1/interviews/{id}/invitations",
      "GET /api/v1/interviews/{id}/sessions",
      "GET /api/v1/sessions/{id}",
    ]) {
      expect(expected).toContain(contract);
    }
  });

  it("lists the error responses of every authenticated operation, and both security schemes", async () => {
    const doc = await fetchDocument();
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["apiKey", "sessionCookie"]);
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({ type: "apiKey", in: "cookie" });
    for (const [url, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
      for (const [method, op] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${url}`;
        expect(op.responses["500"], where).toBeDefined();
        if (op.security?.length === 0) continue; // the document itself is public
        expect(op.responses["401"], where).toBeDefined();
        if (url.includes("{id}")) expect(op.responses["404"], where).toBeDefined();
        if (op.requestBody) {
          for (const status of ["400", "413", "415", "422"]) expect(op.responses[status], `${where} ${status}`).toBeDefined();
        }
        for (const [status, res] of Object.entries(op.responses as Record<string, Json>)) {
          if (Number(status) >= 400) expect(res.content["application/json"].schema.$ref, `${where} ${status}`).toBe("#/components/schemas/Error");
        }
      }
    }
  });

  it("describes the request bodies integrators rely on, from the shared zod schemas", async () => {
    const doc = await fetchDocument();
    const create = doc.paths["/api/v1/interviews"].post.requestBody.content["application/json"].schema;
    expect(create.required).toEqual(expect.arrayContaining(["title", "questions"]));
    expect(Object.keys(create.properties)).toEqual(
      expect.arrayContaining(["title", "description", "language", "deadline", "questions"]),
    );
    expect(create.properties.language.enum).toEqual(["en", "ru"]);
    const question = create.properties.questions.items;
    expect(Object.keys(question.properties).sort()).toEqual(
      ["maxCharacters", "maxSeconds", "prompt", "retakes", "rubric", "thinkSeconds", "type"].sort(),
    );
    expect(question.properties.thinkSeconds).toMatchObject({ minimum: 0, maximum: 300 });
    expect(question.properties.maxSeconds).toMatchObject({ minimum: 15, maximum: 600 });
    expect(question.properties.rubric.items.required).toEqual(["name", "description", "weight"]);
    const invite = doc.paths["/api/v1/interviews/{id}/invitations"].post.requestBody.content["application/json"].schema;
    expect(invite.properties.candidates).toMatchObject({ maxItems: 1000, items: { required: ["email"] } });
    const publish = doc.components.schemas.PublishResult;
    expect(publish.required).toEqual(expect.arrayContaining(["publicLink", "expiresAt"]));
    const results = doc.components.schemas.InvitationResult;
    expect(results.properties.status.enum).toEqual(["invited", "error"]);
  });
});
