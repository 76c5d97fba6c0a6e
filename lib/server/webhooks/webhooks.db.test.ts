// Webhook endpoints: registration (the secret once, event types checked, private addresses
// refused with readable messages), deletion, and the delivery-time guard of one request (no
// private address, no redirect, a time limit, a byte limit on the response kept).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The receiver listens on 127.0.0.1.
vi.hoisted(() => {
  process.env.WEBHOOKS_ALLOW_PRIVATE = "true";
});

import { getDb } from "@/lib/db/client";
import { createAccount } from "@/tests/fixtures";
import { createWebhookEndpoint } from "./create-webhook-endpoint";
import { deleteWebhookEndpoint } from "./delete-webhook-endpoint";
import { attemptWebhookDelivery, planWebhookDeliveries } from "./deliver-webhooks";
import { forgetWebhookDeliveries } from "./forget-webhook-deliveries";
import { getWebhookEndpoint } from "./get-webhook-endpoint";
import { listWebhookDeliveries } from "./list-webhook-deliveries";
import { listWebhookEndpoints } from "./list-webhook-endpoints";
import { sendWebhook } from "./send-webhook";
import { endpointFor, hookPath, interviewCreated, startReceiver, type Receiver } from "./webhooks.fixtures";

let rx: Receiver;
beforeAll(async () => {
  rx = await startReceiver();
});
afterAll(() => rx.close());

describe("registering an endpoint", () => {
  it("answers the secret once; lists and gets never show it; other accounts get 404", async () => {
    const owner = await createAccount();
    const other = await createAccount();
    const created = await createWebhookEndpoint({ actor: owner, input: { url: `${rx.base}/x`, eventTypes: ["interview.created", "candidate.completed", "interview.created"] } });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    // In catalog order, once each.
    expect(created).toMatchObject({ url: `${rx.base}/x`, eventTypes: ["interview.created", "candidate.completed"], enabled: true });
    const listed = await listWebhookEndpoints({ actor: owner });
    expect(listed.map((e) => e.id)).toEqual([created.id]);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    expect(JSON.stringify(await getWebhookEndpoint({ actor: owner, endpointId: created.id }))).not.toContain("whsec_");
    expect(await listWebhookEndpoints({ actor: other })).toEqual([]);
    for (const call of [
      () => getWebhookEndpoint({ actor: other, endpointId: created.id }),
      () => deleteWebhookEndpoint({ actor: other, endpointId: created.id }),
      () => listWebhookDeliveries({ actor: other, endpointId: created.id }),
      () => getWebhookEndpoint({ actor: owner, endpointId: "not-a-uuid" }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND", message: "This webhook endpoint does not exist or was deleted." });
    }
  });

  it("refuses unknown event types, an empty list and private addresses with readable messages", async () => {
    const owner = await createAccount();
    await expect(createWebhookEndpoint({ actor: owner, input: { url: `${rx.base}/x`, eventTypes: ["interview.created", "interview.exploded"] } })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { "eventTypes.1": [expect.stringContaining('Unknown event type "interview.exploded"')] },
    });
    await expect(createWebhookEndpoint({ actor: owner, input: { url: `${rx.base}/x`, eventTypes: [] } })).rejects.toMatchObject({
      fieldErrors: { eventTypes: ["Choose at least one event type."] },
    });
    for (const url of ["https://127.0.0.1/hook", "https://169.254.169.254/latest/meta-data", "https://[fd00::1]/", "https://localhost/hook", "http://93.184.215.14/"]) {
      await expect(createWebhookEndpoint({ actor: owner, input: { url, eventTypes: ["interview.created"] }, guard: { allowPrivate: false } }), url).rejects.toMatchObject({
        code: "VALIDATION",
        fieldErrors: { url: [expect.stringMatching(/internal address|must use https/)] },
      });
    }
    expect(await listWebhookEndpoints({ actor: owner })).toEqual([]);
  });

  it("delete: gone from the list, its secret wiped, a second delete is a 404", async () => {
    const owner = await createAccount();
    const created = await endpointFor(rx, owner, hookPath(), ["interview.created"]);
    await deleteWebhookEndpoint({ actor: owner, endpointId: created.id });
    expect(await listWebhookEndpoints({ actor: owner })).toEqual([]);
    const row = await (await getDb()).webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ secret: "", enabled: false });
    expect(row.deletedAt).not.toBeNull();
    await expect(deleteWebhookEndpoint({ actor: owner, endpointId: created.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the delivery-time guard", () => {
  it("refuses to connect to a private address when private addresses are not allowed", async () => {
    const secret = (await endpointFor(rx, await createAccount(), hookPath(), ["interview.created"])).secret;
    const before = rx.received.length;
    const refused = await sendWebhook({ url: `https://localhost:${new URL(rx.base).port}/x`, secret, messageId: "m", body: "{}", allowPrivate: false });
    expect(refused).toMatchObject({ ok: false, status: null, error: expect.stringMatching(/internal address/) });
    const literal = await sendWebhook({ url: `https://127.0.0.1:${new URL(rx.base).port}/x`, secret, messageId: "m", body: "{}", allowPrivate: false });
    expect(literal).toMatchObject({ ok: false, status: null, error: expect.stringMatching(/internal address/) });
    expect(rx.received.length).toBe(before);
  });

  it("does not follow redirects, times out, and keeps only the start of a long response", async () => {
    const secret = (await endpointFor(rx, await createAccount(), hookPath(), ["interview.created"])).secret;
    const redirect = hookPath();
    rx.plan(redirect, [302]);
    const r = await sendWebhook({ url: rx.base + redirect, secret, messageId: "m", body: "{}" });
    expect(r).toMatchObject({ ok: false, status: 302, error: expect.stringContaining("redirects are not followed") });
    // Control characters of the response are not stored.
    expect(r.error).not.toContain("\u0000");
    const slow = http.createServer(() => {});
    const big = http.createServer((_req, res) => res.writeHead(500).end("x".repeat(100_000)));
    await Promise.all([slow, big].map((s) => new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve))));
    try {
      const t = await sendWebhook({ url: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/`, secret, messageId: "m", body: "{}", timeoutMs: 300 });
      expect(t).toMatchObject({ ok: false, status: null, error: "No complete response within 0.3 s." });
      const b = await sendWebhook({ url: `http://127.0.0.1:${(big.address() as AddressInfo).port}/`, secret, messageId: "m", body: "{}" });
      expect(b.status).toBe(500);
      expect(b.error!.length).toBeLessThanOrEqual(4096 + 20);
    } finally {
      slow.closeAllConnections();
      await Promise.all([slow, big].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    }
  });
});

describe("forgetting an erased candidate's deliveries", () => {
  it("removes the logged bodies of the given events; a pending retry then sends nothing", async () => {
    const owner = await createAccount();
    const path = hookPath();
    const endpoint = await endpointFor(rx, owner, path, ["interview.created"], [500]);
    const event = await interviewCreated(owner);
    const { deliveries } = await planWebhookDeliveries(event);
    expect(deliveries).toEqual([{ id: expect.any(String), endpointId: endpoint.id }]);
    expect(await attemptWebhookDelivery({ deliveryId: deliveries[0]!.id, final: false })).toMatchObject({ state: "retry", status: 500 });
    const db = await getDb();
    expect(await db.$transaction((tx) => forgetWebhookDeliveries(tx, [event.eventId]))).toBe(1);
    expect(await attemptWebhookDelivery({ deliveryId: deliveries[0]!.id, final: true })).toEqual({ state: "skipped", status: null });
    expect(rx.to(path)).toHaveLength(1);
  });
});
