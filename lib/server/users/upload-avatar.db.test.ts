import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { sniffImageType, uploadAvatar } from "./upload-avatar";
import { createAccount, TINY_PNG } from "@/tests/fixtures";

const onDisk = (key: string) => path.resolve(env.DATA_DIR, "media", "avatars", ...key.split("/"));

describe("sniffImageType", () => {
  it("knows images by their bytes, not their name", () => {
    expect(sniffImageType(TINY_PNG)).toBe("image/png");
    expect(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffImageType(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "))).toBe("image/webp");
    expect(sniffImageType(new TextEncoder().encode("GIF89a"))).toBe("image/gif");
    expect(sniffImageType(new TextEncoder().encode("<svg onload=alert(1)>"))).toBeNull();
  });
});

describe("uploadAvatar", () => {
  it("stores the image, records it and replaces the previous one", async () => {
    const user = await createAccount();
    const first = await uploadAvatar({ actor: user, file: { bytes: TINY_PNG, name: "me.png" } });
    expect(first.user.avatarUrl).toBe(`/api/files/avatars/${first.media.path}`);
    expect(first.media).toMatchObject({ kind: "avatar", status: "ready", mimeType: "image/png", originalSize: BigInt(TINY_PNG.length) });
    expect(existsSync(onDisk(first.media.path))).toBe(true);

    const second = await uploadAvatar({ actor: user, file: { bytes: TINY_PNG, name: "me2.png" } });
    expect(second.previous?.id).toBe(first.media.id);
    const old = await (await getDb()).mediaFile.findUniqueOrThrow({ where: { id: first.media.id } });
    expect(old.status).toBe("deleted");
    expect(old.deletedAt).toBeInstanceOf(Date);
    expect(existsSync(onDisk(first.media.path))).toBe(false);
    expect(existsSync(onDisk(second.media.path))).toBe(true);
  });

  it.each([
    ["a text file named .png", new TextEncoder().encode("hello, not an image"), 415, /not a PNG, JPEG, WebP or GIF/],
    ["an empty file", new Uint8Array(), 400, /Choose an image/],
    ["an image over the limit", Buffer.concat([TINY_PNG, Buffer.alloc(env.AVATAR_MAX_BYTES)]), 413, /too large. The limit is 2 MB/],
  ])("refuses %s and keeps the old avatar", async (_name, bytes, status, message) => {
    const user = await createAccount();
    const kept = await uploadAvatar({ actor: user, file: { bytes: TINY_PNG, name: "kept.png" } });
    const err = await uploadAvatar({ actor: user, file: { bytes, name: "evil.png" } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(status);
    expect((err as AppError).message).toMatch(message);
    const db = await getDb();
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.avatarUrl).toBe(kept.user.avatarUrl);
    expect(await db.mediaFile.count({ where: { userId: user.id } })).toBe(1);
    expect(existsSync(onDisk(kept.media.path))).toBe(true);
  });

  it("stores an image streamed in, and stops a stream over the limit without leaving a file", async () => {
    const user = await createAccount();
    const streamOf = (...chunks: Uint8Array[]) => new Response(new Blob(chunks.map((c) => new Uint8Array(c)))).body!;
    const streamed = await uploadAvatar({ actor: user, file: { stream: streamOf(TINY_PNG.subarray(0, 5), TINY_PNG.subarray(5)), name: "s.png" } });
    expect(streamed.media.originalSize).toBe(BigInt(TINY_PNG.length));
    expect(new Uint8Array(readFileSync(onDisk(streamed.media.path)))).toEqual(new Uint8Array(TINY_PNG));

    const tooBig = streamOf(TINY_PNG, new Uint8Array(env.AVATAR_MAX_BYTES));
    const err = await uploadAvatar({ actor: user, file: { stream: tooBig, name: "big.png" } }).catch((e: unknown) => e);
    expect((err as AppError).status).toBe(413);
    const userDir = path.dirname(onDisk(streamed.media.path));
    expect(readdirSync(userDir)).toEqual([path.basename(streamed.media.path)]);
    expect(readdirSync(path.resolve(env.DATA_DIR, "media", ".tmp"))).toEqual([]);
    const db = await getDb();
    expect(await db.mediaFile.count({ where: { userId: user.id } })).toBe(1);
  });
});
