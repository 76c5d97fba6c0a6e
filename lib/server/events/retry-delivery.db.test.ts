import { describe, expect, it, vi } from "vitest";
import { getDb, getDbHandle } from "@/lib/db/client";
import { registerFunctions } from "@/lib/engine/dispatch";
import { describeFunction } from "@/lib/engine/functions";
import { inngest, subscribe } from "@/lib/engine/inngest-client";
import { WAKE_CHANNEL } from "@/lib/engine/wake";
import { createAccount } from "@/tests/fixtures";
import { addDelivery, profileChange } from "./explorer.fixtures";
import { DELIVERY_NOT_FOUND, retryDelivery } from "./retry-delivery";
import { rejection } from "@/tests/app-error";


/** A delivery the runner gave up on: a function with 4 retries failed 5 times. */
async function deadDelivery(userId: string) {
  const event = await profileChange(userId, "Will fail");
  const errors = ["downstream unavailable", "downstream unavailable", "downstream unavailable", "downstream unavailable", "downstream unavailable"];
  return addDelivery(event, { name: "mailer", status: "dead", errors });
}

/** The function as a newer release configures it, registered the way a runner registers it. */
async function redeploy(functionId: string, retries: 0 | 1 | 2 | 3) {
  const fn = inngest.createFunction({ id: functionId, retries, ...subscribe("user.updated") }, async () => null);
  const handle = await getDbHandle();
  await handle.transaction((conn) => registerFunctions(conn, [describeFunction(fn)], "newer-release"));
}

describe("retryDelivery", () => {
  it("re-queues a dead delivery, due now, with the tries its function is configured with today on top of those used, and wakes the runners", async () => {
    const user = await createAccount();
    const dead = await deadDelivery(user.id);
    expect(dead).toMatchObject({ status: "dead", attempts: 5, maxAttempts: 5, lastError: "Error: downstream unavailable" });
    // Since it died, the function was redeployed with 3 retries: 4 tries.
    await redeploy(dead.functionId, 3);
    const db = await getDb();

    const handle = await getDbHandle();
    let woken = 0;
    const unlisten = await handle.listen(WAKE_CHANNEL, () => woken++);
    try {
      const before = Date.now();
      const result = await retryDelivery({ actor: user, deliveryId: String(dead.id) });
      // Re-queued at the back of its key's line: a new, higher id.
      expect(result).toEqual({ deliveryId: expect.any(String), eventId: dead.eventId, functionId: dead.functionId, maxAttempts: 9 });
      const newId = BigInt(result.deliveryId);
      expect(newId > dead.id).toBe(true);
      expect(await db.delivery.findUnique({ where: { id: dead.id } })).toBeNull();

      const row = await db.delivery.findUniqueOrThrow({ where: { id: newId } });
      expect(row).toMatchObject({
        status: "queued",
        attempts: 5,
        maxAttempts: 9,
        finishedAt: null,
        leaseUntil: null,
        lockedBy: null,
        // History stays until the next run overwrites it.
        lastError: "Error: downstream unavailable",
      });
      expect(row.runAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(row.runAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
      // Its history follows it to the new id.
      expect(await db.deliveryAttempt.count({ where: { deliveryId: newId, outcome: "failed" } })).toBe(5);
      expect(await db.deliveryAttempt.count({ where: { deliveryId: newId } })).toBe(5);
      await vi.waitFor(() => expect(woken).toBeGreaterThan(0), { timeout: 5000 });
    } finally {
      await unlisten();
    }
  });

  it("refuses anything but a dead delivery with CONFLICT and changes nothing", async () => {
    const user = await createAccount();
    const event = await profileChange(user.id, "Busy");
    const db = await getDb();
    const deliveries = [
      await addDelivery(event, { status: "queued" }),
      await addDelivery(event, { name: "retry-later", status: "queued", errors: ["try again in an hour"] }),
      await addDelivery(event, { status: "running" }),
      await addDelivery(event, { status: "sleeping" }),
      await addDelivery(event, { status: "waiting" }),
      await addDelivery(event, { status: "completed", errors: ["flaky once"] }),
    ];
    for (const delivery of deliveries) {
      const { status } = delivery;
      const err = await rejection(retryDelivery({ actor: user, deliveryId: String(delivery.id) }));
      expect(err.status).toBe(409);
      expect(err.message).toMatch(status === "completed" ? /already handled this event/ : new RegExp(`it is ${status}`));
      expect(await db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).toEqual(delivery);
    }
    expect(deliveries.map((d) => d.status)).toEqual(["queued", "queued", "running", "sleeping", "waiting", "completed"]);
  });

  it("refuses, with CONFLICT, a function that is no longer registered: gone, or unseen for longer than the TTL", async () => {
    const user = await createAccount();
    const handle = await getDbHandle();
    const gone = await deadDelivery(user.id);
    await handle.query("DELETE FROM engine_functions WHERE function_id = $1", [gone.functionId]);
    const unseen = await deadDelivery(user.id);
    await handle.query("UPDATE engine_functions SET last_seen_at = now() - interval '8 days' WHERE function_id = $1", [unseen.functionId]);
    for (const dead of [gone, unseen]) {
      const err = await rejection(retryDelivery({ actor: user, deliveryId: String(dead.id) }));
      expect(err.status).toBe(409);
      expect(err.message).toBe(`The function ${dead.functionId} is no longer registered, so it cannot run again.`);
      expect(await (await getDb()).delivery.findUniqueOrThrow({ where: { id: dead.id } })).toEqual(dead);
    }
  });

  it("is NOT_FOUND for another account's delivery, an unknown id and a malformed one", async () => {
    const owner = await createAccount();
    const stranger = await createAccount();
    const dead = await deadDelivery(owner.id);
    for (const deliveryId of [String(dead.id), "999999999", "abc", "1; DROP TABLE deliveries", "", null, 12]) {
      const err = await rejection(retryDelivery({ actor: stranger, deliveryId }));
      expect(err.status).toBe(404);
      expect(err.message).toBe(DELIVERY_NOT_FOUND);
    }
    expect(await (await getDb()).delivery.findUniqueOrThrow({ where: { id: dead.id } })).toEqual(dead);
  });

  it("a second retry of the same delivery is a conflict: it is queued already", async () => {
    const user = await createAccount();
    const dead = await deadDelivery(user.id);
    // As registered by the runner that ran it: 4 retries, 5 tries.
    const first = await retryDelivery({ actor: user, deliveryId: String(dead.id) });
    expect(first).toMatchObject({ maxAttempts: 10 });
    const err = await rejection(retryDelivery({ actor: user, deliveryId: first.deliveryId }));
    expect(err.status).toBe(409);
    expect(err.message).toMatch(/it is queued/);
    // The old id (a stale page) names nothing any more.
    expect((await rejection(retryDelivery({ actor: user, deliveryId: String(dead.id) }))).status).toBe(404);
    expect((await (await getDb()).delivery.findUniqueOrThrow({ where: { id: BigInt(first.deliveryId) } })).maxAttempts).toBe(10);
  });
});
