// The send-invitations consumer on both engines, on events written by the real use cases:
// invitations sent once however often the event is delivered, notification.sent once per
// email, revoked candidates skipped, permanent failures marked, and the reminder after a
// durable sleep (skipped when the deadline moved).
import { InngestTestEngine } from "@inngest/test";
import type { InngestFunction } from "inngest";
import { describe, expect, it } from "vitest";
import { getDb, getDbHandle } from "@/lib/db/client";
import { describeFunction } from "@/lib/engine/functions";
import { toInngestEvent } from "@/lib/engine/inngest-client";
import { EventRunner } from "@/lib/engine/runner";
import type { DomainEvent } from "@/lib/events/catalog";
import { toDomainEvent } from "@/lib/events/stored";
import { addInvitations } from "@/lib/server/invitations/add-invitations";
import { HOUR, hrWithInterview } from "@/lib/server/invitations/invitations.fixtures";
import { reminderTime, sendInvitationBatch } from "@/lib/server/invitations/send-invitation-emails";
import { resendInvitation } from "@/lib/server/invitations/resend-invitation";
import { revokeInvitation } from "@/lib/server/invitations/revoke-invitation";
import { extendDeadline } from "@/lib/server/interviews/extend-deadline";
import { publishInterview } from "@/lib/server/interviews/publish-interview";
import { engines, newDelivery, type Engine } from "@/tests/engines";
import { sendInvitationsFn } from "./send-invitations";

const quiet = { info() {}, warn() {}, error() {} };

async function lastPublished(interviewId: string): Promise<DomainEvent<"interview.published">> {
  const db = await getDb();
  const rows = await db.event.findMany({ where: { eventType: "interview.published" }, orderBy: { seq: "desc" } });
  const row = rows.find((r) => (r.data as { interviewId: string }).interviewId === interviewId);
  if (!row) throw new Error("no interview.published event");
  return toDomainEvent(row) as DomainEvent<"interview.published">;
}

/**
 * Runs the function to its end. @inngest/test does not wait in sleeps; on the embedded runner
 * a sleeping delivery is made due at once (its timer moved to the database's now), which is
 * what time passing would do.
 */
async function runThroughSleeps(engine: Engine, fn: InngestFunction.Any, event: DomainEvent, wakeAts: string[] = []): Promise<unknown> {
  if (engine.name === "@inngest/test") {
    // Its sleeps wait for a step state: the sleep step is given as done.
    const test = new InngestTestEngine({
      function: fn,
      events: [toInngestEvent(event) as never],
      steps: [{ id: "wait-for-reminder", handler: () => null }],
    });
    const { result, error } = await test.execute();
    expect(error).toBeUndefined();
    return result;
  }
  const described = describeFunction(fn);
  const handle = await getDbHandle();
  const deliveryId = await newDelivery(described, event, "tests/send-invitations");
  const runner = new EventRunner({ functions: [described], logger: quiet });
  for (let i = 0; i < 10; i++) {
    await runner.drain();
    const [d] = await handle.query<{ status: string; output: unknown; last_error: string | null; run_at: Date }>(
      "SELECT status, output, last_error, run_at FROM deliveries WHERE id = $1",
      [deliveryId],
    );
    if (d!.status === "sleeping") {
      const [sleep] = await handle.query<{ result: { wakeAt: string } }>(
        "SELECT result FROM delivery_steps WHERE delivery_id = $1 AND kind = 'sleep'",
        [deliveryId],
      );
      wakeAts.push(sleep!.result.wakeAt);
      // Time passing: the stored wake-up time (the sleep step's memo) and the timer are now.
      await handle.query(
        `UPDATE delivery_steps SET result = jsonb_build_object('wakeAt', '2000-01-01T00:00:00.000Z') WHERE delivery_id = $1 AND kind = 'sleep'`,
        [deliveryId],
      );
      await handle.query("UPDATE deliveries SET run_at = now() WHERE id = $1", [deliveryId]);
      continue;
    }
    expect(d).toMatchObject({ status: "completed", last_error: null });
    return d!.output;
  }
  throw new Error("the run kept sleeping");
}

