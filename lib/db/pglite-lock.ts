// PGlite has no cross-process lock, and two processes on one data directory lose rows or
// corrupt it. This pid file makes the second process stop with a clear message instead.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { processAlive } from "../process-alive";


export class PgliteLockedError extends Error {}

export function acquirePgliteLock(dir: string): () => void {
  const file = `${dir}.lock`;
  try {
    const pid = Number(readFileSync(file, "utf8").trim());
    if (pid && pid !== process.pid && processAlive(pid)) {
      throw new PgliteLockedError(
        `The embedded database in ${dir} is in use by process ${pid} (probably the app server). ` +
          `Stop it first, or set DATABASE_URL to use PostgreSQL, which many processes can share.`,
      );
    }
  } catch (err) {
    if (err instanceof PgliteLockedError) throw err;
    // no lock file, or an unreadable one: take it
  }
  writeFileSync(file, String(process.pid));
  const release = () => {
    try {
      if (readFileSync(file, "utf8").trim() === String(process.pid)) rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
  process.once("exit", release);
  return release;
}
