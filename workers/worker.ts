// `npm run worker`: a separate process that runs the event engine (more throughput, or heavy
// functions kept away from the web server). Needs PostgreSQL: PGlite allows one process per
// data directory, and in the embedded mode that process is the web server.
import { env } from "@/lib/env";

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
const { startEventEngine, stopEventEngine } = await import("@/lib/runner/host");

await migrate();
closeDbOnShutdown();
beforeShutdown(stopEventEngine);
const engine = await startEventEngine("worker");
console.info(`[worker] running (${engine.kind}); Ctrl-C or SIGTERM stops it after in-flight work`);
