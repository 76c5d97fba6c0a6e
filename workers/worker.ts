// `npm run worker`: a separate process that runs the event engine for its share of the
// functions (EVENT_RUNNER_FUNCTIONS): more throughput, or heavy functions kept away from the
// web server. Embedded runner: needs PostgreSQL (PGlite allows one process per data directory,
// and in the embedded mode that process is the web server). With Inngest: serves its
// functions as the `intervue-worker` app on WORKER_PORT.
import { env, inngestEnabled } from "@/lib/env";

if (!env.DATABASE_URL) {
  console.error(
    [
      "npm run worker needs PostgreSQL (set DATABASE_URL).",
      `Without it the app uses the embedded PGlite database in ${env.PGLITE_DIR ?? `${env.DATA_DIR}/pglite`}, which only one`,
      "process may open: the web server (npm run dev / npm start) already runs the event runner there.",
    ].join("\n"),
  );
  process.exit(1);
}

const { migrate } = await import("@/lib/db/migrate");
const { beforeShutdown, closeDbOnShutdown } = await import("@/lib/lifecycle");
const { placement, startEventEngine, stopEventEngine } = await import("@/lib/engine/host");
const { functionGroups } = await import("@/inngest");

const { checkAdapters } = await import("@/lib/adapters");

let placed;
try {
  checkAdapters();
  placed = placement(functionGroups);
} catch (err) {
  console.error(`[worker] ${(err as Error).message}`);
  process.exit(1);
}

await migrate();
closeDbOnShutdown();
beforeShutdown(stopEventEngine);
const engine = await startEventEngine("worker", functionGroups);
if (inngestEnabled(env)) {
  const { serveWorkerFunctions } = await import("./inngest-endpoint");
  const server = await serveWorkerFunctions(placed.functions, env.WORKER_PORT);
  beforeShutdown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  console.info(`[worker] serving ${placed.functions.length} functions to Inngest at http://0.0.0.0:${env.WORKER_PORT}/api/inngest`);
}
console.info(`[worker] running (${engine.kind}); Ctrl-C or SIGTERM stops it after in-flight work`);
