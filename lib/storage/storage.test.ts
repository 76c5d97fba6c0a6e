import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LocalDiskStorage } from "./index";

const root = mkdtempSync(path.join(os.tmpdir(), "storage-test-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function text(stream: ReadableStream): Promise<string> {
  return new Response(stream).text();
}

describe("LocalDiskStorage", () => {
  const storage = new LocalDiskStorage(root);

  it("stores, reads whole and in ranges, and deletes", async () => {
    await storage.put("avatars", "u1/file.txt", new TextEncoder().encode("0123456789"));
    expect(await storage.stat("avatars", "u1/file.txt")).toEqual({ size: 10 });
    expect(await text((await storage.get("avatars", "u1/file.txt"))!.body)).toBe("0123456789");
    expect(await text((await storage.get("avatars", "u1/file.txt", { start: 2, end: 4 }))!.body)).toBe("234");
    await storage.delete("avatars", "u1/file.txt");
    expect(await storage.get("avatars", "u1/file.txt")).toBeNull();
  });

  it.each(["../etc/passwd", "u1/../../x", "/abs", "u1//x", ".hidden"])("refuses the key %s", async (key) => {
    await expect(storage.put("avatars", key, new Uint8Array([1]))).rejects.toThrow(/unsafe storage key/);
  });
});
