// The notify-hr consumer on both engines: HR's email when a candidate finishes and when a
// session's analysis is ready, following the account's preference (immediately, a daily digest
// after a durable sleep, off), in the account's language, once however often the event is
// delivered (a retry after the email went out included), and nothing for an answer's analysis.
import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { getDb, getDbHandle } from "@/lib/db/client";
import { describeFunction } from "@/lib/engine/functions";
import { toInngestEvent } from "@/lib/engine/inngest-client";
import { EventRunner } from "@/lib/engine/runner";
import type { DomainEvent } from "@/lib/events/catalog";
import { publish } from "@/lib/events/publish";
import { hrWithInterview } from "@/lib/server/invitations/invitations.fixtures";
import { DIGEST_ITEM, nextDigestTime, prepareHrNotification, reviewUrl, sendHrEmail } from "@/lib/server/notifications/notify-hr";
import type { NotifyHr } from "@/lib/schemas/user";
import { engines, newDelivery, type Engine } from "@/tests/engines";
import { notifyHrFn } from "./notify-hr";

const quiet = { info() {}, warn() {}, error() {} };

/** An HR account with the given preference and language, a published interview and a completed session. */
async function completedSession({ notifyHr = "immediately", locale = "en", name = "Ada Lovelace" }: { notifyHr?: NotifyHr; locale?: "en" | "ru"; name?: string } = {}) {
  const { user, interview } = await hrWithInterview({ deadline: null });
  const db = await getDb();
  await db.user.update({ where: { id: user.id }, data: { notifyHr, locale } });
  const completedAt = new Date();
  const session = await db.candidateSession.create({
    data: { interviewId: interview.id, candidateEmail: `c-${randomUUID().slice(0, 8)}@example.com`, candidateName: name, status: "completed", completedAt },
  });
  const completed = (await db.$transaction((tx) =>
    publish(tx, {
      eventType: "candidate.completed",
      sessionId: session.id,
      data: { interviewId: interview.id, candidateEmail: session.candidateEmail, completedAt: completedAt.toISOString(), responsesCount: 2, totalDuration: 90 },
    }),
  )) as DomainEvent<"candidate.completed">;
  return { user, interview, session, completed };
}

async function analysed(userId: string, sessionId: string, overallScore: number | null, responseId?: string): Promise<DomainEvent<"analysis.completed">> {
  const db = await getDb();
  return (await db.$transaction((tx) =>
    publish(tx, {
      eventType: "analysis.completed",
      userId,
      data: {
        analysisId: randomUUID(),
        sessionId,
        ...(responseId ? { responseId } : {}),
        transcription: "",
        sentiment: null,
        skills: ["SQL"],
        overallScore,
        completedAt: new Date().toISOString(),
      },
    }),
  )) as DomainEvent<"analysis.completed">;
}

async function emails(userId: string) {
  const db = await getDb();
  return db.notification.findMany({ where: { userId, type: "email" }, orderBy: { createdAt: "asc" } });
}

async function sentEvents(userId: string) {
  const db = await getDb();
  return db.event.findMany({ where: { partitionKey: userId, eventType: "notification.sent" }, orderBy: { seq: "asc" } });
}

/** Runs a delivery to its end; a digest's sleep is given as done (@inngest/test) or made due (the runner). */
async function runThroughSleep(engine: Engine, event: DomainEvent): Promise<unknown> {
  if (engine.name === "@inngest/test") {
    const test = new InngestTestEngine({ function: notifyHrFn, events: [toInngestEvent(event) as never], steps: [{ id: "wait-for-digest", handler: () => null }] });
    const { result, error } = await test.execute();
    expect(error).toBeUndefined();
    return result;
  }
  const [output] = await runnerDigest([event]);
  return output;
}

/**
 * The embedded runner: a delivery of each event, run until every one sleeps (nothing sent
 * yet), then time passes (the sleeps' wake-up times and timers set to now) and they finish.
 * Returns their outputs, in the events' order, and the times they slept until.
 */
