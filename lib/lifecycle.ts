import { closeDb } from "@/lib/db/client";

let registered = false;

/**
 * Closes the database before the process exits. PGlite in particular must be closed cleanly:
 * an abrupt exit can leave its data directory unusable.
 */
export function closeDbOnShutdown(): void {
  if (registered) return;
  registered = true;
  let closing = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      const timer = setTimeout(() => process.exit(0), 5_000);
      closeDb()
        .catch((err) => console.error("[shutdown] closing the database failed", err))
        .finally(() => {
          clearTimeout(timer);
          process.exit(0);
        });
    });
  }
}
