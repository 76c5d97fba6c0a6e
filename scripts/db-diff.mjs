// `npm run db:diff [-- REV]`: prints the SQL that takes the database from the schema at git
// revision REV (default HEAD) to the working-tree prisma/schema.prisma. Compares two schema
// files, so no database is involved: Prisma's shadow-database diff fails both on PGlite
// (multi-statement scripts) and on PostgreSQL through the JS engine (see docs/decisions).
// Save the output as prisma/migrations/<timestamp>_<name>/migration.sql and commit it with
// the schema change.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const rev = process.argv[2] ?? "HEAD";
const dir = mkdtempSync(path.join(os.tmpdir(), "db-diff-"));
try {
  const previous = execFileSync("git", ["show", `${rev}:prisma/schema.prisma`], { encoding: "utf8" });
  const from = path.join(dir, "schema.prisma");
  writeFileSync(from, previous);
  const res = spawnSync(
    "npx",
    ["prisma", "migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  process.exitCode = res.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
