// The account's retention period: set on the settings page (user.updated, in the audit trail),
// applied by apply-retention to the interviews closed at least that long ago and to nothing else,
// in a loop of durable sleeps that wakes when the next interview falls due (at most a day at a
// time) and honours a period changed meanwhile.
import { describe, expect, it } from "vitest";
import { getStorage } from "@/lib/adapters/storage";
import { getDb, getDbHandle } from "@/lib/db/client";
import { describeFunction } from "@/lib/engine/functions";
import { EventRunner } from "@/lib/engine/runner";
import type { DomainEvent } from "@/lib/events/catalog";
import { toDomainEvent } from "@/lib/events/stored";
import { recordAuditEntry } from "@/lib/server/audit/record-audit-entry";
import { toAccountView } from "@/lib/server/users/user-dto";
import { rejection } from "@/tests/app-error";
import { engines, newDelivery } from "@/tests/engines";
import { storeEvent } from "@/tests/events";
import { createAccount } from "@/tests/fixtures";
import { ERASED_CANDIDATE } from "@/lib/server/retention/erase-candidate";
import { publishedInterview, seedCandidate } from "@/lib/server/retention/retention.fixtures";
import { updateRetention } from "@/lib/server/retention/update-retention";
import { applyRetentionFn } from "./apply-retention";
import { nextRetentionDue, sweepRetention } from "@/lib/server/retention/apply-retention";
import { newLinkToken } from "@/lib/server/interviews/public-link";

const DAY = 24 * 60 * 60 * 1000;
const quiet = { info() {}, warn() {}, error() {} };
let people = 0;
const person = () => {
  people++;
  return { name: `Candidate Number${people}`, email: `candidate${people}-${Date.now()}@candidates.test`, transcript: `My secret story ${people}` };
};

/** An interview of `user` closed `daysAgo` days ago (null: still open), with `candidates` candidates. */
async function interviewClosed(user: { id: string; email: string }, daysAgo: number | null, candidates = 1) {
  const db = await getDb();
  const interview = await publishedInterview(user, `Closed ${daysAgo ?? "never"}`);
  const seeded = [];
  for (let i = 0; i < candidates; i++) seeded.push(await seedCandidate(user, interview, person()));
  if (daysAgo !== null) {
    const closedAt = new Date(Date.now() - daysAgo * DAY);
    await db.interview.update({ where: { id: interview.id }, data: { status: "closed", closedAt } });
    // The candidates finished before the close (a session's period starts at the later of the two).
    const finished = new Date(closedAt.getTime() - 60 * 60 * 1000);
    await (await getDbHandle()).query("UPDATE candidate_sessions SET completed_at = $2, updated_at = $2 WHERE interview_id = $1::uuid", [interview.id, finished]);
  }
  return { interview, seeded };
}

async function sessionsOf(interviewId: string) {
  const db = await getDb();
  return db.candidateSession.findMany({ where: { interviewId }, select: { candidateName: true, erasedAt: true } });
}

async function isErased(interviewId: string): Promise<boolean[]> {
  return (await sessionsOf(interviewId)).map((s) => s.erasedAt !== null && s.candidateName === ERASED_CANDIDATE);
}

async function latestUserUpdated(userId: string): Promise<DomainEvent<"user.updated">> {
  const db = await getDb();
  const row = await db.event.findFirstOrThrow({ where: { partitionKey: userId, eventType: "user.updated" }, orderBy: { seq: "desc" } });
  return toDomainEvent(row) as DomainEvent<"user.updated">;
}

describe("the retention period on the settings page", () => {
  it("is validated, saved, published as user.updated (audited) only when it changes, and shown in the account", async () => {
    const user = await createAccount();
    for (const bad of [0, 3651, 1.5, "30", undefined]) {
      expect((await rejection(updateRetention({ actor: user, input: { retentionDays: bad } }))).status).toBe(422);
    }
    expect(await updateRetention({ actor: user, input: { retentionDays: 30 }, requestId: "req-1" })).toEqual({ changed: true, retentionDays: 30 });
    expect(await updateRetention({ actor: user, input: { retentionDays: 30 } })).toEqual({ changed: false, retentionDays: 30 });
    const event = await latestUserUpdated(user.id);
    expect(event.data).toEqual({ changes: { retentionDays: 30 } });
    expect(event.metadata.correlationId).toBe("req-1");
    const db = await getDb();
    expect(toAccountView(await db.user.findUniqueOrThrow({ where: { id: user.id } })).retentionDays).toBe(30);
    await recordAuditEntry(event);
    expect((await db.auditLog.findUniqueOrThrow({ where: { eventId: event.eventId } })).summary).toBe("Profile updated: retentionDays");

    expect(await updateRetention({ actor: user, input: { retentionDays: null } })).toEqual({ changed: true, retentionDays: null });
    expect((await latestUserUpdated(user.id)).data).toEqual({ changes: { retentionDays: null } });
  });
});

