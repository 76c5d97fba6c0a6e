// What the embedded runner needs to know about an Inngest function definition.
import type { InngestFunction } from "inngest";
import { isEventType, type EventType } from "@/lib/events/catalog";

/** Inngest's default: 4 retries after the first try. */
export const DEFAULT_RETRIES = 4;

export type RunnerFunction = {
  id: string;
  triggers: EventType[];
  /** First try + retries. */
  maxAttempts: number;
  // The handler exactly as given to createFunction: the runner calls it with its own step tools.
  handler: (ctx: Record<string, unknown>) => unknown;
};

type Trigger = { event?: string | { name: string } };

export function describeFunction(fn: InngestFunction.Any): RunnerFunction {
  const id = fn.opts.id;
  const triggers = ((fn.opts.triggers ?? []) as Trigger[]).map((t) => {
    const name = typeof t.event === "string" ? t.event : t.event?.name;
    if (!isEventType(name)) throw new Error(`function ${id}: trigger ${JSON.stringify(t)} is not a catalog event`);
    return name;
  });
  const retries = typeof fn.opts.retries === "number" ? fn.opts.retries : DEFAULT_RETRIES;
  const handler = (fn as unknown as { fn: RunnerFunction["handler"] }).fn;
  if (typeof handler !== "function") throw new Error(`function ${id}: no handler`);
  return { id, triggers, maxAttempts: retries + 1, handler };
}