async function runnerDigest(events: DomainEvent[], before?: () => Promise<void>): Promise<unknown[]> {
  const described = describeFunction(notifyHrFn);
  const handle = await getDbHandle();
  const ids: string[] = [];
  for (const e of events) ids.push(await newDelivery(described, e, "tests/notify-hr"));
  const runner = new EventRunner({ functions: [described], logger: quiet });
  await runner.drain();
  const sleeping = await handle.query<{ id: string; status: string }>("SELECT id::text AS id, status FROM deliveries WHERE id = ANY($1::bigint[])", [ids]);
  expect(sleeping.map((d) => d.status)).toEqual(ids.map(() => "sleeping"));
  const wakes = await handle.query<{ result: { wakeAt: string } }>("SELECT result FROM delivery_steps WHERE delivery_id = ANY($1::bigint[]) AND kind = 'sleep'", [ids]);
  wakeAts.push(...wakes.map((w) => w.result.wakeAt));
  await before?.();
  await handle.query(
    `UPDATE delivery_steps SET result = jsonb_build_object('wakeAt', '2000-01-01T00:00:00.000Z') WHERE delivery_id = ANY($1::bigint[]) AND kind = 'sleep'`,
    [ids],
  );
  await handle.query("UPDATE deliveries SET run_at = now() WHERE id = ANY($1::bigint[])", [ids]);
  await runner.drain();
  const outputs: unknown[] = [];
  for (const id of ids) {
    const [d] = await handle.query<{ status: string; output: unknown; last_error: string | null }>("SELECT status, output, last_error FROM deliveries WHERE id = $1", [id]);
    expect(d).toMatchObject({ status: "completed", last_error: null });
    outputs.push(d!.output);
  }
  return outputs;
}
const wakeAts: string[] = [];

describe("nextDigestTime", () => {
  it("is the next 08:00 UTC strictly after the event", () => {
    expect(nextDigestTime("2026-12-07T22:15:00.000Z").toISOString()).toBe("2026-12-08T08:00:00.000Z");
    expect(nextDigestTime("2026-12-07T07:59:59.000Z").toISOString()).toBe("2026-12-07T08:00:00.000Z");
    expect(nextDigestTime("2026-12-07T08:00:00.000Z").toISOString()).toBe("2026-12-08T08:00:00.000Z");
    expect(nextDigestTime("2026-12-31T09:00:00.000Z").toISOString()).toBe("2027-01-01T08:00:00.000Z");
  });
});

describe("an email that went out before its step was recorded", () => {
  it("is found again by the retry: sent once, announced once", async () => {
    const { user, completed } = await completedSession();
    const prepared = await prepareHrNotification(completed);
    if (prepared.skip !== undefined) throw new Error(prepared.skip);
    // The step's hand-over happened, then the process died before its result was stored.
    expect(await sendHrEmail(prepared)).toMatchObject({ status: "sent" });
    expect(await engines[1]!.execute(notifyHrFn, completed)).toMatchObject({ notified: true, status: "duplicate" });
    expect(await engines[0]!.execute(notifyHrFn, completed)).toMatchObject({ notified: true, status: "duplicate" });
    expect(await emails(user.id)).toHaveLength(1);
    expect(await sentEvents(user.id)).toHaveLength(1);
  });
});

