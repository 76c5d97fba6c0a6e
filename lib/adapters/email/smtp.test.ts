import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSmtpServer, type LocalSmtpServer } from "@/tests/smtp-server";
import { EmailDeliveryError } from "./errors";
import { SmtpEmailSender } from "./smtp";
import type { EmailMessage } from "./types";

let server: LocalSmtpServer;
beforeAll(async () => {
  server = await startSmtpServer({ user: "mailer", pass: "p@ss:word" });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const message = (over: Partial<EmailMessage> = {}): EmailMessage => ({
  notificationId: "n-1",
  from: "Intervue <no-reply@intervue.test>",
  to: "ann@example.com",
  subject: "Приглашение на интервью: Backend",
  text: "Откройте ссылку: http://localhost:3000/i/abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnop",
  html: '<p><a href="http://localhost:3000/i/abc">Начать</a></p>',
  idempotencyKey: "intervue-notification-0b7c",
  ...over,
});

async function failure(promise: Promise<unknown>): Promise<EmailDeliveryError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EmailDeliveryError);
  return err as EmailDeliveryError;
}

describe("SmtpEmailSender (real nodemailer against a local SMTP server)", () => {
  it("authenticates with the URL's credentials and delivers text and html", async () => {
    const sent = await new SmtpEmailSender(server.url, "intervue.test").send(message());
    expect(server.messages).toHaveLength(1);
    const [m] = server.messages;
    expect(m).toMatchObject({
      from: "no-reply@intervue.test",
      to: ["ann@example.com"],
      subject: "Приглашение на интервью: Backend",
      text: "Откройте ссылку: http://localhost:3000/i/abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnop",
      html: '<p><a href="http://localhost:3000/i/abc">Начать</a></p>',
      messageId: "<intervue-notification-0b7c@intervue.test>",
    });
    expect(sent).toEqual({ provider: "smtp", providerMessageId: "<intervue-notification-0b7c@intervue.test>" });
  });

  it("wrong credentials (535) are permanent", async () => {
    const url = server.url.replace("p%40ss%3Aword", "nope");
    const err = await failure(new SmtpEmailSender(url).send(message()));
    expect(err).toMatchObject({ permanent: true, status: 535 });
    expect(server.messages).toHaveLength(0);
  });

  it("a 550 recipient is permanent", async () => {
    server.failFor("gone@example.com", 550);
    const err = await failure(new SmtpEmailSender(server.url).send(message({ to: "gone@example.com" })));
    expect(err).toMatchObject({ permanent: true, status: 550 });
    expect(err.message).toMatch(/SMTP 550/);
    expect(server.messages).toHaveLength(0);
  });

  it("a 421 is transient, and the next attempt delivers", async () => {
    server.failFor("ann@example.com", 421, 1);
    const sender = new SmtpEmailSender(server.url);
    const err = await failure(sender.send(message()));
    expect(err).toMatchObject({ permanent: false, status: 421 });
    await sender.send(message());
    expect(server.messages).toHaveLength(1);
    expect(server.attempts.map((a) => a.code)).toEqual([421, 250]);
  });

  it("an unreachable server is transient", async () => {
    const err = await failure(new SmtpEmailSender("smtp://127.0.0.1:9").send(message()));
    expect(err).toMatchObject({ permanent: false, status: null });
    expect(err.message).toMatch(/SMTP server unreachable/);
  });
});
