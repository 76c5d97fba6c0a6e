// Runs before each test file: gives the file a database of its own and a media directory.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { admin, baseUrl, templateName, uniqueName, withDatabase } from "./test-db";

// Remember the server's own URL before this file points DATABASE_URL at its clone.
if (!process.env.TEST_DATABASE_URL && process.env.DATABASE_URL) {
  process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
}
const url = baseUrl();
let dbName: string | undefined;
const dataDir = mkdtempSync(path.join(os.tmpdir(), "intervue-test-"));
process.env.DATA_DIR = dataDir;
process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";

if (url) {
  dbName = uniqueName("t");
  const template = templateName(url);
  await admin(url, async (c) => {
    // Cloning needs the template to be idle for a moment; concurrent files may collide.
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE "${dbName}" TEMPLATE "${template}"`);
        return;
      } catch (err) {
        if (attempt >= 20 || !/being accessed by other users/.test((err as Error).message)) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  process.env.DATABASE_URL = withDatabase(url, dbName);
} else {
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DIR = `memory://${uniqueName("t")}`;
  const { migrate } = await import("@/lib/db/migrate");
  await migrate();
}

afterAll(async () => {
  const { closeDb } = await import("@/lib/db/client");
  await closeDb();
  if (url && dbName) await admin(url, (c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
  rmSync(dataDir, { recursive: true, force: true });
});
