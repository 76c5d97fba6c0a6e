import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { auditSummary } from "@/lib/server/audit/record-audit-entry";
import { toDomainEvent } from "@/lib/events/stored";
import { rejection } from "@/tests/app-error";
import { createAccount } from "@/tests/fixtures";
import { deleteAccount } from "./delete-account";
import { updateNotifyHr } from "./update-notify-hr";
import { toAccountView } from "./user-dto";

async function updates(userId: string) {
  const events = await (await getDb()).event.findMany({ where: { partitionKey: userId, eventType: "user.updated" }, orderBy: { seq: "asc" } });
  return events.map((e) => ({ data: e.data, correlationId: e.correlationId, summary: auditSummary(toDomainEvent(e)) }));
}

async function stored(userId: string) {
  return (await (await getDb()).user.findUniqueOrThrow({ where: { id: userId } })).notifyHr;
}

describe("updateNotifyHr", () => {
  it("is immediately by default, stores each choice and publishes user.updated (the audit trail's entry) when it changed", async () => {
    const user = await createAccount();
    expect(user.notifyHr).toBe("immediately");
    expect(toAccountView(user).notifyHr).toBe("immediately");

    expect(await updateNotifyHr({ actor: user, input: { notifyHr: "digest" }, requestId: "req-n1" })).toEqual({ changed: true, notifyHr: "digest" });
    expect(await stored(user.id)).toBe("digest");
    expect(await updateNotifyHr({ actor: user, input: { notifyHr: "off" } })).toEqual({ changed: true, notifyHr: "off" });
    expect(await stored(user.id)).toBe("off");
    // The same value again: nothing changes, nothing is published.
    expect(await updateNotifyHr({ actor: user, input: { notifyHr: "off" } })).toEqual({ changed: false, notifyHr: "off" });

    expect(await updates(user.id)).toEqual([
      { data: { changes: { notifyHr: "digest" } }, correlationId: "req-n1", summary: "Profile updated: notifyHr" },
      { data: { changes: { notifyHr: "off" } }, correlationId: null, summary: "Profile updated: notifyHr" },
    ]);
    const row = await (await getDb()).user.findUniqueOrThrow({ where: { id: user.id } });
    expect(toAccountView(row).notifyHr).toBe("off");
  });

  it.each([
    ["another value", { notifyHr: "weekly" }],
    ["upper case", { notifyHr: "OFF" }],
    ["nothing", {}],
    ["null", { notifyHr: null }],
    ["an extra field", { notifyHr: "off", locale: "ru" }],
    ["not an object", "off"],
  ])("refuses %s with a 422 naming the field, and stores nothing", async (_label, input) => {
    const user = await createAccount();
    const err = await rejection(updateNotifyHr({ actor: user, input }));
    expect(err.status).toBe(422);
    if (typeof input === "object" && !("locale" in input)) expect(err.fieldErrors).toEqual({ notifyHr: ["Choose immediately, a daily digest or off."] });
    expect(await stored(user.id)).toBe("immediately");
    expect(await updates(user.id)).toEqual([]);
  });

  it("changes only the acting account, and is 404 for a deleted one", async () => {
    const [first, second] = await Promise.all([createAccount(), createAccount()]);
    await updateNotifyHr({ actor: first, input: { notifyHr: "digest" } });
    expect(await stored(second.id)).toBe("immediately");
    await deleteAccount({ actor: second, input: { confirmEmail: second.email } });
    const err = await rejection(updateNotifyHr({ actor: second, input: { notifyHr: "off" } }));
    expect(err.code).toBe("NOT_FOUND");
    expect(await stored(second.id)).toBe("immediately");
  });
});
