import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliveryFailure } from "@/tests/delivery-error";
import { startResendServer, type ResendServer } from "@/tests/resend-server";
import { ResendEmailSender } from "./resend";
import type { EmailMessage } from "./types";

let server: ResendServer;
beforeAll(async () => {
  server = await startResendServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const message = (over: Partial<EmailMessage> = {}): EmailMessage => ({
  notificationId: "n-1",
  from: "Intervue <no-reply@intervue.test>",
  to: "ann@example.com",
  subject: "Your interview",
  text: "Open http://localhost:3000/i/abc",
  html: '<p><a href="http://localhost:3000/i/abc">Start</a></p>',
  idempotencyKey: `key-${Math.random()}`,
  ...over,
});

describe("ResendEmailSender (real resend SDK against a local Resend API)", () => {
  it("posts the email with text, html and the idempotency key, and returns Resend's id", async () => {
    const sender = new ResendEmailSender(server.apiKey, server.url);
    const sent = await sender.send(message({ idempotencyKey: "intervue-notification-1" }));
    expect(server.emails).toHaveLength(1);
    const [email] = server.emails;
    expect(sent).toEqual({ provider: "resend", providerMessageId: email!.id });
    expect(email).toMatchObject({
      from: "Intervue <no-reply@intervue.test>",
      to: ["ann@example.com"],
      subject: "Your interview",
      text: "Open http://localhost:3000/i/abc",
      html: '<p><a href="http://localhost:3000/i/abc">Start</a></p>',
      idempotencyKey: "intervue-notification-1",
    });
  });

  it("sends an email once however often it is retried with the same key", async () => {
    const sender = new ResendEmailSender(server.apiKey, server.url);
    const m = message();
    const first = await sender.send(m);
    const second = await sender.send(m);
    expect(second.providerMessageId).toBe(first.providerMessageId);
    expect(server.emails).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it("a 422 (invalid recipient) is permanent", async () => {
    server.failFor("bad@example.com", 422);
    const err = await deliveryFailure(new ResendEmailSender(server.apiKey, server.url).send(message({ to: "bad@example.com" })));
    expect(err).toMatchObject({ permanent: true, status: 422 });
    expect(err.message).toMatch(/Resend answered 422: Invalid `to` field/);
    expect(server.emails).toHaveLength(0);
  });

  it.each([500, 429] as const)("a %i is transient, and the retry with the same key succeeds", async (status) => {
    server.failFor("ann@example.com", status, 1);
    const sender = new ResendEmailSender(server.apiKey, server.url);
    const m = message();
    const err = await deliveryFailure(sender.send(m));
    expect(err).toMatchObject({ permanent: false, status });
    await sender.send(m);
    expect(server.emails).toHaveLength(1);
    expect(server.requests.map((r) => r.idempotencyKey)).toEqual([m.idempotencyKey, m.idempotencyKey]);
  });

  // A configuration error is ours, not the candidate's: it must not mark every address failed.
  it("a wrong API key (401) is transient: retried, then dead, never the recipient's fault", async () => {
    const err = await deliveryFailure(new ResendEmailSender("re_wrong", server.url).send(message()));
    expect(err).toMatchObject({ permanent: false, status: 401 });
  });

  it("a 403 (domain not verified) is transient", async () => {
    server.failFor("ann@example.com", 403);
    const err = await deliveryFailure(new ResendEmailSender(server.apiKey, server.url).send(message()));
    expect(err).toMatchObject({ permanent: false, status: 403 });
  });

  it("a 422 about the sender, not the recipient, is transient", async () => {
    server.failFor("ann@example.com", 422, 1, { name: "invalid_from_address", message: "Invalid `from` field. The email address needs to follow the `email@example.com` format." });
    const err = await deliveryFailure(new ResendEmailSender(server.apiKey, server.url).send(message()));
    expect(err).toMatchObject({ permanent: false, status: 422 });
  });

  it("an unreachable API is transient", async () => {
    const err = await deliveryFailure(new ResendEmailSender(server.apiKey, "http://127.0.0.1:9").send(message()));
    expect(err).toMatchObject({ permanent: false, status: null });
    expect(err.message).toMatch(/Resend could not be reached/);
  });
});
