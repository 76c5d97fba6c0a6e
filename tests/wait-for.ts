// Waiting in tests: on a condition, with a deadline, never "sleep and hope it happened by now".
// A miss fails with what was waited for, so a slow machine gives a clear message, not a flake.

export type WaitForOptions = {
  /** What the test waits for, as the failure message should name it ("the delivery to be dead"). */
  what: string;
  /** Give up after this long (default 10 s). */
  timeoutMs?: number;
  /** Pause between looks (default 20 ms). */
  intervalMs?: number;
};

/**
 * Resolves once `check` returns true (or a value other than false/null/undefined, which is
 * returned); throws once `timeoutMs` has passed. `check` may do work between looks (drain a
 * runner, read the database).
 */
export async function waitFor<T>(
  check: () => T | false | null | undefined | Promise<T | false | null | undefined>,
  { what, timeoutMs = 10_000, intervalMs = 20 }: WaitForOptions,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== false && value !== null && value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
