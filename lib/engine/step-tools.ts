// The `step` object the embedded runner hands to an Inngest function. Finished steps are
// memoised per delivery (delivery_steps), so a retry, a resumption after a sleep, or another
// worker taking over after a crash never repeats them. Sleeps and waits suspend the delivery:
// the handler is re-run later and replays its memoised steps up to where it stopped.
import { durationToMs } from "inngest";
import type { RawConnection } from "@/lib/db/client";
import { getDbHandle } from "@/lib/db/client";
import { isEventType, type DomainEvent } from "@/lib/events/catalog";

export type Memo = { kind: string; result: unknown };

/** Thrown inside the handler to park the delivery; the runner catches it. */
export class Suspend extends Error {
  constructor(
    readonly until: Date,
    readonly wait?: WaitFor,
  ) {
    super("suspended");
    this.name = "Suspend";
  }
}

/** The worker no longer holds the delivery (its lease expired and another worker took it). */
export class LeaseLost extends Error {
  constructor(deliveryId: string) {
    super(`lost the lease on delivery ${deliveryId}`);
    this.name = "LeaseLost";
  }
}

export type WaitFor = {
  stepId: string;
  event: string;
  /** Dotted path of the awaited event compared with `expected` (Inngest's `match`, or the `async.` side of an `if`). */
  match: string | null;
  /** The triggering event's value at `match` (or at the `event.` side of an `if`). */
  expected: unknown;
  /** When the wait began (database time): events dispatched since then match (0003: with an allowance). */
  since: string;
  expiresAt: string;
};

export type StepContext = {
  deliveryId: string;
  workerId: string;
  event: DomainEvent;
  /** The Inngest form of the triggering event (what `match` paths are evaluated on). */
  inngestEvent: Record<string, unknown>;
  memo: Map<string, Memo>;
  waitFor: WaitFor | null;
  /** The database's clock (timers are compared with now() in SQL), not this process's. */
  now: () => Date;
  /** The `attempt` the handler was given (its current step's try, from 0). */
  attempt?: number;
};

type StepIdInput = string | { id: string; name?: string };
type DurationInput = Parameters<typeof durationToMs>[0];

const FENCE = `EXISTS (SELECT 1 FROM deliveries WHERE id = $1 AND locked_by = $2 AND status = 'running')`;

/** Saves a finished step, unless this worker has lost the delivery. */
async function saveStep(
  conn: RawConnection,
  ctx: StepContext,
  stepId: string,
  kind: string,
  result: unknown,
): Promise<void> {
  const rows = await conn.query(
    `INSERT INTO delivery_steps (delivery_id, step_id, kind, result)
     SELECT $1, $3, $4, $5::jsonb WHERE ${FENCE}
     ON CONFLICT (delivery_id, step_id) DO NOTHING
     RETURNING step_id`,
    [ctx.deliveryId, ctx.workerId, stepId, kind, JSON.stringify(result ?? null)],
  );
  if (rows.length === 0) {
    const [still] = await conn.query(`SELECT 1 AS ok WHERE ${FENCE}`, [ctx.deliveryId, ctx.workerId]);
    if (!still) throw new LeaseLost(ctx.deliveryId);
  }
  ctx.memo.set(stepId, { kind, result: result ?? null });
}

export function getPath(value: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((acc, key) => (acc && typeof acc === "object" ? (acc as Record<string, unknown>)[key] : undefined), value);
}

// JSON round trip: a step's result is what a later replay gets back from the database.
const asJson = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

const PATH = String.raw`[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*`;
const WAIT_IF = new RegExp(String.raw`^\s*(event|async)\.(${PATH})\s*==\s*(event|async)\.(${PATH})\s*$`);

/**
 * The one kind of Inngest `if` expression the embedded runner evaluates: an equality between a
 * path of the triggering event and a path of the awaited one (`event.data.sessionId ==
 * async.data.data.sessionId`), which `match` cannot say when the paths differ. Anything else
 * needs Inngest, and is refused rather than ignored.
 */
export function parseWaitIf(stepId: string, expression: string): { eventPath: string; asyncPath: string } {
  const m = WAIT_IF.exec(expression);
  if (!m || m[1] === m[3]) {
    throw new Error(
      `step.waitForEvent("${stepId}"): the embedded runner evaluates \`if\` only as "event.<path> == async.<path>" (got ${JSON.stringify(expression)}); other expressions need Inngest`,
    );
  }
  return m[1] === "event" ? { eventPath: m[2]!, asyncPath: m[4]! } : { eventPath: m[4]!, asyncPath: m[2]! };
}

