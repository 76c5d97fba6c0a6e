import { describe, expect, it, vi } from "vitest";
import { getDb, getDbHandle } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { WAKE_CHANNEL } from "@/lib/engine/wake";
import { createAccount } from "@/tests/fixtures";
import { addDelivery, profileChange } from "./explorer.fixtures";
import { DELIVERY_NOT_FOUND, retryDelivery } from "./retry-delivery";

// The registry as configured today: the explorer grants a dead delivery this many new tries.
vi.mock("@/inngest", () => ({
  runnerFunctions: () => [{ id: "audit-log", triggers: ["user.updated"], maxAttempts: 4, handler: () => undefined }],
}));

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

async function deadDelivery(userId: string, functionId = "audit-log") {
  const event = await profileChange(userId, "Will fail");
  return addDelivery(event, {
    functionId,
    status: "dead",
    attempts: 5,
    maxAttempts: 5,
    lastError: "Error: downstream unavailable",
    log: [{ attempt: 5, outcome: "failed", error: "Error: downstream unavailable" }],
  });
}

describe("retryDelivery", () => {
  it("re-queues a dead delivery, due now, with the function's tries on top of those used, and wakes the runners", async () => {
    const user = await createAccount();
    const dead = await deadDelivery(user.id);
    const db = await getDb();
    await db.delivery.update({ where: { id: dead.id }, data: { runAt: new Date("2020-01-01"), lockedBy: "w-old", leaseUntil: new Date() } });

    const handle = await getDbHandle();
    let woken = 0;
    const unlisten = await handle.listen(WAKE_CHANNEL, () => woken++);
    try {
      const before = Date.now();
      const result = await retryDelivery({ actor: user, deliveryId: String(dead.id) });
      expect(result).toEqual({ deliveryId: String(dead.id), eventId: dead.eventId, functionId: "audit-log", maxAttempts: 9 });

      const row = await db.delivery.findUniqueOrThrow({ where: { id: dead.id } });
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
      expect(await db.deliveryAttempt.count({ where: { deliveryId: dead.id } })).toBe(1);
      await vi.waitFor(() => expect(woken).toBeGreaterThan(0), { timeout: 5000 });
    } finally {
      await unlisten();
    }
  });

  it("refuses anything but a dead delivery with CONFLICT and changes nothing", async () => {
    const user = await createAccount();
    const event = await profileChange(user.id, "Busy");
    const db = await getDb();
    for (const status of ["queued", "running", "sleeping", "waiting", "completed"] as const) {
      const delivery = await addDelivery(event, { functionId: `fn-${status}`, status });
      const err = await rejection(retryDelivery({ actor: user, deliveryId: String(delivery.id) }));
      expect(err.status).toBe(409);
      expect(err.message).toMatch(status === "completed" ? /already handled this event/ : new RegExp(`it is ${status}`));
      expect((await db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).status).toBe(status);
    }
  });

  it("refuses, with CONFLICT, a function that is no longer registered", async () => {
    const user = await createAccount();
    const dead = await deadDelivery(user.id, "retired-function");
    const err = await rejection(retryDelivery({ actor: user, deliveryId: String(dead.id) }));
    expect(err.status).toBe(409);
    expect(err.message).toBe("The function retired-function is no longer registered, so it cannot run again.");
    expect((await (await getDb()).delivery.findUniqueOrThrow({ where: { id: dead.id } })).status).toBe("dead");
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
    const row = await (await getDb()).delivery.findUniqueOrThrow({ where: { id: dead.id } });
    expect(row).toMatchObject({ status: "dead", maxAttempts: 5 });
  });

  it("a second retry of the same delivery is a conflict: it is queued already", async () => {
    const user = await createAccount();
    const dead = await deadDelivery(user.id);
    await retryDelivery({ actor: user, deliveryId: String(dead.id) });
    const err = await rejection(retryDelivery({ actor: user, deliveryId: String(dead.id) }));
    expect(err.status).toBe(409);
    expect((await (await getDb()).delivery.findUniqueOrThrow({ where: { id: dead.id } })).maxAttempts).toBe(9);
  });
});
