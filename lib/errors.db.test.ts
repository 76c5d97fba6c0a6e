import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { toErrorBody } from "./errors";

describe("toErrorBody", () => {
  it("answers text PostgreSQL cannot store (NUL) with 400, not 500", async () => {
    const db = await getDb();
    const err = await db.mediaFile.findFirst({ where: { path: "a\u0000b" } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { status, body } = toErrorBody(err, "req-1");
    warn.mockRestore();
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/cannot be stored/);
  });
});
