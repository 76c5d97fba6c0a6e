// A runner process for the multi-process tests: `node --import tsx tests/runner-process.ts
// <function-id>` with DATABASE_URL set. Prints READY once it listens; stops on SIGTERM.
import { describeFunction } from "@/lib/engine/functions";
import { EventRunner } from "@/lib/engine/runner";
import { closeDb } from "@/lib/db/client";
import { crashTestFn, orderTestFn } from "./runner-test-functions";

const fns = { "crash-test": crashTestFn, "order-test": orderTestFn };
const id = process.argv[2] as keyof typeof fns;
const runner = new EventRunner({
  functions: [describeFunction(fns[id])],
  workerId: process.env.WORKER_NAME,
  leaseMs: Number(process.env.LEASE_MS ?? 30_000),
  concurrency: 8,
  pollMs: 200,
});
await runner.start();
process.stdout.write("READY\n");
process.once("SIGTERM", () => {
  void runner.stop().then(closeDb).finally(() => process.exit(0));
});
