import { describe, expect, it } from "vitest";
import { OutboxEmailSender } from "@/lib/adapters/email/outbox";
import { getDb } from "@/lib/db/client";
import { createAccount } from "@/tests/fixtures";
import { rejection } from "@/tests/app-error";
import { getMailboxEmail } from "./get-mailbox-email";
import { listMailbox } from "./list-mailbox";
import { sendEmail } from "./send-email";

async function seed(userId: string, n: number, at = new Date("2026-11-01T10:00:00Z")) {
  const db = await getDb();
  // Some share a creation time, so the id breaks ties in the keyset.
  await db.notification.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      userId,
      type: "email",
      to: `c${i}@example.com`,
      subject: `Email ${i}`,
      text: "t",
      status: "sent" as const,
      createdAt: new Date(at.getTime() + Math.floor(i / 3) * 1000),
    })),
  });
}

describe("listMailbox", () => {
  it("lists only the account's emails, newest first, every one exactly once across keyset pages", async () => {
    const [a, b] = await Promise.all([createAccount(), createAccount()]);
    await seed(a.id, 11);
    await seed(b.id, 4);
    const seen: string[] = [];
    let before: string | undefined;
    let pages = 0;
    do {
      const page = await listMailbox({ actor: a, input: { before }, pageSize: 4 });
      seen.push(...page.emails.map((e) => e.subject));
      before = page.nextCursor ?? undefined;
      pages++;
    } while (before && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(11);
    expect(new Set(seen).size).toBe(11);
    // Newest first: the last seeded (latest second) come first.
    expect(seen.slice(0, 2).sort()).toEqual(["Email 10", "Email 9"]);
    expect(seen.at(-1)).toMatch(/^Email [012]$/);

    const other = await listMailbox({ actor: b, input: {} });
    expect(other.emails.map((e) => e.to).sort()).toEqual(["c0@example.com", "c1@example.com", "c2@example.com", "c3@example.com"]);
    expect(other.nextCursor).toBeNull();
  });

  it.each([
    "garbage!",
    Buffer.from("2026-11-01T10:00:00.000Z_not-a-uuid").toString("base64url"),
    // Dates Date.prototype.toISOString round-trips but PostgreSQL cannot read: a 500 before.
    ...["0000-01-01T00:00:00.000Z", "-000001-01-01T00:00:00.000Z", "+275760-09-13T00:00:00.000Z", "1969-12-31T23:59:59.999Z"].map((iso) =>
      Buffer.from(`${iso}_00000000-0000-4000-8000-000000000000`).toString("base64url"),
    ),
  ])("refuses a bad cursor %s with a 422", async (before) => {
    const a = await createAccount();
    const err = await rejection(listMailbox({ actor: a, input: { before } }));
    expect(err.code).toBe("VALIDATION");
  });
});

describe("getMailboxEmail", () => {
  it("returns the owner's email with its content and marks it read once; anyone else gets 404", async () => {
    const [a, b] = await Promise.all([createAccount(), createAccount()]);
    const sent = await sendEmail(
      {
        userId: a.id,
        to: "cand@example.com",
        template: "invitation",
        locale: "en",
        props: { candidateName: "Ann", companyName: "Acme", interviewTitle: "QA", link: "http://localhost:3000/i/xyz", deadline: null, questionsCount: 1 },
        dedupeKey: `mailbox-test:${a.id}`,
      },
      { sender: new OutboxEmailSender() },
    );
    const listed = await listMailbox({ actor: a, input: {} });
    expect(listed.emails).toEqual([expect.objectContaining({ id: sent.notificationId, status: "sent", provider: "outbox", readAt: null })]);

    const email = await getMailboxEmail({ actor: a, input: { id: sent.notificationId } });
    expect(email).toMatchObject({ id: sent.notificationId, to: "cand@example.com", subject: sent.subject, template: "invitation" });
    expect(email.html).toContain('href="http://localhost:3000/i/xyz"');
    expect(email.text).toContain("http://localhost:3000/i/xyz");
    expect(email.readAt).toBeInstanceOf(Date);
    const again = await getMailboxEmail({ actor: a, input: { id: sent.notificationId } });
    expect(again.readAt!.getTime()).toBe(email.readAt!.getTime());

    for (const [actor, id] of [
      [b, sent.notificationId],
      [a, "not-a-uuid"],
      [a, "00000000-0000-4000-8000-000000000000"],
    ] as const) {
      const err = await rejection(getMailboxEmail({ actor, input: { id } }));
      expect(err.code).toBe("NOT_FOUND");
      expect(err.message).toBe("This email does not exist.");
    }
    const row = await (await getDb()).notification.findUniqueOrThrow({ where: { id: sent.notificationId } });
    expect(row.readAt!.getTime()).toBe(email.readAt!.getTime());
  });
});
