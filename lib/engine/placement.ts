// Function placement: which functions a process runs (or, with Inngest, serves), chosen by
// EVENT_RUNNER_FUNCTIONS so that heavy consumers (ffmpeg, transcription) can run only on a
// worker host while the web server keeps the light ones. The registry names the groups.
import type { InngestFunction } from "inngest";

/** Group name → its functions, as the registry (inngest/index.ts) declares them. */
export type FunctionGroups = Record<string, readonly InngestFunction.Any[]>;

export type Placement = {
  functions: InngestFunction.Any[];
  /** Deliveries of a function this process runs at once, where the spec set one (`media:2`). */
  processLimits: Map<string, number>;
};

export function allFunctions(groups: FunctionGroups): InngestFunction.Any[] {
  const seen = new Map<string, InngestFunction.Any>();
  for (const [group, fns] of Object.entries(groups)) {
    for (const fn of fns) {
      const id = fn.opts.id;
      if (seen.has(id)) throw new Error(`function ${id} is listed twice in the registry (group ${group})`);
      seen.set(id, fn);
    }
  }
  return [...seen.values()];
}

/**
 * Parses a placement spec: `all`, or a comma-separated list of group names and function ids,
 * each optionally with `:N`, the most deliveries of that function this process runs at once.
 * Throws, naming the entry, on anything it does not know.
 */
export function selectFunctions(groups: FunctionGroups, spec: string): Placement {
  const all = allFunctions(groups);
  const byId = new Map(all.map((fn) => [fn.opts.id, fn]));
  const chosen = new Map<string, InngestFunction.Any>();
  const processLimits = new Map<string, number>();
  const entries = spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error("EVENT_RUNNER_FUNCTIONS is empty: name `all`, groups or function ids");
  for (const entry of entries) {
    const match = /^([a-z0-9][a-z0-9-]*)(?::(\d+))?$/i.exec(entry);
    if (!match) throw new Error(`EVENT_RUNNER_FUNCTIONS: "${entry}" is not a name or name:N`);
    const [, name, limitText] = match as unknown as [string, string, string | undefined];
    const limit = limitText === undefined ? undefined : Number(limitText);
    if (limit !== undefined && limit < 1) throw new Error(`EVENT_RUNNER_FUNCTIONS: "${entry}" needs a limit of at least 1`);
    const fns = name === "all" ? all : (groups[name] ?? (byId.has(name) ? [byId.get(name)!] : null));
    if (!fns) {
      const known = [...Object.keys(groups), ...byId.keys()].join(", ");
      throw new Error(`EVENT_RUNNER_FUNCTIONS: "${name}" is neither a function group nor a function id (known: all, ${known})`);
    }
    for (const fn of fns) {
      chosen.set(fn.opts.id, fn);
      if (limit !== undefined) processLimits.set(fn.opts.id, limit);
    }
  }
  return { functions: [...chosen.values()], processLimits };
}
