// Applies prisma/migrations/*/migration.sql in order, on PGlite and PostgreSQL alike.
// It keeps Prisma's own _prisma_migrations table (same columns, same sha256 checksums), so a
// database migrated here is also up to date for `prisma migrate deploy`, and vice versa.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { getDbHandle } from "./client";

const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma", "migrations");
// Arbitrary constant: serialises concurrent migrators (several app instances starting at once).
const LOCK_KEY = 72_460_113;

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export type MigrationResult = { applied: string[]; total: number };

export async function listMigrations(dir = MIGRATIONS_DIR) {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

export async function migrate(): Promise<MigrationResult> {
  const handle = await getDbHandle();
  const migrations = await listMigrations();
  return handle.withConnection(async (db) => {
  if (handle.kind === "postgresql") await db.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
  try {
    await db.exec(CREATE_TABLE);
    const done = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const byName = new Map(done.map((r) => [r.migration_name, r]));
    const applied: string[] = [];
    for (const m of migrations) {
      const prior = byName.get(m.name);
      if (prior?.finished_at) {
        if (prior.checksum !== m.checksum) {
          console.warn(`[migrate] ${m.name} was changed after it was applied (checksum differs)`);
        }
        continue;
      }
      if (prior) {
        throw new Error(
          `Migration ${m.name} failed earlier and was left half-applied. Fix the database by hand, then mark it rolled back.`,
        );
      }
      const id = randomUUID();
      // Each migration runs in its own transaction: either all of it is applied or none.
      await db.exec(`BEGIN;\n${m.sql}\n;COMMIT;`).catch(async (err) => {
        await db.exec("ROLLBACK").catch(() => {});
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`);
      });
      await db.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ($1, $2, $3, now(), 1)`,
        [id, m.checksum, m.name],
      );
      applied.push(m.name);
    }
    return { applied, total: migrations.length };
  } finally {
    if (handle.kind === "postgresql") await db.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
  }
  });
}
