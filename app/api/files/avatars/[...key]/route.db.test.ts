// GET /api/files/avatars/…: malformed keys are a 404 without touching the database; an avatar
// is its owner's only, and a deleted account's is no longer served.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { uploadAvatar } from "@/lib/server/users/upload-avatar";
import { deleteAccount } from "@/lib/server/users/delete-account";
import { getAvatarFile } from "@/lib/server/users/get-avatar-file";
import { createAccount, TINY_PNG } from "@/tests/fixtures";
import { GET } from "./route";

const get = (key: string[]) =>
  GET(new NextRequest(`http://localhost/api/files/avatars/${key.join("/")}`), { params: Promise.resolve({ key }) });

async function notFound(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).status).toBe(404);
}

describe("GET /api/files/avatars/[...key]", () => {
  it.each([[["a", "b\u0000"]], [["..", "..", "etc", "passwd"]], [["x".repeat(3000)]], [["\ud800"]]])("answers %j with 404", async (key) => {
    const res = await get(key);
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toBeTruthy();
  });

  it("serves an avatar to its owner only, and to no one once the account is deleted", async () => {
    const user = await createAccount();
    const stranger = await createAccount();
    const { user: updated } = await uploadAvatar({ actor: user, file: { bytes: new Uint8Array(TINY_PNG), name: "a.png" } });
    const key = new URL(updated.avatarUrl!, "http://x").pathname.replace("/api/files/avatars/", "");
    expect(await getAvatarFile({ viewer: user, key })).toMatchObject({ bucket: "avatars", key, mimeType: "image/png" });
    await notFound(getAvatarFile({ viewer: stranger, key }));
    await notFound(getAvatarFile({ viewer: null, key }));
    await deleteAccount({ actor: user, input: { confirmEmail: user.email } });
    await notFound(getAvatarFile({ viewer: user, key }));
  });
});
