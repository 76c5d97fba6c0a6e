import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboxEmailSender } from "@/lib/adapters/email/outbox";
import { ResendEmailSender } from "@/lib/adapters/email/resend";
import { SmtpEmailSender } from "@/lib/adapters/email/smtp";
import type { EmailSender } from "@/lib/adapters/email/types";
import { getDb } from "@/lib/db/client";
import { createAccount } from "@/tests/fixtures";
import { startResendServer, type ResendServer } from "@/tests/resend-server";
import { startSmtpServer, type LocalSmtpServer } from "@/tests/smtp-server";
import { PermanentEmailError, sendEmail, type SendEmailInput } from "./send-email";

let resend: ResendServer;
let smtp: LocalSmtpServer;
beforeAll(async () => {
  [resend, smtp] = await Promise.all([startResendServer(), startSmtpServer()]);
});
afterAll(async () => {
  await Promise.all([resend.close(), smtp.close()]);
});

const LINK = "http://localhost:3000/i/dGVzdC10b2tlbi10ZXN0LXRva2VuLXRlc3QtdG9rZW4";

type Adapter = {
  name: "outbox" | "resend" | "smtp";
  sender: () => EmailSender;
  /** Emails the provider received for this recipient. */
  received: (to: string) => { subject: string; text: string }[];
  failTransient: (to: string) => void;
  failPermanent: (to: string) => void;
};

const adapters: Adapter[] = [
  {
    name: "outbox",
    sender: () => new OutboxEmailSender(),
    received: () => [],
    failTransient: () => {},
    failPermanent: () => {},
  },
  {
    name: "resend",
    sender: () => new ResendEmailSender(resend.apiKey, resend.url),
    received: (to) => resend.emails.filter((e) => e.to.includes(to)).map((e) => ({ subject: e.subject, text: e.text ?? "" })),
    failTransient: (to) => resend.failFor(to, 500, 1),
    failPermanent: (to) => resend.failFor(to, 422),
  },
  {
    name: "smtp",
    sender: () => new SmtpEmailSender(smtp.url),
    received: (to) => smtp.messages.filter((m) => m.to.includes(to)).map((m) => ({ subject: m.subject, text: m.text })),
    failTransient: (to) => smtp.failFor(to, 421, 1),
    failPermanent: (to) => smtp.failFor(to, 550),
  },
];

async function input(to = `cand-${randomUUID().slice(0, 8)}@example.com`): Promise<SendEmailInput<"invitation">> {
  const user = await createAccount();
  return {
    userId: user.id,
    to,
    template: "invitation",
    locale: "ru",
    props: {
      candidateName: "Анна",
      companyName: "Acme",
      interviewTitle: "Backend",
      link: LINK,
      deadline: new Date("2026-12-31T12:00:00Z"),
      questionsCount: 2,
    },
    dedupeKey: `invitation:${randomUUID()}:1`,
  };
}

async function rows(userId: string) {
  return (await getDb()).notification.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
}

