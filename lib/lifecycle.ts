import { closeDb } from "@/lib/db/client";

let registered = false;
const hooks: (() => Promise<void>)[] = [];

/** Runs before the database is closed on shutdown (e.g. stopping the event engine). */
export function beforeShutdown(hook: () => Promise<void>): void {
  hooks.push(hook);
}

/**
 * Closes the database before the process exits, after the shutdown hooks. PGlite in particular
 * must be closed cleanly: an abrupt exit can leave its data directory unusable.
 */
export function closeDbOnShutdown({ graceMs = 15_000 } = {}): void {
  if (registered) return;
  registered = true;
  let closing = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      const timer = setTimeout(() => process.exit(0), graceMs);
      Promise.allSettled(hooks.map((hook) => hook()))
        .then(() => closeDb())
        .catch((err) => console.error("[shutdown] closing the database failed", err))
        .finally(() => {
          clearTimeout(timer);
          process.exit(0);
        });
    });
  }
}