export function createStepTools(ctx: StepContext) {
  const seen = new Map<string, number>();
  // Like Inngest: a repeated id (a step in a loop) gets a counter suffix.
  const uniqueId = (input: StepIdInput): string => {
    const base = typeof input === "string" ? input : input.id;
    if (!base) throw new Error("a step needs an id");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}:${n}`;
  };

  const run = async <T>(idInput: StepIdInput, fn: (...args: unknown[]) => T | Promise<T>, ...args: unknown[]) => {
    const id = uniqueId(idInput);
    const memo = ctx.memo.get(id);
    if (memo) return memo.result as Awaited<T>;
    const result = asJson(await fn(...args));
    const handle = await getDbHandle();
    await saveStep(handle, ctx, id, "run", result);
    // A step that succeeded on a retry ends this execution, as a step's request does on Inngest:
    // the handler resumes at once with the next step's `attempt` (0), not this step's.
    if ((ctx.attempt ?? 0) > 0) throw new Suspend(ctx.now());
    return result as Awaited<T>;
  };

  const sleepUntilDate = async (id: string, until: Date) => {
    const memo = ctx.memo.get(id);
    const wakeAt = memo ? new Date((memo.result as { wakeAt: string }).wakeAt) : until;
    if (ctx.now() >= wakeAt) return;
    if (!memo) {
      const handle = await getDbHandle();
      await saveStep(handle, ctx, id, "sleep", { wakeAt: wakeAt.toISOString() });
    }
    throw new Suspend(wakeAt);
  };

  const sleep = async (idInput: StepIdInput, duration: DurationInput) => {
    const id = uniqueId(idInput);
    await sleepUntilDate(id, new Date(ctx.now().getTime() + durationToMs(duration)));
  };

  const sleepUntil = async (idInput: StepIdInput, time: Date | string) => {
    const id = uniqueId(idInput);
    const until = new Date(time);
    if (Number.isNaN(until.getTime())) throw new Error(`step.sleepUntil("${id}"): invalid time ${String(time)}`);
    await sleepUntilDate(id, until);
  };

  const waitForEvent = async (
    idInput: StepIdInput,
    opts: { event: string | { name: string }; timeout: DurationInput | Date | string; match?: string; if?: string },
  ) => {
    const id = uniqueId(idInput);
    const memo = ctx.memo.get(id);
    if (memo) return memo.result as Record<string, unknown> | null;
    const compare = opts.if ? parseWaitIf(id, opts.if) : null;
    const name = typeof opts.event === "string" ? opts.event : opts.event.name;
    if (!isEventType(name)) throw new Error(`step.waitForEvent("${id}"): ${name} is not a catalog event`);
    // Time-out reached while parked on this very wait: the answer is null.
    if (ctx.waitFor?.stepId === id && ctx.now() >= new Date(ctx.waitFor.expiresAt)) {
      const handle = await getDbHandle();
      await saveStep(handle, ctx, id, "wait", null);
      return null;
    }
    const now = ctx.now();
    const expiresAt =
      opts.timeout instanceof Date || (typeof opts.timeout === "string" && !Number.isNaN(Date.parse(opts.timeout)))
        ? new Date(opts.timeout)
        : new Date(now.getTime() + durationToMs(opts.timeout as DurationInput));
    if (compare && opts.match) throw new Error(`step.waitForEvent("${id}"): give \`match\` or \`if\`, not both`);
    // `match` compares one path on both events; `if` (event.A == async.B) two different ones.
    const match = compare?.asyncPath ?? opts.match ?? null;
    const triggerPath = compare?.eventPath ?? opts.match ?? null;
    const wait: WaitFor =
      ctx.waitFor?.stepId === id
        ? ctx.waitFor
        : {
            stepId: id,
            event: name,
            match,
            expected: triggerPath ? (getPath(ctx.inngestEvent, triggerPath) ?? null) : null,
            since: now.toISOString(),
            expiresAt: expiresAt.toISOString(),
          };
    throw new Suspend(new Date(wait.expiresAt), wait);
  };

  const unsupported = (name: string) => () => {
    throw new Error(`step.${name} is not supported by the embedded runner (configure Inngest to use it)`);
  };

  return {
    run,
    sleep,
    sleepUntil,
    waitForEvent,
    // Functions emit catalog events with emit() (lib/engine/emit.ts), on both engines alike.
    sendEvent: () => {
      throw new Error("step.sendEvent is not used in this app: emit catalog events with emit() from lib/engine/emit.ts");
    },
    invoke: unsupported("invoke"),
    waitForSignal: unsupported("waitForSignal"),
    sendSignal: unsupported("sendSignal"),
    fetch: unsupported("fetch"),
    ai: { infer: unsupported("ai.infer"), wrap: unsupported("ai.wrap") },
  };
}