describe.each(engines)("notify-hr on $name", (engine) => {
  const { execute } = engine;

  it("immediately: emails the owner once when a candidate completes, with the review link, and publishes notification.sent once", async () => {
    const { user, interview, session, completed } = await completedSession();
    expect(await execute(notifyHrFn, completed)).toMatchObject({ notified: true, delivery: "immediately", status: "sent" });
    // Double delivery: nothing more.
    expect(await execute(notifyHrFn, completed)).toMatchObject({ notified: true, status: "duplicate" });

    const sent = await emails(user.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      to: user.email,
      subject: `Ada Lovelace completed “${interview.title}”`,
      status: "sent",
      template: "candidate-completed",
      dedupeKey: `notify-hr:${completed.eventId}`,
      interviewId: interview.id,
    });
    const link = reviewUrl(interview.id, session.id);
    expect(link).toMatch(new RegExp(`/interviews/${interview.id}/candidates/${session.id}$`));
    expect(sent[0]!.text).toContain(link);
    expect(sent[0]!.html).toContain(`href="${link}"`);

    const events = await sentEvents(user.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toEqual({ notificationId: sent[0]!.id, type: "email", to: user.email, subject: sent[0]!.subject, sentAt: sent[0]!.sentAt!.toISOString() });
    expect(events[0]!.causationId).toBe(completed.eventId);
  });

  it("immediately: a session's analysis says the score, or 'not scored', in the owner's language", async () => {
    const { user, session } = await completedSession({ locale: "ru", name: "Иван Петров" });
    await execute(notifyHrFn, await analysed(user.id, session.id, 7.5));
    const unscored = await analysed(user.id, session.id, null);
    await execute(notifyHrFn, unscored);
    await execute(notifyHrFn, unscored);

    const sent = await emails(user.id);
    expect(sent.map((n) => [n.subject, n.template])).toEqual([
      ["Анализ для Иван Петров готов: общая оценка 7,5/10", "analysis-ready"],
      ["Анализ для Иван Петров готов: без оценки", "analysis-ready"],
    ]);
    expect(sent[0]!.text).toContain(reviewUrl(session.interviewId, session.id));
    expect(await sentEvents(user.id)).toHaveLength(2);

    const { user: en, session: enSession } = await completedSession();
    await execute(notifyHrFn, await analysed(en.id, enSession.id, 8));
    expect((await emails(en.id)).map((n) => n.subject)).toEqual(["Analysis ready for Ada Lovelace: overall score 8/10"]);
  });

  it("blind review: the email names no candidate HR has not rated yet", async () => {
    const { user, interview, completed } = await completedSession({ name: "Ada Hidden" });
    const db = await getDb();
    await db.interview.update({ where: { id: interview.id }, data: { blindReview: true } });
    expect(await execute(notifyHrFn, completed)).toMatchObject({ notified: true, status: "sent" });
    const [sent] = await emails(user.id);
    expect(sent!.subject).toBe(`Candidate completed “${interview.title}”`);
    expect(`${sent!.subject} ${sent!.text} ${sent!.html}`).not.toContain("Ada Hidden");
  });

  it("ignores an answer's analysis, and one that names another account", async () => {
    const { user, session } = await completedSession();
    expect(await execute(notifyHrFn, await analysed(user.id, session.id, 6, randomUUID()))).toEqual({ notified: false, reason: "answer analysis" });
    const { user: other } = await completedSession();
    expect(await execute(notifyHrFn, await analysed(other.id, session.id, 6))).toEqual({ notified: false, reason: "session not found" });
    expect(await emails(user.id)).toEqual([]);
    expect(await emails(other.id)).toEqual([]);
    expect(await sentEvents(user.id)).toEqual([]);
  });

  it("off: sends nothing and says so", async () => {
    const { user, session, completed } = await completedSession({ notifyHr: "off" });
    expect(await execute(notifyHrFn, completed)).toEqual({ notified: false, reason: "notifications off" });
    expect(await execute(notifyHrFn, await analysed(user.id, session.id, 9))).toEqual({ notified: false, reason: "notifications off" });
    const db = await getDb();
    expect(await db.notification.findMany({ where: { userId: user.id } })).toEqual([]);
    expect(await sentEvents(user.id)).toEqual([]);
  });

  it("digest: two events → after the sleep, one email listing both; the other run and a repeat find nothing", async () => {
    const { user, interview, session, completed } = await completedSession({ notifyHr: "digest" });
    const analysis = await analysed(user.id, session.id, 9.2);
    const db = await getDb();
    let outputs: unknown[];
    if (engine.name === "@inngest/test") {
      // The first run stops at its sleep (its item queued); the second wakes first and sends both.
      const first = new InngestTestEngine({ function: notifyHrFn, events: [toInngestEvent(completed) as never] });
      await first.executeStep("queue");
      expect(await db.notification.count({ where: { userId: user.id, type: DIGEST_ITEM, status: "queued" } })).toBe(1);
      outputs = [];
      outputs[1] = await runThroughSleep(engine, analysis);
      outputs[0] = await runThroughSleep(engine, completed);
    } else {
      wakeAts.length = 0;
      outputs = await runnerDigest([completed, analysis], async () => {
        // Both asleep: the items wait, nothing is sent.
        expect(await db.notification.count({ where: { userId: user.id, type: DIGEST_ITEM, status: "queued" } })).toBe(2);
        expect(await emails(user.id)).toEqual([]);
      });
      expect(wakeAts).toEqual([nextDigestTime(completed.timestamp).toISOString(), nextDigestTime(analysis.timestamp).toISOString()]);
    }
    const senders = outputs.filter((o) => (o as { status: string }).status === "sent");
    expect(senders).toEqual([expect.objectContaining({ notified: true, delivery: "digest", items: 2 })]);
    expect(outputs.filter((o) => o !== senders[0])).toEqual([expect.objectContaining({ notified: false, status: "skipped", reason: "nothing pending", items: 0 })]);

    const sent = await emails(user.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: user.email, template: "hr-digest", status: "sent", subject: "Your daily Intervue digest: 2 updates" });
    expect(sent[0]!.text).toContain(`Ada Lovelace completed “${interview.title}”`);
    expect(sent[0]!.text).toContain("Analysis ready for Ada Lovelace: overall score 9.2/10");
    expect(sent[0]!.text).toContain(reviewUrl(interview.id, session.id));
    const items = await db.notification.findMany({ where: { userId: user.id, type: DIGEST_ITEM } });
    expect(items.map((i) => i.status)).toEqual(["sent", "sent"]);
    expect(await sentEvents(user.id)).toHaveLength(1);

    // Delivered again (both events): no second digest, no second announcement.
    await runThroughSleep(engine, completed);
    await runThroughSleep(engine, analysis);
    expect(await emails(user.id)).toHaveLength(1);
    expect(await sentEvents(user.id)).toHaveLength(1);
  });

  it("digest: items still waiting when the owner turns notifications off are not sent", async () => {
    const { user, completed } = await completedSession({ notifyHr: "digest" });
    const db = await getDb();
    const turnOff = () => db.user.update({ where: { id: user.id }, data: { notifyHr: "off" } }).then(() => undefined);
    if (engine.name === "@inngest/test") {
      await new InngestTestEngine({ function: notifyHrFn, events: [toInngestEvent(completed) as never] }).executeStep("queue");
      // The run resumes after its sleep with its steps' results kept (the preference it started with).
      const prepared = await prepareHrNotification(completed);
      await turnOff();
      const resumed = new InngestTestEngine({
        function: notifyHrFn,
        events: [toInngestEvent(completed) as never],
        steps: [
          { id: "prepare", handler: () => prepared },
          { id: "queue", handler: () => ({ queued: true }) },
          { id: "wait-for-digest", handler: () => null },
        ],
      });
      const { result, error } = await resumed.execute();
      expect(error).toBeUndefined();
      expect(result).toMatchObject({ notified: false, reason: "notifications off" });
    } else {
      const [out] = await runnerDigest([completed], turnOff);
      expect(out).toMatchObject({ notified: false, reason: "notifications off" });
    }
    expect(await emails(user.id)).toEqual([]);
    expect((await db.notification.findMany({ where: { userId: user.id, type: DIGEST_ITEM } })).map((i) => i.status)).toEqual(["failed"]);
  });
});