async function notifications(interviewId: string) {
  const db = await getDb();
  return db.notification.findMany({ where: { interviewId }, orderBy: { createdAt: "asc" } });
}

async function sentEvents(notificationIds: string[]) {
  const db = await getDb();
  const rows = await db.event.findMany({ where: { eventType: "notification.sent" } });
  return rows.filter((r) => notificationIds.includes((r.data as { notificationId: string }).notificationId));
}

describe("reminderTime", () => {
  const t0 = "2026-12-01T10:00:00.000Z";
  it("is 24 h before the deadline, half-way under 48 h, none under 2 h or without a deadline", () => {
    expect(reminderTime(t0, "2026-12-10T10:00:00.000Z")?.toISOString()).toBe("2026-12-09T10:00:00.000Z");
    expect(reminderTime(t0, "2026-12-02T10:00:00.000Z")?.toISOString()).toBe("2026-12-01T22:00:00.000Z");
    expect(reminderTime(t0, "2026-12-01T11:59:00.000Z")).toBeNull();
    expect(reminderTime(t0, null)).toBeNull();
  });
});

describe("a send step retried after its emails went out", () => {
  const { execute } = engines[1]!;
  it("finds them as duplicates and announces them unless a notification.sent exists already", async () => {
    const { user, interview } = await hrWithInterview({ deadline: null });
    await addInvitations({ actor: user, interviewId: interview.id, input: { candidates: [{ email: "ada@example.com" }] } });
    // First attempt: sent, then the process died before the step's result was recorded.
    const first = await sendInvitationBatch({ interviewId: interview.id, after: null });
    expect(first.sent).toMatchObject([{ status: "sent", announce: true }]);
    const retry = await sendInvitationBatch({ interviewId: interview.id, after: null });
    expect(retry.sent).toMatchObject([{ status: "duplicate", announce: true, notificationId: first.sent[0]!.notificationId }]);
    expect(await notifications(interview.id)).toHaveLength(1);
    // Once the run has announced it, another run finding it again does not.
    await execute(sendInvitationsFn, await lastPublished(interview.id));
    expect(await sentEvents([first.sent[0]!.notificationId])).toHaveLength(1);
    const db = await getDb();
    await db.invitation.updateMany({ where: { interviewId: interview.id }, data: { emailStatus: "pending" } });
    const later = await sendInvitationBatch({ interviewId: interview.id, after: null });
    expect(later.sent).toMatchObject([{ status: "duplicate", announce: false }]);
  });
});

describe("two runs racing over one email (Inngest runs them at once)", () => {
  it("announce it once: the announcement is claimed on the notification row, whichever run's event triggered it", async () => {
    const { user, interview } = await hrWithInterview({ deadline: null });
    await addInvitations({ actor: user, interviewId: interview.id, input: { candidates: [{ email: "ada@example.com" }] } });
    const first = await lastPublished(interview.id);
    // A second interview.published (another candidate added) while the first run is under way.
    await addInvitations({ actor: user, interviewId: interview.id, input: { candidates: [{ email: "bob@example.com" }] } });
    const second = await lastPublished(interview.id);
    expect(second.eventId).not.toBe(first.eventId);

    // Run 1's "send" step sends both; before it announces, run 2 sends nothing new (duplicates,
    // not yet announced by anyone) and announces; then run 1 goes on with its step's result.
    const batch = await sendInvitationBatch({ interviewId: interview.id, after: null });
    expect(batch.sent.map((s) => s.status)).toEqual(["sent", "sent"]);
    await engines[0]!.execute(sendInvitationsFn, second);
    const run1 = new InngestTestEngine({ function: sendInvitationsFn, events: [toInngestEvent(first) as never], steps: [{ id: "send", handler: () => batch }] });
    expect((await run1.execute()).error).toBeUndefined();
    // Run 1 delivered again (at-least-once) changes nothing either.
    await engines[0]!.execute(sendInvitationsFn, first);

    const sent = await notifications(interview.id);
    expect(sent).toHaveLength(2);
    const events = await sentEvents(sent.map((n) => n.id));
    expect(events.map((e) => (e.data as { notificationId: string }).notificationId).sort()).toEqual(sent.map((n) => n.id).sort());
  });
});

