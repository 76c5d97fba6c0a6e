// How a consumer function publishes catalog events, on either engine: a memoised step that
// validates each event against the catalog and writes it to the outbox in one transaction,
// with the triggering event as its cause and its correlation id. From the outbox the event
// reaches its consumers like any other (the runner's dispatcher, or the relay to Inngest) and
// shows in the events explorer. `step.sendEvent` is not used: on Inngest it would bypass the
// catalog, the event log and the explorer (eslint refuses it in inngest/).
//
// Exactly once: each emitted event's id is derived from the triggering event, the function, the
// step and its position, so a step replayed after a crash (its effect committed, its result not
// yet recorded), or a second run of the same event, finds its events stored and adds nothing.
import { createHash } from "node:crypto";
import { getDb } from "@/lib/db/client";
import type { DomainEvent, EventType } from "@/lib/events/catalog";
import { publish, type PublishInput } from "@/lib/events/publish";
import { relayAfterResponse } from "./relay-kick";

/** What a function emits: a catalog event without the ids the helper fills in. */
export type Emitted = { [T in EventType]: Omit<PublishInput<T>, "correlationId" | "causationId" | "eventId"> }[EventType];

/** The handler's event and step, and the emitting function's id. */
export type EmitContext = {
  event: { data: DomainEvent };
  step: { run: (id: string, fn: () => Promise<{ ids: string[] }>) => Promise<unknown> };
  functionId: string;
};

// Like step ids, an emit id used twice in one run (in a loop) gets a counter suffix.
const counters = new WeakMap<object, Map<string, number>>();

export async function emit(ctx: EmitContext, id: string, events: Emitted | Emitted[]): Promise<{ ids: string[] }> {
  const list = Array.isArray(events) ? events : [events];
  const seen = counters.get(ctx.step) ?? new Map<string, number>();
  counters.set(ctx.step, seen);
  const n = seen.get(id) ?? 0;
  seen.set(id, n + 1);
  const stepId = n === 0 ? id : `${id}:${n}`;
  const cause = ctx.event.data;
  const result = (await ctx.step.run(stepId, async () => {
    const ids = list.map((_, i) => uuidV5(`${cause.eventId}\u0000${ctx.functionId}\u0000${stepId}\u0000${i}`));
    const db = await getDb();
    await db.$transaction(async (tx) => {
      const stored = await tx.event.findMany({ where: { eventId: { in: ids } }, select: { eventId: true } });
      const have = new Set(stored.map((e) => e.eventId));
      for (const [i, input] of list.entries()) {
        if (have.has(ids[i]!)) continue;
        await publish(tx, {
          ...input,
          eventId: ids[i],
          correlationId: cause.metadata.correlationId ?? cause.eventId,
          causationId: cause.eventId,
        } as PublishInput<EventType>);
      }
    });
    relayAfterResponse();
    return { ids };
  })) as { ids: string[] };
  return result;
}

// RFC 4122 version 5 (SHA-1, name-based) in a namespace of our own.
const NAMESPACE = Buffer.from("6f0d3c9e5b8a4f21a7c2d94e18b3a5c0", "hex");

export function uuidV5(name: string): string {
  const hash = createHash("sha1").update(NAMESPACE).update(name, "utf8").digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
