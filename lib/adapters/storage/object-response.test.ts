import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalDiskStorage } from "./local-disk";
import { objectResponse } from "./object-response";

const root = mkdtempSync(path.join(os.tmpdir(), "object-response-"));
const storage = new LocalDiskStorage(root);
const headers = { "content-type": "image/png" };

beforeAll(() => storage.put("avatars", "u/a.png", new Response("0123456789").body!));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("objectResponse", () => {
  it("serves the whole object without a Range header", async () => {
    const res = (await objectResponse(storage, "avatars", "u/a.png", { rangeHeader: null, headers }))!;
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.headers)).toMatchObject({ "content-type": "image/png", "content-length": "10", "accept-ranges": "bytes" });
    expect(res.headers.get("content-range")).toBeNull();
    expect(await res.text()).toBe("0123456789");
  });

  it.each([
    ["bytes=2-4", "bytes 2-4/10", "234"],
    ["bytes=7-", "bytes 7-9/10", "789"],
    ["bytes=-2", "bytes 8-9/10", "89"],
  ])("answers %s with 206", async (rangeHeader, contentRange, body) => {
    const res = (await objectResponse(storage, "avatars", "u/a.png", { rangeHeader, headers }))!;
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(contentRange);
    expect(res.headers.get("content-length")).toBe(String(body.length));
    expect(await res.text()).toBe(body);
  });

  it("answers a range past the end with 416 and the size", async () => {
    const res = (await objectResponse(storage, "avatars", "u/a.png", { rangeHeader: "bytes=10-", headers }))!;
    expect(res.status).toBe(416);
    expect(res.headers.get("content-range")).toBe("bytes */10");
  });

  it("answers null for a missing object", async () => {
    expect(await objectResponse(storage, "avatars", "u/missing.png", { rangeHeader: "bytes=0-1", headers })).toBeNull();
  });
});
