import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createAccount } from "@/tests/fixtures";
import { OutboxEmailSender } from "./outbox";

describe("OutboxEmailSender", () => {
  it("hands over the existing notification row and writes no other", async () => {
    const user = await createAccount();
    const db = await getDb();
    const row = await db.notification.create({
      data: { userId: user.id, type: "email", to: "c@example.com", subject: "s", text: "t", html: "<p>t</p>", status: "queued" },
    });
    const sent = await db.$transaction((tx) =>
      new OutboxEmailSender().send(
        { notificationId: row.id, from: "a@b.c", to: row.to, subject: row.subject, text: row.text, html: row.html, idempotencyKey: "k" },
        tx,
      ),
    );
    expect(sent).toEqual({ provider: "outbox", providerMessageId: row.id });
    expect(await db.notification.count({ where: { userId: user.id } })).toBe(1);
  });

  it("refuses a notification that does not exist", async () => {
    const db = await getDb();
    await expect(
      db.$transaction((tx) =>
        new OutboxEmailSender().send(
          { notificationId: "00000000-0000-4000-8000-000000000000", from: "a@b.c", to: "c@d.e", subject: "s", text: "t", idempotencyKey: "k" },
          tx,
        ),
      ),
    ).rejects.toThrow(/does not exist/);
  });
});
