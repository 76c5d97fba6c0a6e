// Wakes runners when there is new work. On PostgreSQL a NOTIFY reaches every runner process
// (the events table's trigger sends one on every insert), on PostgreSQL and PGlite alike;
// runners of this process can also be woken directly (a finished delivery may unblock the next).
import { EventEmitter } from "node:events";
import type { RawConnection } from "@/lib/db/client";

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

/** Wakes every runner, in every process, once `conn`'s transaction commits. */
export async function notifyRunners(conn: RawConnection): Promise<void> {
  await conn.query("SELECT pg_notify($1, '')", [WAKE_CHANNEL]);
}