describe.each(engines)("send-invitations on $name", (engine) => {
  const { execute } = engine;

  it("sends each pending invitation once and announces each email once, however often delivered; revoked ones get nothing", async () => {
    const { user, interview } = await hrWithInterview({ deadline: null, companyName: "Acme" });
    const { results } = await addInvitations({
      actor: user,
      interviewId: interview.id,
      input: { candidates: [{ email: "ada@example.com", name: "Ada" }, { email: "bob@example.com", name: "Bob" }, { email: "eve@example.com", name: "Eve" }] },
    });
    await revokeInvitation({ actor: user, invitationId: results[2]!.invitationId! });
    const event = await lastPublished(interview.id);

    expect(await execute(sendInvitationsFn, event)).toMatchObject({ invited: 2, failed: 0, reminder: "none scheduled" });
    expect(await execute(sendInvitationsFn, event)).toMatchObject({ invited: 0, failed: 0 });

    const sent = await notifications(interview.id);
    expect(sent.map((n) => [n.to, n.template, n.status, n.dedupeKey]).sort()).toEqual(
      [
        ["ada@example.com", "invitation", "sent", `invitation:${results[0]!.invitationId}:0`],
        ["bob@example.com", "invitation", "sent", `invitation:${results[1]!.invitationId}:0`],
      ].sort(),
    );
    expect(sent[0]!.text).toContain("/i/");
    const events = await sentEvents(sent.map((n) => n.id));
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.data)).toContainEqual({
      notificationId: sent[0]!.id,
      type: "email",
      to: sent[0]!.to,
      subject: sent[0]!.subject,
      sentAt: sent[0]!.sentAt!.toISOString(),
    });
    expect(events.every((e) => e.causationId === event.eventId)).toBe(true);

    const db = await getDb();
    const rows = await db.invitation.findMany({ where: { interviewId: interview.id }, orderBy: { email: "asc" } });
    expect(rows.map((r) => [r.email, r.emailStatus, r.sentAt !== null])).toEqual([
      ["ada@example.com", "sent", true],
      ["bob@example.com", "sent", true],
      ["eve@example.com", "pending", false],
    ]);

    // The first publication's event (before anyone was invited) finds nothing more to send.
    const first = await db.event.findFirstOrThrow({ where: { eventType: "interview.published", partitionKey: user.id }, orderBy: { seq: "asc" } });
    await execute(sendInvitationsFn, toDomainEvent(first));
    expect(await notifications(interview.id)).toHaveLength(2);
  });

  it("sends invitations added to a draft when it is published, and a resend as a new email", async () => {
    const { user, interview } = await hrWithInterview({ publish: false, deadline: null });
    const { results } = await addInvitations({ actor: user, interviewId: interview.id, input: { candidates: [{ email: "ada@example.com", name: "Ada" }] } });
    await publishInterview({ actor: user, interviewId: interview.id });
    await execute(sendInvitationsFn, await lastPublished(interview.id));
    expect(await notifications(interview.id)).toHaveLength(1);

    await resendInvitation({ actor: user, invitationId: results[0]!.invitationId! });
    const resent = await lastPublished(interview.id);
    await execute(sendInvitationsFn, resent);
    await execute(sendInvitationsFn, resent);
    const sent = await notifications(interview.id);
    expect(sent.map((n) => n.dedupeKey)).toEqual([`invitation:${results[0]!.invitationId}:0`, `invitation:${results[0]!.invitationId}:1`]);
    expect(await sentEvents(sent.map((n) => n.id))).toHaveLength(2);
    const db = await getDb();
    expect(await db.invitation.findUniqueOrThrow({ where: { id: results[0]!.invitationId! } })).toMatchObject({ emailStatus: "sent", sendCount: 1 });
  });

  it("marks a permanently failing address failed with the reason, and sends the others", async () => {
    const { user, interview } = await hrWithInterview({ deadline: null });
    const { results } = await addInvitations({
      actor: user,
      interviewId: interview.id,
      input: { candidates: [{ email: "ada@example.com" }, { email: "bounce@example.com" }] },
    });
    const db = await getDb();
    // An address the provider refuses for good; sendEmail treats a non-address that way.
    await db.invitation.update({ where: { id: results[1]!.invitationId! }, data: { email: "bounce@@example.com" } });
    expect(await execute(sendInvitationsFn, await lastPublished(interview.id))).toMatchObject({ invited: 1, failed: 1 });
    const failed = await db.invitation.findUniqueOrThrow({ where: { id: results[1]!.invitationId! } });
    expect(failed.emailStatus).toBe("failed");
    expect(failed.emailError).toMatch(/not an email address/);
  });

  it("reminds those who have not finished once per deadline, after the sleep", async () => {
    const { user, interview } = await hrWithInterview({ deadline: new Date(Date.now() + 5 * 24 * HOUR) });
    const { results } = await addInvitations({
      actor: user,
      interviewId: interview.id,
      input: { candidates: [{ email: "ada@example.com" }, { email: "bob@example.com" }, { email: "eve@example.com" }, { email: "sam@example.com" }] },
    });
    const event = await lastPublished(interview.id);
    const db = await getDb();
    // Bob finishes (the candidate flow, a later issue, writes this), Eve is revoked after her invitation.
    await db.invitation.update({ where: { id: results[1]!.invitationId! }, data: { status: "completed", completedAt: new Date() } });
    await revokeInvitation({ actor: user, invitationId: results[2]!.invitationId! });

    const wakeAts: string[] = [];
    const out = await runThroughSleeps(engine, sendInvitationsFn, event, wakeAts);
    expect(out).toMatchObject({ reminded: 2, reminder: "sent" });
    // The runner slept until 24 h before the deadline.
    if (engine.name !== "@inngest/test") expect(wakeAts).toEqual([new Date(Date.parse(interview.deadline!) - 24 * HOUR).toISOString()]);
    expect(await runThroughSleeps(engine, sendInvitationsFn, event)).toMatchObject({ reminded: 0 });

    const reminders = (await notifications(interview.id)).filter((n) => n.template === "reminder");
    expect(reminders.map((n) => n.to).sort()).toEqual(["ada@example.com", "sam@example.com"]);
    expect(reminders.map((n) => n.dedupeKey)).toContain(`reminder:${results[0]!.invitationId}:${interview.deadline}`);
    expect(await sentEvents(reminders.map((n) => n.id))).toHaveLength(2);
    const ada = await db.invitation.findUniqueOrThrow({ where: { id: results[0]!.invitationId! } });
    expect(ada.reminderSentAt).not.toBeNull();
  });

  it("stops the old run's reminder when the deadline was extended", async () => {
    const { user, interview } = await hrWithInterview({ deadline: new Date(Date.now() + 5 * 24 * HOUR) });
    await addInvitations({ actor: user, interviewId: interview.id, input: { candidates: [{ email: "ada@example.com" }] } });
    const old = await lastPublished(interview.id);
    await extendDeadline({ actor: user, interviewId: interview.id, input: { deadline: new Date(Date.now() + 9 * 24 * HOUR).toISOString() } });

    expect(await runThroughSleeps(engine, sendInvitationsFn, old)).toMatchObject({ invited: 1, reminded: 0, reminder: "deadline changed" });
    const fresh = await lastPublished(interview.id);
    expect(fresh.eventId).not.toBe(old.eventId);
    expect(await runThroughSleeps(engine, sendInvitationsFn, fresh)).toMatchObject({ invited: 0, reminded: 1, reminder: "sent" });
    const reminders = (await notifications(interview.id)).filter((n) => n.template === "reminder");
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.dedupeKey).toContain(fresh.data.expiresAt!);
  });
});
