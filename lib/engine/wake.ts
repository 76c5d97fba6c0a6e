// Wakes runners when there is new work. On PostgreSQL a NOTIFY reaches every runner process
// (the events table's trigger sends one on every insert; delivery-state.ts's notifyRunners
// sends one from a transaction), on PostgreSQL and PGlite alike; runners of this process can
// also be woken directly (a finished delivery may unblock the next).
import { EventEmitter } from "node:events";

export const WAKE_CHANNEL = "intervue_events";

const state = globalThis as unknown as { __runnerWake?: EventEmitter };
state.__runnerWake ??= new EventEmitter().setMaxListeners(100);
const emitter = state.__runnerWake;

export function onWake(listener: () => void): () => void {
  emitter.on("wake", listener);
  return () => emitter.off("wake", listener);
}

/** Wakes the runners of this process. */
export function wakeLocalRunners(): void {
  emitter.emit("wake");
}
