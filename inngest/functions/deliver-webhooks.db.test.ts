// The deliver-webhooks consumer on both engines, against a local receiver: who receives what
// (the owner's enabled endpoints of the event's type only, nothing for an event of no account),
// Standard Webhooks signatures checked with the reference library (npm standardwebhooks), a
// retry after a 500 that does not send again to an endpoint that already succeeded, disabling
// after repeated failures with one email to the owner, resend, and account deletion.
import { InngestTestEngine } from "@inngest/test";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The receiver listens on 127.0.0.1; one retry after 1 s; disabled after 2 failed deliveries.
vi.hoisted(() => {
  process.env.WEBHOOKS_ALLOW_PRIVATE = "true";
  process.env.WEBHOOK_RETRY_SCHEDULE = "1";
  process.env.WEBHOOK_DISABLE_AFTER = "2";
});

import { getDb, getDbHandle } from "@/lib/db/client";
import { describeFunction } from "@/lib/engine/functions";
import { toInngestEvent } from "@/lib/engine/inngest-client";
import { EventRunner } from "@/lib/engine/runner";
import type { DomainEvent } from "@/lib/events/catalog";
import { setPlan } from "@/lib/server/quotas/set-plan";
import { deleteAccount } from "@/lib/server/users/delete-account";
import { enableWebhookEndpoint } from "@/lib/server/webhooks/enable-webhook-endpoint";
import { getWebhookEndpoint } from "@/lib/server/webhooks/get-webhook-endpoint";
import { listWebhookDeliveries } from "@/lib/server/webhooks/list-webhook-deliveries";
import { resendWebhookDelivery } from "@/lib/server/webhooks/resend-webhook-delivery";
import { endpointFor, hookPath, interviewCreated, startReceiver, type Receiver } from "@/lib/server/webhooks/webhooks.fixtures";
import { createAccount } from "@/tests/fixtures";
import { engines, newDelivery, type Engine } from "@/tests/engines";
import { deliverWebhooksFn } from "./deliver-webhooks";

let rx: Receiver;
beforeAll(async () => {
  rx = await startReceiver();
});
afterAll(() => rx.close());

const quiet = { info() {}, warn() {}, error() {} };

/** Runs the function on `event` to its end, its retry sleeps given as done (@inngest/test) or made due (the runner). */
async function deliver(engine: Engine, event: DomainEvent): Promise<unknown> {
  if (engine.name === "@inngest/test") {
    const test = new InngestTestEngine({ function: deliverWebhooksFn, events: [toInngestEvent(event) as never], steps: [{ id: "wait-1", handler: () => null }] });
    const { result, error } = await test.execute();
    expect(error).toBeUndefined();
    return result;
  }
  const described = describeFunction(deliverWebhooksFn);
  const handle = await getDbHandle();
  const id = await newDelivery(described, event, "tests/webhooks", 3);
  const runner = new EventRunner({ functions: [described], logger: quiet });
  for (let round = 0; round < 5; round++) {
    await runner.drain();
    const [d] = await handle.query<{ status: string; output: unknown; last_error: string | null }>("SELECT status, output, last_error FROM deliveries WHERE id = $1", [id]);
    if (d!.status === "completed") return d!.output;
    expect(d!.status, d!.last_error ?? "").toBe("sleeping");
    // Time passes: the retry's wake-up is due now.
    await handle.query("UPDATE delivery_steps SET result = jsonb_build_object('wakeAt', '2000-01-01T00:00:00.000Z') WHERE delivery_id = $1 AND kind = 'sleep'", [id]);
    await handle.query("UPDATE deliveries SET run_at = now() WHERE id = $1", [id]);
  }
  throw new Error("the delivery did not finish");
}

