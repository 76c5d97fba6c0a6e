// Starts the event engine of this process: the embedded runner by default, or — when Inngest
// is configured — the outbox relay that hands stored events to Inngest (which then calls the
// functions served at /api/inngest).
import { env, inngestEnabled } from "@/lib/env";
import { EventRunner } from "./runner";

export type EngineRole = "web" | "worker";

export type RunningEngine = { kind: "runner" | "relay" | "none"; stop: () => Promise<void> };

const state = globalThis as unknown as { __eventEngine?: Promise<RunningEngine> };

/** Starts the engine once per process (Next may evaluate instrumentation more than once). */
export function startEventEngine(role: EngineRole): Promise<RunningEngine> {
  state.__eventEngine ??= start(role).catch((err) => {
    state.__eventEngine = undefined;
    throw err;
  });
  return state.__eventEngine;
}

export async function stopEventEngine(): Promise<void> {
  const engine = await state.__eventEngine?.catch(() => undefined);
  state.__eventEngine = undefined;
  await engine?.stop();
}

async function start(role: EngineRole): Promise<RunningEngine> {
  if (inngestEnabled(env)) {
    const { OutboxRelay } = await import("@/lib/events/relay");
    const relay = new OutboxRelay();
    await relay.start();
    console.info(`[events] ${role}: relaying the outbox to Inngest`);
    return { kind: "relay", stop: () => relay.stop() };
  }
  if (role === "web" && env.EVENT_RUNNER === "off") {
    console.info("[events] web: EVENT_RUNNER=off, deliveries are left to `npm run worker` processes");
    return { kind: "none", stop: async () => {} };
  }
  const { runnerFunctions } = await import("@/inngest");
  const runner = new EventRunner({ functions: runnerFunctions(), concurrency: env.EVENT_RUNNER_CONCURRENCY });
  await runner.start();
  console.info(`[events] ${role}: embedded runner ${runner.workerId} started with ${runnerFunctions().length} functions`);
  return { kind: "runner", stop: () => runner.stop() };
}
