// The loop the runner and the relay share: run a round, wait until woken or until the delay the
// round asked for, back off after failures. Wake-ups come from LISTEN/NOTIFY (every process;
// the events table's trigger notifies on insert), from this process's own wake() calls, and
// from the timer as the fallback; a lost LISTEN connection is re-opened while polling goes on.
import { getDbHandle } from "@/lib/db/client";
import { WAKE_CHANNEL } from "./wake";

export type LoopLogger = Pick<Console, "info" | "warn" | "error">;

export type RoundReason = "start" | "wake" | "timer";

export type WakeLoopOptions = {
  /** Shown in log lines: `[runner]`, `[relay]`. */
  name: string;
  /** One round; resolves to the longest wait (ms) before the next one, 0 for at once. */
  round: (reason: RoundReason) => Promise<number>;
  /** Wait after the `failures`-th failed round in a row. */
  backoffMs: (failures: number) => number;
  /** May new work cut a back-off short? (The relay says no: an outage would become a busy loop.) */
  wakeDuringBackoff: boolean;
  /** Called for every NOTIFY, before the loop wakes (the runner marks a dispatch as due). */
  onNotify?: () => void;
  /** A failed round, after `failures` in a row (the caller logs it its own way). */
  onError?: (err: unknown, failures: number) => void;
  pollMs: number;
  logger: LoopLogger;
};

export class WakeLoop {
  private running = false;
  private done: Promise<void> | null = null;
  private wakePending = false;
  private waiter: { wakeable: boolean; resolve: (reason: RoundReason) => void } | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private failures = 0;

  constructor(private readonly opts: WakeLoopOptions) {}

  get isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.listen();
    if (!this.running) {
      await this.closeListener();
      return;
    }
    this.done = this.loop();
  }

  /** Stops after the round in progress; resolves once it has ended. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.waiter?.resolve("wake");
    await this.done;
    this.done = null;
    await this.closeListener();
  }

  /** Makes the loop run a round now (or right after the one in progress). */
  wake(): void {
    this.wakePending = true;
    if (this.waiter?.wakeable) this.waiter.resolve("wake");
  }

  private notified(): void {
    this.opts.onNotify?.();
    this.wake();
  }

  private async loop(): Promise<void> {
    let reason: RoundReason = "start";
    while (this.running) {
      this.wakePending = false;
      let delay: number;
      let wakeable = true;
      try {
        delay = await this.opts.round(reason);
        this.failures = 0;
      } catch (err) {
        this.failures++;
        this.opts.onError?.(err, this.failures);
        delay = this.opts.backoffMs(this.failures);
        wakeable = this.opts.wakeDuringBackoff;
      }
      reason = delay <= 0 ? "wake" : await this.pause(delay, wakeable);
    }
  }

  private pause(ms: number, wakeable: boolean): Promise<RoundReason> {
    if (!this.running) return Promise.resolve("wake");
    if (wakeable && this.wakePending) return Promise.resolve("wake");
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish("timer"), ms);
      const finish = (reason: RoundReason) => {
        clearTimeout(timer);
        this.waiter = null;
        resolve(reason);
      };
      this.waiter = { wakeable, resolve: finish };
    });
  }

  private async listen(): Promise<void> {
    const handle = await getDbHandle();
    try {
      this.unlisten = await handle.listen(WAKE_CHANNEL, () => this.notified(), (err) => {
        this.opts.logger.warn(`[${this.opts.name}] LISTEN connection lost (${err.message}); polling until it is back`);
        this.unlisten = null;
        setTimeout(() => {
          if (this.running && !this.unlisten) void this.listen();
        }, 1_000).unref();
      });
    } catch (err) {
      this.opts.logger.warn(`[${this.opts.name}] LISTEN failed (${(err as Error).message}); polling every ${this.opts.pollMs} ms`);
    }
  }

  private async closeListener(): Promise<void> {
    await this.unlisten?.().catch(() => {});
    this.unlisten = null;
  }
}
