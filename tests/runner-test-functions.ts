// Inngest functions used by the multi-process runner tests (tests/runner-process.ts runs them
// in child processes; lib/engine/runner-processes.db.test.ts in the test process).
import { getDbHandle } from "@/lib/db/client";
import { inngest, subscribe } from "@/inngest/client";

export const EFFECTS_TABLE = `
  CREATE TABLE IF NOT EXISTS test_effects (
    id bigserial PRIMARY KEY,
    function_id text NOT NULL,
    event_id uuid NOT NULL,
    partition_key text NOT NULL,
    label text NOT NULL,
    worker text NOT NULL
  )`;

async function record(functionId: string, event: { eventId: string; userId: string }, label: string) {
  const handle = await getDbHandle();
  await handle.query(
    `INSERT INTO test_effects (function_id, event_id, partition_key, label, worker) VALUES ($1, $2, $3, $4, $5)`,
    [functionId, event.eventId, event.userId, label, process.env.WORKER_NAME ?? String(process.pid)],
  );
}

/** Two steps; the second hangs forever in a process started with HANG_AT_SECOND=1. */
export const crashTestFn = inngest.createFunction(
  { id: "crash-test", retries: 3, ...subscribe("interview.created") },
  async ({ event, step }) => {
    await step.run("first", () => record("crash-test", event.data, "first"));
    await step.run("second", async () => {
      if (process.env.HANG_AT_SECOND === "1") {
        process.stdout.write("AT_SECOND\n");
        await new Promise(() => {});
      }
      await record("crash-test", event.data, "second");
    });
  },
);

/** Records each execution outside any step, so a repeated execution would show twice. */
export const orderTestFn = inngest.createFunction(
  { id: "order-test", ...subscribe("interview.created") },
  async ({ event }) => {
    await record("order-test", event.data, event.data.data.title);
  },
);
