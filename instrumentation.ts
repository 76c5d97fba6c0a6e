// Runs once when the server starts: the event engine (embedded runner, or the relay to
// Inngest) lives as long as the server, and the database is closed cleanly on shutdown.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // A variable set for an integration that is not implemented stops the server, naming it,
  // rather than silently falling back to the embedded default.
  const { checkAdapters } = await import("@/lib/adapters");
  try {
    checkAdapters();
  } catch (err) {
    console.error(`[start] ${(err as Error).message}`);
    process.exit(1);
  }
  const { beforeShutdown, closeDbOnShutdown } = await import("@/lib/lifecycle");
  const { startEventEngine, stopEventEngine } = await import("@/lib/engine/host");
  const { functionGroups } = await import("@/inngest");
  closeDbOnShutdown();
  beforeShutdown(stopEventEngine);
  // The server must come up even if the engine cannot start yet (e.g. database still booting):
  // events stay in the outbox and are delivered once it runs.
  startEventEngine("web", functionGroups).catch((err) => console.error("[events] the event engine did not start:", err));
}