describe.each(engines)("deliver-webhooks on $name", (engine) => {
  it("sends an event to the owner's endpoints of its type only, signed per Standard Webhooks", async () => {
    const owner = await createAccount();
    const other = await createAccount();
    const [a, b, c, d] = [hookPath(), hookPath(), hookPath(), hookPath()];
    const mine = await endpointFor(rx, owner, a, ["interview.created"]);
    await endpointFor(rx, owner, b, ["candidate.completed"]);
    const off = await endpointFor(rx, owner, c, ["interview.created"]);
    await (await getDb()).webhookEndpoint.update({ where: { id: off.id }, data: { enabled: false } });
    await endpointFor(rx, other, d, ["interview.created"]);
    const event = await interviewCreated(owner);

    expect(await deliver(engine, event)).toMatchObject({ endpoints: 1, delivered: 1, failed: 0 });
    expect([rx.to(b), rx.to(c), rx.to(d)]).toEqual([[], [], []]);
    const [request] = rx.to(a);
    expect(rx.to(a)).toHaveLength(1);
    expect(request!.headers["webhook-id"]).toBe(event.eventId);
    expect(request!.headers["content-type"]).toBe("application/json");
    const payload = new Webhook(mine.secret).verify(request!.body, request!.headers as Record<string, string>);
    expect(payload).toEqual({ type: "interview.created", timestamp: event.timestamp, data: event });
    const [logged] = await listWebhookDeliveries({ actor: owner, endpointId: mine.id });
    expect(logged).toMatchObject({ messageId: event.eventId, eventType: "interview.created", status: "delivered", attempts: 1, responseStatus: 200, error: null });

    // Delivered again (at-least-once): nothing is sent twice.
    await deliver(engine, event);
    expect(rx.to(a)).toHaveLength(1);
  });

  it("sends nothing for an event of no account", async () => {
    const owner = await createAccount();
    const path = hookPath();
    await endpointFor(rx, owner, path, ["interview.created"]);
    const event = await interviewCreated(owner);
    await (await getDb()).event.update({ where: { eventId: event.eventId }, data: { ownerId: null } });
    expect(await deliver(engine, event)).toMatchObject({ endpoints: 0 });
    expect(rx.to(path)).toEqual([]);
  });

  it("retries an endpoint that answered 500, and only that one", async () => {
    const owner = await createAccount();
    const [ok, flaky] = [hookPath(), hookPath()];
    await endpointFor(rx, owner, ok, ["interview.created"]);
    const f = await endpointFor(rx, owner, flaky, ["interview.created"], [500]);
    const event = await interviewCreated(owner);
    expect(await deliver(engine, event)).toMatchObject({ endpoints: 2, delivered: 2, failed: 0 });
    expect(rx.to(ok)).toHaveLength(1);
    expect(rx.to(flaky)).toHaveLength(2);
    // The same message id on the retry, a valid signature on both tries.
    expect(rx.to(flaky).map((r) => r.headers["webhook-id"])).toEqual([event.eventId, event.eventId]);
    for (const r of rx.to(flaky)) expect(() => new Webhook(f.secret).verify(r.body, r.headers as Record<string, string>)).not.toThrow();
    const [logged] = await listWebhookDeliveries({ actor: owner, endpointId: f.id });
    expect(logged).toMatchObject({ status: "delivered", attempts: 2, responseStatus: 200 });
  });

  it("disables an endpoint after two deliveries failed every retry, emails the owner once; a success resets the count", async () => {
    const owner = await createAccount();
    const path = hookPath();
    const endpoint = await endpointFor(rx, owner, path, ["interview.created"], [500, 503, 200, 500, 500, 500, 500]);
    const db = await getDb();
    // More interviews than the free plan's three.
    await setPlan({ input: { email: owner.email, plan: "pro" } });
    // 1st event: 500, then 503 → failed (1 in a row).
    expect(await deliver(engine, await interviewCreated(owner))).toMatchObject({ failed: 1 });
    expect((await getWebhookEndpoint({ actor: owner, endpointId: endpoint.id })).consecutiveFailures).toBe(1);
    // 2nd: 200 → the count starts again.
    expect(await deliver(engine, await interviewCreated(owner))).toMatchObject({ delivered: 1 });
    expect((await getWebhookEndpoint({ actor: owner, endpointId: endpoint.id })).consecutiveFailures).toBe(0);
    // 3rd and 4th fail every try: disabled after the 4th, one email.
    expect(await deliver(engine, await interviewCreated(owner))).toMatchObject({ failed: 1, disabled: 0 });
    expect(await deliver(engine, await interviewCreated(owner))).toMatchObject({ failed: 1, disabled: 1 });
    const view = await getWebhookEndpoint({ actor: owner, endpointId: endpoint.id });
    expect(view).toMatchObject({ enabled: false, consecutiveFailures: 2, disabledReason: "Disabled after 2 deliveries in a row failed after every retry." });
    const emails = await db.notification.findMany({ where: { userId: owner.id, template: "webhook-disabled" } });
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ to: owner.email, status: "sent", provider: "outbox", subject: `Webhook endpoint disabled: ${new URL(rx.base).host}` });
    expect(emails[0]!.text).toContain(rx.base + path);
    expect(await db.event.count({ where: { partitionKey: owner.id, eventType: "notification.sent", data: { path: ["notificationId"], equals: emails[0]!.id } } })).toBe(1);
    expect(rx.to(path)).toHaveLength(7);

    // Disabled: nothing more is sent.
    expect(await deliver(engine, await interviewCreated(owner))).toMatchObject({ endpoints: 0 });
    expect(rx.to(path)).toHaveLength(7);
    // Turned on again, with a fresh count.
    expect(await enableWebhookEndpoint({ actor: owner, endpointId: endpoint.id })).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null });
    expect(await deliver(engine, await interviewCreated(owner))).toMatchObject({ delivered: 1 });
  });
});

