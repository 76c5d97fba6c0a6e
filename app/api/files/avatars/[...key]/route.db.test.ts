// GET /api/files/avatars/…: malformed keys are a 404 without touching the database, and a
// deleted account's avatar is no longer served.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { uploadAvatar } from "@/lib/server/users/upload-avatar";
import { deleteAccount } from "@/lib/server/users/delete-account";
import { createAccount, TINY_PNG } from "@/tests/fixtures";
import { GET } from "./route";

const get = (key: string[]) =>
  GET(new NextRequest(`http://localhost/api/files/avatars/${key.join("/")}`), { params: Promise.resolve({ key }) });

describe("GET /api/files/avatars/[...key]", () => {
  it.each([[["a", "b\u0000"]], [["..", "..", "etc", "passwd"]], [["x".repeat(3000)]], [["\ud800"]]])("answers %j with 404", async (key) => {
    const res = await get(key);
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toBeTruthy();
  });

  it("serves a live avatar, and not once its account is deleted", async () => {
    const user = await createAccount();
    const { user: updated } = await uploadAvatar({ actor: user, file: { bytes: new Uint8Array(TINY_PNG), name: "a.png" } });
    const key = new URL(updated.avatarUrl!, "http://x").pathname.replace("/api/files/avatars/", "").split("/");
    expect((await get(key)).status).toBe(200);
    await deleteAccount({ actor: user, input: { confirmEmail: user.email } });
    expect((await get(key)).status).toBe(404);
  });
});
