// Runs once when the server starts: the event engine (embedded runner, or the relay to
// Inngest) lives as long as the server, and the database is closed cleanly on shutdown.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // The client's real socket address, for throttling, from the very first request on.
  (await import("@/lib/auth/client-address")).installPeerAddressHook();
  // A configuration an adapter refuses stops the server with its message, rather than the app
  // running on a silent fallback; so does a placement (EVENT_RUNNER_FUNCTIONS) naming something unknown.
  const { checkAdapters } = await import("@/lib/adapters");
  const { placement, startEventEngine, stopEventEngine } = await import("@/lib/engine/host");
  const { functionGroups } = await import("@/inngest");
  try {
    checkAdapters();
    placement(functionGroups);
  } catch (err) {
    console.error(`[start] ${(err as Error).message}`);
    process.exit(1);
  }
  const { beforeShutdown, closeDbOnShutdown } = await import("@/lib/lifecycle");
  closeDbOnShutdown();
  beforeShutdown(stopEventEngine);
  // The server must come up even if the engine cannot start yet (e.g. database still booting):
  // events stay in the outbox, and the start is retried with back-off until it works.
  const start = (attempt: number): void => {
    startEventEngine("web", functionGroups).catch((err) => {
      const seconds = Math.min(60, 2 ** attempt);
      console.error(`[events] the event engine did not start (retrying in ${seconds} s): ${(err as Error).message}`);
      setTimeout(() => start(attempt + 1), seconds * 1000).unref();
    });
  };
  start(0);
}
