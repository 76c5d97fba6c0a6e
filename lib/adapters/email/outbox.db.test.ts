import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createAccount } from "@/tests/fixtures";
import { OutboxEmailSender } from "./outbox";

describe("OutboxEmailSender", () => {
  it("records the email in notifications, where the in-app mailbox reads it", async () => {
    const user = await createAccount();
    const sent = await new OutboxEmailSender().send({
      userId: user.id,
      to: "candidate@example.com",
      subject: "Your interview",
      text: "Open the link to start.",
    });
    expect(sent.provider).toBe("outbox");
    const row = await (await getDb()).notification.findUniqueOrThrow({ where: { id: sent.id } });
    expect(row).toMatchObject({
      userId: user.id,
      type: "email",
      to: "candidate@example.com",
      subject: "Your interview",
      text: "Open the link to start.",
      html: null,
      status: "sent",
      provider: "outbox",
    });
    expect(row.sentAt).toBeInstanceOf(Date);
  });

  it("records nothing when the caller's transaction rolls back", async () => {
    const user = await createAccount();
    const db = await getDb();
    const rollback = new Error("rollback");
    await expect(
      db.$transaction(async (tx) => {
        await new OutboxEmailSender().send({ userId: user.id, to: "x@example.com", subject: "s", text: "t" }, tx);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await db.notification.count({ where: { userId: user.id } })).toBe(0);
  });
});