describe.each(engines)("apply-retention on $name", ({ execute }) => {
  it("erases only the candidates of interviews closed at least the period ago, once; other accounts untouched", async () => {
    const db = await getDb();
    const user = await createAccount();
    const due = await interviewClosed(user, 40, 2);
    const open = await interviewClosed(user, null);
    const keeper = await createAccount();
    const keepersOld = await interviewClosed(keeper, 400);

    await updateRetention({ actor: user, input: { retentionDays: 30 } });
    const event = await latestUserUpdated(user.id);
    expect(await execute(applyRetentionFn, event)).toEqual({ applied: true, erased: 2, rounds: 1, reason: "nothing waiting" });

    expect(await isErased(due.interview.id)).toEqual([true, true]);
    expect((await db.interview.findUniqueOrThrow({ where: { id: due.interview.id } })).retentionAppliedAt).not.toBeNull();
    for (const candidate of due.seeded) {
      for (const key of candidate.objects) expect(await getStorage().stat("media", key), key).toBeNull();
      const [erased] = await db.event.findMany({ where: { sessionId: candidate.session.id, eventType: "candidate.erased" } });
      expect(erased!.data).toMatchObject({ reason: "retention", erasedBy: null, filesDeleted: 2 });
    }
    expect(await isErased(open.interview.id)).toEqual([false]);
    expect((await db.interview.findUniqueOrThrow({ where: { id: open.interview.id } })).retentionAppliedAt).toBeNull();
    expect(await isErased(keepersOld.interview.id)).toEqual([false]);
    for (const key of keepersOld.seeded[0]!.objects) expect(await getStorage().stat("media", key), key).not.toBeNull();

    // Delivered again: nothing left to erase, no second candidate.erased.
    expect(await execute(applyRetentionFn, event)).toEqual({ applied: true, erased: 0, rounds: 1, reason: "nothing waiting" });
    expect(await db.event.count({ where: { ownerId: user.id, eventType: "candidate.erased" } })).toBe(2);
  });

  it("spares a candidate still answering after HR closed the interview, until the period has passed since their last step", async () => {
    const user = await createAccount();
    const closed = await interviewClosed(user, 40, 2);
    const straggler = closed.seeded[1]!.session.id;
    // HR's close lets a candidate who had started go on: this one answered yesterday.
    await (await getDbHandle()).query("UPDATE candidate_sessions SET status = 'in_progress', completed_at = NULL, updated_at = now() - interval '1 day' WHERE id = $1::uuid", [straggler]);
    // And an invitee who never opened the link: no session, but a name and an email.
    const db = await getDb();
    const unstarted = await db.invitation.create({
      data: { interviewId: closed.interview.id, email: "never.started@example.com", name: "Never Started", status: "invited", token: newLinkToken(), emailStatus: "sent" },
    });
    await updateRetention({ actor: user, input: { retentionDays: 30 } });
    expect(await sweepRetention({ userId: user.id })).toMatchObject({ erased: 1, more: false });
    expect(await db.invitation.findUniqueOrThrow({ where: { id: unstarted.id }, select: { name: true, email: true, status: true } })).toEqual({
      name: ERASED_CANDIDATE,
      email: `erased+${unstarted.id}@erased.invalid`,
      status: "revoked",
    });
    const rows = await db.candidateSession.findMany({ where: { interviewId: closed.interview.id }, select: { id: true, erasedAt: true } });
    expect(rows.map((r) => [r.id === straggler, r.erasedAt !== null]).sort()).toEqual([[false, true], [true, false]]);
    expect(await nextRetentionDue({ userId: user.id })).not.toBeNull();
  });

  it("a profile change that leaves the period alone starts no sweep", async () => {
    const user = await createAccount();
    await updateRetention({ actor: user, input: { retentionDays: 1 } });
    const closed = await interviewClosed(user, 5);
    const event = await storeEvent({ eventType: "user.updated", userId: user.id, data: { changes: { fullName: "Grace B. Hopper" } } });
    expect(await execute(applyRetentionFn, event)).toEqual({ applied: false, reason: "retention period unchanged" });
    expect(await isErased(closed.interview.id)).toEqual([false]);
  });
});

