// Tests that need a real PostgreSQL server (several processes or connections on one database):
// on PGlite they are skipped, and the run says so and why, rather than passing silently.
import { describe, it } from "vitest";

const onPostgres = Boolean(process.env.DATABASE_URL);
const why = "needs PostgreSQL: set DATABASE_URL (PGlite has one connection and one process)";

function announce(name: string): void {
  if (!onPostgres) console.warn(`[tests] skipped "${name}": ${why}`);
}

/** `it`, run only on PostgreSQL; skipped with a printed reason on PGlite. */
export function itOnPostgres(name: string, fn: () => Promise<void>, timeout?: number): void {
  announce(name);
  it.skipIf(!onPostgres)(onPostgres ? name : `${name} (skipped: ${why})`, fn, timeout);
}

/** `describe`, run only on PostgreSQL; skipped with a printed reason on PGlite. */
export function describeOnPostgres(name: string, fn: () => void): void {
  announce(name);
  describe.skipIf(!onPostgres)(onPostgres ? name : `${name} (skipped: ${why})`, fn);
}
