// What the embedded runner needs to know about an Inngest function definition, and the check
// that it can honour every option the function asks for: a function runs the same on both
// engines, or it is refused at registration with the option named (never silently ignored).
import type { InngestFunction } from "inngest";
import { durationToMs } from "inngest";
import { catalog, isEventType, type EventType } from "@/lib/events/catalog";

/** Inngest's default: 4 retries after the first try. */
export const DEFAULT_RETRIES = 4;

export type Throttle = {
  /** Runs that may start per period. */
  limit: number;
  periodMs: number;
  /** Counted per partition key instead of for the whole function. */
  perKey: boolean;
};

export type RunnerFunction = {
  id: string;
  triggers: EventType[];
  /** First try + retries. */
  maxAttempts: number;
  /** Deliveries of this function running at once, across every process (null: no limit). */
  concurrency: number | null;
  throttle: Throttle | null;
  // The handler exactly as given to createFunction: the runner calls it with its own step tools.
  handler: (ctx: Record<string, unknown>) => unknown;
};

/** Options the runner implements; anything else is refused (see describeFunction). */
const SUPPORTED = new Set(["id", "name", "description", "triggers", "retries", "concurrency", "throttle"]);

/** The CEL expression of each partition key, as `subscribe()` writes it. */
export function partitionKeyExpression(types: readonly EventType[]): string {
  const keys = new Set(types.map((type) => catalog[type].partitionKey));
  return keys.size === 1 ? `event.data.${[...keys][0]}` : "has(event.data.userId) ? event.data.userId : event.data.sessionId";
}

export class UnsupportedFunctionOption extends Error {
  constructor(functionId: string, detail: string) {
    super(`function ${functionId}: ${detail} is not implemented by the embedded runner; remove it or run on Inngest only`);
    this.name = "UnsupportedFunctionOption";
  }
}

type Trigger = { event?: string | { name: string }; if?: string; expression?: string; cron?: string };
type ConcurrencyOption = { limit: number; key?: string; scope?: string };

export function describeFunction(fn: InngestFunction.Any): RunnerFunction {
  const opts = fn.opts as Record<string, unknown> & { id: string };
  const id = opts.id;
  for (const [key, value] of Object.entries(opts)) {
    if (value !== undefined && !SUPPORTED.has(key)) throw new UnsupportedFunctionOption(id, `the \`${key}\` option`);
  }
  const triggers = ((opts.triggers ?? []) as Trigger[]).map((t) => {
    if (t.cron) throw new UnsupportedFunctionOption(id, "a cron trigger");
    if (t.if || t.expression) throw new UnsupportedFunctionOption(id, "a trigger `if` expression");
    const name = typeof t.event === "string" ? t.event : t.event?.name;
    if (!isEventType(name)) throw new Error(`function ${id}: trigger ${JSON.stringify(t)} is not a catalog event`);
    return name;
  });
  if (triggers.length === 0) throw new Error(`function ${id}: no triggers`);
  const retries = typeof opts.retries === "number" ? opts.retries : DEFAULT_RETRIES;
  const handler = (fn as unknown as { fn: RunnerFunction["handler"] }).fn;
  if (typeof handler !== "function") throw new Error(`function ${id}: no handler`);
  const keyExpr = partitionKeyExpression(triggers);
  return {
    id,
    triggers,
    maxAttempts: retries + 1,
    concurrency: concurrencyOf(id, opts.concurrency as number | ConcurrencyOption | ConcurrencyOption[] | undefined, keyExpr),
    throttle: throttleOf(id, opts.throttle as Record<string, unknown> | undefined, keyExpr),
    handler,
  };
}

// The runner always runs one delivery per (function, partition key) at a time, in order; a
// concurrency entry keyed on the partition key with limit 1 says exactly that. A keyless entry
// limits the function as a whole.
function concurrencyOf(
  id: string,
  option: number | ConcurrencyOption | ConcurrencyOption[] | undefined,
  keyExpr: string,
): number | null {
  if (option === undefined) return null;
  const entries = (Array.isArray(option) ? option : [option]).map((o) => (typeof o === "number" ? { limit: o } : o));
  let limit: number | null = null;
  for (const entry of entries) {
    if (entry.scope && entry.scope !== "fn") throw new UnsupportedFunctionOption(id, `concurrency scope "${entry.scope}"`);
    if (entry.key !== undefined) {
      if (normalise(entry.key) !== normalise(keyExpr)) {
        throw new UnsupportedFunctionOption(id, `a concurrency key other than the partition key (${keyExpr})`);
      }
      if (entry.limit !== 1) {
        throw new UnsupportedFunctionOption(id, "a per-partition-key concurrency above 1 (the runner keeps each key in order)");
      }
      continue;
    }
    if (!Number.isInteger(entry.limit) || entry.limit < 1) throw new Error(`function ${id}: concurrency limit must be a positive integer`);
    limit = limit === null ? entry.limit : Math.min(limit, entry.limit);
  }
  return limit;
}

function throttleOf(id: string, option: Record<string, unknown> | undefined, keyExpr: string): Throttle | null {
  if (option === undefined) return null;
  const { limit, period, key, burst, ...rest } = option as { limit: number; period: string; key?: string; burst?: number };
  const extra = Object.keys(rest);
  if (extra.length > 0) throw new UnsupportedFunctionOption(id, `throttle.${extra[0]}`);
  if (burst !== undefined && burst !== 1) throw new UnsupportedFunctionOption(id, "throttle.burst other than 1");
  if (key !== undefined && normalise(key) !== normalise(keyExpr)) {
    throw new UnsupportedFunctionOption(id, `a throttle key other than the partition key (${keyExpr})`);
  }
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`function ${id}: throttle.limit must be a positive integer`);
  const periodMs = durationToMs(period as Parameters<typeof durationToMs>[0]);
  if (!(periodMs > 0)) throw new Error(`function ${id}: throttle.period must be a duration such as "1m"`);
  return { limit, periodMs, perKey: key !== undefined };
}

const normalise = (expr: string) => expr.replace(/\s+/g, "");

/** Whether claiming this function needs the per-function limits path (see claim.ts). */
export function isLimited(fn: RunnerFunction, processLimit: number | undefined): boolean {
  return fn.concurrency !== null || fn.throttle !== null || processLimit !== undefined;
}