describe("apply-retention's durable loop (the embedded runner)", () => {
  it("sleeps until the next interview falls due, wakes, erases it, and honours a period changed meanwhile", async () => {
    const db = await getDb();
    const handle = await getDbHandle();
    const user = await createAccount();
    const overdue = await interviewClosed(user, 40);
    const soon = await interviewClosed(user, 29.5); // due in 12 hours
    const later = await interviewClosed(user, 25); // due in 5 days
    await updateRetention({ actor: user, input: { retentionDays: 30 } });
    const event = await latestUserUpdated(user.id);

    const described = describeFunction(applyRetentionFn);
    const deliveryId = await newDelivery(described, event, "tests/apply-retention");
    const runner = new EventRunner({ functions: [described], logger: quiet });
    const sleeps = async () =>
      (await handle.query<{ result: { wakeAt: string } }>("SELECT result FROM delivery_steps WHERE delivery_id = $1 AND kind = 'sleep' ORDER BY created_at", [deliveryId])).map(
        (s) => Date.parse(s.result.wakeAt),
      );
    const status = async () => (await handle.query<{ status: string }>("SELECT status FROM deliveries WHERE id = $1", [deliveryId]))[0]!.status;
    /** Time passes: the run's sleeps are over, and the interviews closed `days` earlier than they were. */
    const timePasses = async (days: number) => {
      await handle.query("UPDATE interviews SET closed_at = closed_at - make_interval(secs => $2) WHERE user_id = $1::uuid", [user.id, days * 86_400]);
      await handle.query(
        "UPDATE candidate_sessions s SET completed_at = s.completed_at - make_interval(secs => $2), updated_at = s.updated_at - make_interval(secs => $2) FROM interviews i WHERE i.id = s.interview_id AND i.user_id = $1::uuid",
        [user.id, days * 86_400],
      );
      await handle.query(`UPDATE delivery_steps SET result = jsonb_build_object('wakeAt', '2000-01-01T00:00:00.000Z') WHERE delivery_id = $1 AND kind = 'sleep'`, [deliveryId]);
      await handle.query("UPDATE deliveries SET run_at = now() WHERE id = $1", [deliveryId]);
    };

    await runner.drain();
    expect(await status()).toBe("sleeping");
    expect([await isErased(overdue.interview.id), await isErased(soon.interview.id), await isErased(later.interview.id)]).toEqual([[true], [false], [false]]);
    const [first] = await sleeps();
    // Until the next due interview: 12 hours from now.
    expect(Math.abs(first! - (Date.now() + DAY / 2))).toBeLessThan(60_000);

    await timePasses(0.5);
    await runner.drain();
    expect(await status()).toBe("sleeping");
    expect([await isErased(soon.interview.id), await isErased(later.interview.id)]).toEqual([[true], [false]]);
    // The last one is due in 4.5 days: the run sleeps until then.
    const second = (await sleeps()).at(-1)!;
    expect(Math.abs(second - (Date.now() + 4.5 * DAY))).toBeLessThan(60_000);

    // HR shortens the period meanwhile (its own run is not delivered here): the sleeping run honours it when it wakes.
    await db.user.update({ where: { id: user.id }, data: { retentionDays: 20 } });
    await timePasses(0);
    await runner.drain();
    expect(await isErased(later.interview.id)).toEqual([true]);
    const [done] = await handle.query<{ status: string; output: unknown }>("SELECT status, output FROM deliveries WHERE id = $1", [deliveryId]);
    expect(done).toMatchObject({ status: "completed", output: { applied: true, erased: 3, rounds: 3, reason: "nothing waiting" } });
    const applied = await db.interview.findMany({ where: { userId: user.id }, select: { retentionAppliedAt: true } });
    expect(applied.every((i) => i.retentionAppliedAt !== null)).toBe(true);
  });

  it("a run stops once a later trigger of the account has started its own sweep", async () => {
    const user = await createAccount();
    await interviewClosed(user, 10); // due in 20 days
    await updateRetention({ actor: user, input: { retentionDays: 30 } });
    const first = await latestUserUpdated(user.id);
    await updateRetention({ actor: user, input: { retentionDays: 31 } });
    for (const engine of engines) {
      expect(await engine.execute(applyRetentionFn, first)).toEqual({ applied: true, erased: 0, rounds: 1, reason: "a later run sweeps this account" });
    }
  });
});
