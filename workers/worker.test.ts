import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const dataDir = mkdtempSync(path.join(os.tmpdir(), "worker-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it("refuses to open the embedded PGlite database, with a message saying why and what to do", async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.PGLITE_DIR;
  const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["scripts/worker.mjs"],
      { cwd: root, env },
      (error, _stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stderr }),
    );
  });
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("npm run worker needs PostgreSQL (set DATABASE_URL)");
  expect(result.stderr).toContain(path.join(dataDir, "pglite"));
  // It did not create (or lock) the directory.
  expect(() => rmSync(path.join(dataDir, "pglite"))).toThrow();
});
