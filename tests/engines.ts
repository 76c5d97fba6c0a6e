// Runs one consumer function on one event on either engine, as a new delivery of that event
// would: through Inngest's own test engine (@inngest/test), or through the embedded runner on
// the test database. Consumer tests run on both (describe.each(engines)), so a function
// behaves the same whichever engine delivers it.
import { InngestTestEngine } from "@inngest/test";
import type { InngestFunction } from "inngest";
import { expect } from "vitest";
import { getDbHandle } from "@/lib/db/client";
import { registerFunctions } from "@/lib/engine/dispatch";
import { describeFunction } from "@/lib/engine/functions";
import { toInngestEvent } from "@/lib/engine/inngest-client";
import { EventRunner } from "@/lib/engine/runner";
import type { DomainEvent } from "@/lib/events/catalog";

export type Engine = { name: string; execute: (fn: InngestFunction.Any, event: DomainEvent) => Promise<unknown> };

const quiet = { info() {}, warn() {}, error() {} };

export const inngestTestEngine: Engine = {
  name: "@inngest/test",
  async execute(fn, event) {
    const engine = new InngestTestEngine({ function: fn, events: [toInngestEvent(event) as never] });
    const { result, error } = await engine.execute();
    expect(error).toBeUndefined();
    return result;
  },
};

/**
 * A fresh delivery of a stored `event` to one function on the embedded runner's tables, and
 * only that one: the function is registered (under `source`), every other stored event is
 * marked relayed (not this test's to deliver) and an earlier delivery of the same pair is
 * removed. Returns the delivery's id.
 */
export async function newDelivery(
  described: ReturnType<typeof describeFunction>,
  event: DomainEvent,
  source: string,
  maxAttempts = 1,
): Promise<string> {
  const handle = await getDbHandle();
  await handle.transaction((conn) => registerFunctions(conn, [described], source));
  await handle.query("UPDATE events SET relayed_at = now() WHERE relayed_at IS NULL");
  await handle.query("DELETE FROM deliveries WHERE event_id = $1 AND function_id = $2", [event.eventId, described.id]);
  const [row] = await handle.query<{ id: string }>(
    `INSERT INTO deliveries (event_seq, event_id, function_id, partition_key, max_attempts)
     SELECT seq, event_id, $2, partition_key, $3 FROM events WHERE event_id = $1 RETURNING id::text AS id`,
    [event.eventId, described.id, maxAttempts],
  );
  if (!row) throw new Error(`event ${event.eventId} is not stored`);
  return row.id;
}

export const embeddedRunner: Engine = {
  name: "the embedded runner",
  async execute(fn, event) {
    const described = describeFunction(fn);
    const handle = await getDbHandle();
    const deliveryId = await newDelivery(described, event, "tests/engines");
    const runner = new EventRunner({ functions: [described], logger: quiet });
    await runner.drain();
    const [done] = await handle.query<{ status: string; output: unknown; last_error: string | null }>(
      "SELECT status, output, last_error FROM deliveries WHERE id = $1",
      [deliveryId],
    );
    expect(done, `delivery ${deliveryId}`).toMatchObject({ status: "completed", last_error: null });
    return done!.output;
  },
};

export const engines: Engine[] = [inngestTestEngine, embeddedRunner];
