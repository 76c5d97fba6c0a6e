// Starts the event engine of this process: the embedded runner by default, or — when Inngest
// is configured — the outbox relay that hands stored events to Inngest (which then calls the
// functions served at /api/inngest, and at a worker host's own endpoint). The registry is
// passed in by the process's entry point (instrumentation.ts, workers/worker.ts): the engine
// never imports the app's functions.
import { env, inngestEnabled } from "@/lib/env";
import { describeFunction } from "./functions";
import { selectFunctions, type FunctionGroups, type Placement } from "./placement";

export type EngineRole = "web" | "worker";

export type RunningEngine = {
  kind: "runner" | "relay" | "none";
  /** The functions this process runs or serves (EVENT_RUNNER_FUNCTIONS). */
  functions: string[];
  stop: () => Promise<void>;
};

const DAY_MS = 24 * 60 * 60 * 1000;
const state = globalThis as unknown as { __eventEngine?: Promise<RunningEngine> };

/**
 * This process's share of the registry, per EVENT_RUNNER_FUNCTIONS. Throws, naming the entry,
 * on an unknown name, and on per-process limits (`name:N`) with Inngest, which has no such
 * thing (a function's `concurrency` option is the way there). Entry points call it at start.
 */
export function placement(groups: FunctionGroups): Placement {
  const placed = selectFunctions(groups, env.EVENT_RUNNER_FUNCTIONS);
  if (inngestEnabled(env) && placed.processLimits.size > 0) {
    const limits = [...placed.processLimits].map(([id, n]) => `${id}:${n}`).join(", ");
    throw new Error(
      `EVENT_RUNNER_FUNCTIONS: per-process limits (${limits}) apply to the embedded runner only; with Inngest, give the function a \`concurrency\` option instead`,
    );
  }
  return placed;
}

/** Starts the engine once per process (Next may evaluate instrumentation more than once). */
export function startEventEngine(role: EngineRole, groups: FunctionGroups): Promise<RunningEngine> {
  state.__eventEngine ??= start(role, groups).catch((err) => {
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

async function start(role: EngineRole, groups: FunctionGroups): Promise<RunningEngine> {
  const placed = placement(groups);
  const ids = placed.functions.map((f) => f.opts.id);
  if (inngestEnabled(env)) {
    const { OutboxRelay } = await import("./relay");
    const relay = new OutboxRelay();
    await relay.start();
    console.info(`[events] ${role}: relaying the outbox to Inngest`);
    return { kind: "relay", functions: ids, stop: () => relay.stop() };
  }
  if (role === "web" && env.EVENT_RUNNER === "off") {
    console.info("[events] web: EVENT_RUNNER=off, deliveries are left to `npm run worker` processes");
    return { kind: "none", functions: [], stop: async () => {} };
  }
  // Refuses, naming it, any option the runner does not implement.
  const described = placed.functions.map(describeFunction);
  const { EventRunner } = await import("./runner");
  const runner = new EventRunner({
    functions: described,
    processLimits: placed.processLimits,
    concurrency: env.EVENT_RUNNER_CONCURRENCY,
    retentionMs: env.EVENT_RETENTION_DAYS * DAY_MS,
  });
  await runner.start();
  console.info(`[events] ${role}: embedded runner ${runner.workerId} runs ${ids.length} functions: ${ids.join(", ") || "(none)"}`);
  return { kind: "runner", functions: ids, stop: () => runner.stop() };
}
