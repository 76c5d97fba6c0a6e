// `npm run worker` as a real process on the test's PostgreSQL database.
import { spawn } from "node:child_process";
import path from "node:path";
import { expect } from "vitest";
import { itOnPostgres } from "@/tests/postgres-only";
import { getDb } from "@/lib/db/client";
import { createAccount } from "@/tests/fixtures";

const root = path.resolve(import.meta.dirname, "..");

itOnPostgres("runs the consumers of events published by the web app, and stops cleanly on SIGTERM", async () => {
  const worker = spawn(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "workers/worker.ts"], {
    cwd: root,
    env: { ...process.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  worker.stdout.on("data", (c: Buffer) => (output += c.toString()));
  worker.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => worker.once("exit", (code) => resolve(code)));
  try {
    const deadline = Date.now() + 20_000;
    while (!output.includes("[worker] running (runner)")) {
      if (Date.now() > deadline) throw new Error(`worker did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const user = await createAccount();
    const db = await getDb();
    const consumed = async () =>
      (await db.quota.count({ where: { userId: user.id } })) === 1 &&
      (await db.auditLog.count({ where: { ownerId: user.id, eventType: "user.created" } })) === 1;
    while (!(await consumed())) {
      if (Date.now() > deadline + 10_000) throw new Error(`events not consumed:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await db.quota.findUnique({ where: { userId: user.id } })).toMatchObject({ plan: "free" });
  } finally {
    worker.kill("SIGTERM");
  }
  expect(await exited).toBe(0);
}, 60_000);