describe("resend", () => {
  it("sends the stored body again with the same webhook-id and a valid signature; a success resets the failure count", async () => {
    const owner = await createAccount();
    const path = hookPath();
    const endpoint = await endpointFor(rx, owner, path, ["interview.created"], [500, 500]);
    const event = await interviewCreated(owner);
    await deliver(engines[1]!, event);
    const [failed] = await listWebhookDeliveries({ actor: owner, endpointId: endpoint.id });
    expect(failed).toMatchObject({ status: "failed", attempts: 2, responseStatus: 500, error: "HTTP 500: receiver says 500" });
    expect((await getWebhookEndpoint({ actor: owner, endpointId: endpoint.id })).consecutiveFailures).toBe(1);

    const resent = await resendWebhookDelivery({ actor: owner, endpointId: endpoint.id, deliveryId: failed!.id });
    expect(resent).toMatchObject({ id: failed!.id, status: "delivered", attempts: 3, responseStatus: 200, error: null });
    const tries = rx.to(path);
    expect(tries).toHaveLength(3);
    expect(tries[2]!.body).toBe(tries[0]!.body);
    expect(tries[2]!.headers["webhook-id"]).toBe(event.eventId);
    expect(new Webhook(endpoint.secret).verify(tries[2]!.body, tries[2]!.headers as Record<string, string>)).toMatchObject({ type: "interview.created" });
    expect((await getWebhookEndpoint({ actor: owner, endpointId: endpoint.id })).consecutiveFailures).toBe(0);

    const other = await createAccount();
    await expect(resendWebhookDelivery({ actor: other, endpointId: endpoint.id, deliveryId: failed!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const second = await endpointFor(rx, owner, hookPath(), ["interview.created"]);
    await expect(resendWebhookDelivery({ actor: owner, endpointId: second.id, deliveryId: failed!.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "This delivery does not exist.",
    });
  });
});

describe("account deletion", () => {
  it("removes the account's endpoints, their secrets and delivery logs", async () => {
    const owner = await createAccount();
    const endpoint = await endpointFor(rx, owner, hookPath(), ["interview.created", "user.deleted"]);
    await deliver(engines[1]!, await interviewCreated(owner));
    const db = await getDb();
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(1);
    await deleteAccount({ actor: owner, input: { confirmEmail: owner.email } });
    expect(await db.webhookEndpoint.count({ where: { userId: owner.id } })).toBe(0);
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(0);
  });
});
