// `npm run worker` as a real process on the test's PostgreSQL database.
import { spawn } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";
import { itOnPostgres } from "@/tests/postgres-only";
import { getDb } from "@/lib/db/client";
import { createAccount } from "@/tests/fixtures";
import { waitFor } from "@/tests/wait-for";

const root = path.resolve(import.meta.dirname, "..");

/** `npm run worker` as a child process, with what it printed and how it ended. */
function startWorker(env: Record<string, string> = {}) {
  const worker = spawn(process.execPath, ["scripts/worker.mjs"], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  worker.stdout.on("data", (c: Buffer) => (output += c.toString()));
  worker.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => worker.once("exit", (code) => resolve(code)));
  return {
    output: () => output,
    exited,
    stop: () => worker.kill("SIGTERM"),
    /** Until it printed `marker` (its start-up line); fails with everything it printed. */
    printed: (marker: string) =>
      waitFor(() => output.includes(marker), { what: `the worker to print "${marker}"`, timeoutMs: 20_000 }).catch((err: Error) => {
        throw new Error(`${err.message}:\n${output}`);
      }),
  };
}

itOnPostgres("runs the consumers of events published by the web app, and stops cleanly on SIGTERM", async () => {
  const worker = startWorker();
  try {
    await worker.printed("[worker] running (runner)");
    const user = await createAccount();
    const db = await getDb();
    const consumed = async () =>
      (await db.quota.count({ where: { userId: user.id } })) === 1 &&
      (await db.auditLog.count({ where: { ownerId: user.id, eventType: "user.created" } })) === 1;
    await waitFor(consumed, { what: "the worker to consume the new account's events", timeoutMs: 10_000 });
    expect(await db.quota.findUnique({ where: { userId: user.id } })).toMatchObject({ plan: "free" });
  } finally {
    worker.stop();
  }
  expect(await worker.exited).toBe(0);
}, 60_000);

itOnPostgres("with Inngest, serves only its placed functions as the intervue-worker app and relays the outbox", async () => {
  const { FakeInngest } = await import("@/tests/inngest-server");
  const fake = await FakeInngest.start();
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const worker = startWorker({ INNGEST_DEV: fake.url, WORKER_PORT: String(port), EVENT_RUNNER_FUNCTIONS: "audit-log,init-quotas" });
  try {
    await worker.printed("[worker] running (relay)");
    expect(worker.output()).toContain(`serving 2 functions to Inngest at http://0.0.0.0:${port}/api/inngest`);
    const res = await fetch(`http://127.0.0.1:${port}/api/inngest`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ mode: "dev", function_count: 2 });
    expect((await fetch(`http://127.0.0.1:${port}/elsewhere`)).status).toBe(404);
    // The outbox reaches Inngest through this worker's relay.
    const user = await createAccount();
    await waitFor(() => fake.received.some((e) => e.name === "user.created" && (e.data as { userId?: string }).userId === user.id), {
      what: "the worker's relay to hand user.created to Inngest",
    });
  } finally {
    worker.stop();
    await fake.close();
  }
  expect(await worker.exited).toBe(0);
}, 60_000);

it.each([
  [{ EVENT_RUNNER_FUNCTIONS: "light,videos" }, '"videos" is neither a function group nor a function id'],
  [{ EVENT_RUNNER_FUNCTIONS: "audit-log:2", INNGEST_DEV: "1" }, "per-process limits (audit-log:2) apply to the embedded runner only"],
])("refuses a placement it cannot honour at start, naming it (%o)", async (extra, message) => {
  const { spawnSync } = await import("node:child_process");
  const res = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["--import", "./scripts/server-only.mjs", "workers/worker.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://127.0.0.1:1/none", ...extra },
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(res.status).toBe(1);
  expect(res.stderr).toContain(message);
}, 40_000);