describe.each(adapters)("sendEmail with the $name adapter", (adapter) => {
  it("sends once, stores the email, and a second call with the same key sends nothing", async () => {
    const i = await input();
    const sender = adapter.sender();
    const first = await sendEmail(i, { sender, from: "Intervue <no-reply@intervue.test>" });
    expect(first).toMatchObject({ to: i.to, subject: "Acme приглашает вас на интервью: Backend", status: "sent" });
    expect(new Date(first.sentAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const [row, ...others] = await rows(i.userId);
    expect(others).toHaveLength(0);
    expect(row).toMatchObject({
      id: first.notificationId,
      type: "email",
      to: i.to,
      status: "sent",
      provider: adapter.name,
      template: "invitation",
      dedupeKey: i.dedupeKey,
      attempts: 1,
      error: null,
    });
    expect(row!.html).toContain(`href="${LINK}"`);
    expect(row!.text).toContain(LINK);
    if (adapter.name !== "outbox") {
      expect(adapter.received(i.to)).toEqual([{ subject: first.subject, text: expect.stringContaining(LINK) as string }]);
      expect(row!.providerMessageId).toBeTruthy();
    }

    const again = await sendEmail(i, { sender });
    expect(again).toEqual({ ...first, status: "duplicate" });
    expect(await rows(i.userId)).toHaveLength(1);
    if (adapter.name !== "outbox") expect(adapter.received(i.to)).toHaveLength(1);
  });

  it("two concurrent calls with the same key send one email", async () => {
    const i = await input();
    const sender = adapter.sender();
    const results = await Promise.all([sendEmail(i, { sender }), sendEmail(i, { sender })]);
    expect(results.map((r) => r.status).sort()).toEqual(["duplicate", "sent"]);
    expect(results[0]!.notificationId).toBe(results[1]!.notificationId);
    const stored = await rows(i.userId);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.attempts).toBe(1);
    if (adapter.name !== "outbox") expect(adapter.received(i.to)).toHaveLength(1);
  });

  it.skipIf(adapter.name === "outbox")("a transient failure is rethrown as an ordinary error, and the retry sends once", async () => {
    const i = await input();
    const sender = adapter.sender();
    adapter.failTransient(i.to);
    const err = await sendEmail(i, { sender }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(PermanentEmailError);
    const [queued] = await rows(i.userId);
    expect(queued).toMatchObject({ status: "queued", attempts: 1, provider: adapter.name, sentAt: null });
    expect(queued!.error).toMatch(adapter.name === "resend" ? /Resend answered 500/ : /SMTP 421/);

    const retried = await sendEmail(i, { sender });
    expect(retried.status).toBe("sent");
    const [sent, ...others] = await rows(i.userId);
    expect(others).toHaveLength(0);
    expect(sent).toMatchObject({ status: "sent", attempts: 2, error: null });
    expect(adapter.received(i.to)).toHaveLength(1);
  });

  it.skipIf(adapter.name === "outbox")("a permanent failure marks the row failed and throws PermanentEmailError, also on redelivery", async () => {
    const i = await input();
    const sender = adapter.sender();
    adapter.failPermanent(i.to);
    const err = await sendEmail(i, { sender }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PermanentEmailError);
    const [failed] = await rows(i.userId);
    expect((err as PermanentEmailError).notificationId).toBe(failed!.id);
    expect(failed).toMatchObject({ status: "failed", attempts: 1, sentAt: null });
    expect(failed!.error).toMatch(adapter.name === "resend" ? /422/ : /550/);

    await expect(sendEmail(i, { sender })).rejects.toBeInstanceOf(PermanentEmailError);
    expect((await rows(i.userId))[0]!.attempts).toBe(1);
    expect(adapter.received(i.to)).toHaveLength(0);
  });
});

describe("sendEmail", () => {
  it("a row left queued by a crashed attempt is retried with the same Resend idempotency key: Resend sends it once", async () => {
    const i = await input();
    const sender = new ResendEmailSender(resend.apiKey, resend.url);
    // The first attempt reached Resend, then the process died before recording it.
    let crash = true;
    const crashing: EmailSender = {
      kind: "resend",
      send: async (m) => {
        const sent = await sender.send(m);
        if (crash) throw Object.assign(new Error("process died"), { sent });
        return sent;
      },
    };
    await expect(sendEmail(i, { sender: crashing })).rejects.toThrow("process died");
    crash = false;
    const result = await sendEmail(i, { sender: crashing });
    expect(result.status).toBe("sent");
    const matching = resend.requests.filter((r) => r.to.includes(i.to));
    expect(matching).toHaveLength(2);
    expect(new Set(matching.map((r) => r.idempotencyKey))).toEqual(new Set([`intervue-notification-${result.notificationId}`]));
    expect(resend.emails.filter((e) => e.to.includes(i.to))).toHaveLength(1);
    expect((await rows(i.userId))[0]!.providerMessageId).toBe(resend.emails.find((e) => e.to.includes(i.to))!.id);
  });

  it.each([
    ["a control character", "ann@example.com\r\nBcc: x@evil.test"],
    ["NUL", "ann\u0000@example.com"],
    ["not an email", "ann at example.com"],
  ])("refuses an address with %s (PermanentEmailError, nothing stored or sent)", async (_label, to) => {
    const i = await input(to);
    const before = resend.requests.length;
    await expect(sendEmail(i, { sender: new ResendEmailSender(resend.apiKey, resend.url) })).rejects.toBeInstanceOf(PermanentEmailError);
    expect(await rows(i.userId)).toHaveLength(0);
    expect(resend.requests.length).toBe(before);
  });

  it("refuses a dedupeKey used by another account", async () => {
    const i = await input();
    await sendEmail(i, { sender: new OutboxEmailSender() });
    const other = await createAccount();
    await expect(sendEmail({ ...i, userId: other.id }, { sender: new OutboxEmailSender() })).rejects.toThrow(/another account/);
    expect(await rows(other.id)).toHaveLength(0);
  });
});
