// POST /api/account/avatar: the body limit holds for a chunked body (no Content-Length), a
// file name with NUL is cleaned instead of crashing the insert, a cross-site post is refused.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { User } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db/client";
import { createAccount, TINY_PNG } from "@/tests/fixtures";

let user: User;
vi.mock("@/lib/auth/current-user", () => ({ requireApiUser: async () => user, getCurrentUser: async () => user }));
const { POST } = await import("./route");

function multipart(fileName: string, bytes: Uint8Array) {
  const form = new FormData();
  form.append("file", new File([bytes as Uint8Array<ArrayBuffer>], fileName, { type: "image/png" }));
  return form;
}

beforeAll(async () => {
  user = await createAccount();
});

describe("POST /api/account/avatar", () => {
  it("stops reading a chunked 20 MB body at the limit with 413", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        if (pulled > 20 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const req = new NextRequest("http://localhost/api/account/avatar", {
      method: "POST",
      body,
      headers: { "content-type": "multipart/form-data; boundary=x" },
      duplex: "half",
    } as ConstructorParameters<typeof NextRequest>[1]);
    const res = await POST(req, {});
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toMatch(/too large/);
    expect(pulled).toBeLessThan(4 * 1024 * 1024);
  });

  it("cleans a file name with NUL and broken Unicode instead of failing", async () => {
    const req = new NextRequest("http://localhost/api/account/avatar", { method: "POST", body: multipart("me\u0000\ud800.png", TINY_PNG) });
    const res = await POST(req, {});
    expect(res.status).toBe(201);
    const file = await (await getDb()).mediaFile.findFirstOrThrow({ where: { userId: user.id, deletedAt: null } });
    expect(file.fileName).toBe("me\ufffd.png");
  });

  it("refuses a post from another site (or another port of this one)", async () => {
    const req = new NextRequest("http://localhost/api/account/avatar", {
      method: "POST",
      body: multipart("x.png", TINY_PNG),
      headers: { origin: "http://localhost:4000", "sec-fetch-site": "same-site" },
    });
    expect((await POST(req, {})).status).toBe(403);
  });
});
