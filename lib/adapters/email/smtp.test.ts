import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliveryFailure } from "@/tests/delivery-error";
import { startSmtpServer, type LocalSmtpServer } from "@/tests/smtp-server";
import { isRecipientRejection, SmtpEmailSender } from "./smtp";
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

  // A configuration error is ours, not the candidate's: it must not mark every address failed.
  it("wrong credentials (535) are transient: retried, then dead, never the recipient's fault", async () => {
    const url = server.url.replace("p%40ss%3Aword", "nope");
    const err = await deliveryFailure(new SmtpEmailSender(url).send(message()));
    expect(err).toMatchObject({ permanent: false, status: 535 });
    expect(server.messages).toHaveLength(0);
  });

  it("missing credentials (530 authentication required, at MAIL FROM) are transient", async () => {
    const url = server.url.replace(/\/\/[^@]+@/, "//");
    const err = await deliveryFailure(new SmtpEmailSender(url).send(message()));
    expect(err).toMatchObject({ permanent: false, status: 530 });
    expect(server.messages).toHaveLength(0);
  });

  it("a 550 recipient is permanent", async () => {
    server.failFor("gone@example.com", 550);
    const err = await deliveryFailure(new SmtpEmailSender(server.url).send(message({ to: "gone@example.com" })));
    expect(err).toMatchObject({ permanent: true, status: 550 });
    expect(err.message).toMatch(/SMTP 550/);
    expect(server.messages).toHaveLength(0);
  });

  it("a 421 is transient, and the next attempt delivers", async () => {
    server.failFor("ann@example.com", 421, 1);
    const sender = new SmtpEmailSender(server.url);
    const err = await deliveryFailure(sender.send(message()));
    expect(err).toMatchObject({ permanent: false, status: 421 });
    await sender.send(message());
    expect(server.messages).toHaveLength(1);
    expect(server.attempts.map((a) => a.code)).toEqual([421, 250]);
  });

  it("an unreachable server is transient", async () => {
    const err = await deliveryFailure(new SmtpEmailSender("smtp://127.0.0.1:9").send(message()));
    expect(err).toMatchObject({ permanent: false, status: null });
    expect(err.message).toMatch(/SMTP server unreachable/);
  });
});

describe("isRecipientRejection", () => {
  const smtpError = (command: string, responseCode: number, response: string) =>
    Object.assign(new Error(response), { command, responseCode, response });

  it("is true for a 550/551/552/553 answer to RCPT TO about the mailbox", () => {
    expect(isRecipientRejection(smtpError("RCPT TO", 550, "550 5.1.1 No such user here"))).toBe(true);
    expect(isRecipientRejection(smtpError("RCPT TO", 551, "551 User not local"))).toBe(true);
    expect(isRecipientRejection(smtpError("RCPT TO", 553, "553 5.1.3 Mailbox name not allowed"))).toBe(true);
  });

  it("is false for policy and configuration answers, and for any other command", () => {
    // Relaying denied: our server is not allowed to send for us, every recipient would fail.
    expect(isRecipientRejection(smtpError("RCPT TO", 550, "550 5.7.1 Relaying denied"))).toBe(false);
    expect(isRecipientRejection(smtpError("RCPT TO", 530, "530 5.7.0 Authentication required"))).toBe(false);
    expect(isRecipientRejection(smtpError("RCPT TO", 451, "451 4.3.0 Try later"))).toBe(false);
    expect(isRecipientRejection(smtpError("AUTH PLAIN", 535, "535 5.7.8 Authentication credentials invalid"))).toBe(false);
    expect(isRecipientRejection(smtpError("AUTH PLAIN", 534, "534 5.7.9 Authentication mechanism is too weak"))).toBe(false);
    expect(isRecipientRejection(smtpError("MAIL FROM", 550, "550 5.1.8 Sender address rejected"))).toBe(false);
    expect(isRecipientRejection(smtpError("DATA", 554, "554 5.6.0 Transaction failed"))).toBe(false);
  });
});
