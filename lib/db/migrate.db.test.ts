import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDbHandle } from "./client";
import { listMigrations, migrate } from "./migrate";

describe("migrate", () => {
  it("is idempotent and records Prisma-compatible checksums", async () => {
    const again = await migrate();
    expect(again.applied).toEqual([]);
    const files = await listMigrations();
    expect(again.total).toBe(files.length);
    const db = await getDbHandle();
    const rows = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, f] of files.entries()) {
      expect(rows[i]!.checksum).toBe(createHash("sha256").update(f.sql).digest("hex"));
      expect(rows[i]!.finished_at).not.toBeNull();
    }
  });

  it("enforces what the Prisma schema cannot: one live account per email, storage never negative", async () => {
    const db = await getDbHandle();
    await db.query(`INSERT INTO users (id, email, full_name, updated_at) VALUES (gen_random_uuid(), 'dup@example.com', 'A', now())`);
    await expect(
      db.query(`INSERT INTO users (id, email, full_name, updated_at) VALUES (gen_random_uuid(), 'dup@example.com', 'B', now())`),
    ).rejects.toThrow(/users_email_active_key/);
    await db.query(`UPDATE users SET deleted_at = now() WHERE email = 'dup@example.com'`);
    await db.query(`INSERT INTO users (id, email, full_name, updated_at) VALUES (gen_random_uuid(), 'dup@example.com', 'C', now())`);
    await expect(db.query(`UPDATE users SET storage_used = -1 WHERE full_name = 'C'`)).rejects.toThrow(
      /users_storage_used_nonnegative/,
    );
  });
});
