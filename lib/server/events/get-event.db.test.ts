import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { parseEvent } from "@/lib/events/catalog";
import { createAccount } from "@/tests/fixtures";
import type { CausationNode } from "./event-dto";
import { CAUSATION_MAX_DEPTH, getEvent, NOT_FOUND_MESSAGE } from "./get-event";
import { addDelivery, candidateStarted, FIXTURE_WORKER_ID, createSession, profileChange } from "./explorer.fixtures";
import { rejection } from "@/tests/app-error";


/** The tree as nested [eventId, children] pairs, to compare shapes. */
function shape(nodes: CausationNode[]): unknown[] {
  return nodes.map((n) => [n.eventId, shape(n.children)]);
}

describe("getEvent", () => {
  it("returns the owner's event as its standard envelope, with its metadata and catalog entry", async () => {
    const user = await createAccount();
    const event = await profileChange(user.id, "New Name", { correlationId: "req-42" });
    const { event: shown } = await getEvent({ actor: user, eventId: event.eventId });
    expect(shown).toMatchObject({
      eventId: event.eventId,
      seq: String(event.seq),
      eventType: "user.updated",
      topic: "user-events",
      partitionKeyName: "userId",
      partitionKey: user.id,
      correlationId: "req-42",
      causationId: null,
      metadata: { service: "users", version: "1.0", correlationId: "req-42" },
      consumers: ["apply-retention", "deliver-webhooks", "audit-log"],
    });
    expect(shown.description).toMatch(/profile is updated/);
    // The envelope is exactly what consumers receive: valid against the catalog.
    expect(parseEvent(shown.envelope)).toMatchObject({ ok: true });
    expect(shown.envelope).toMatchObject({ eventId: event.eventId, userId: user.id, data: { changes: { fullName: "New Name" } } });
  });

  it("shows a candidate session's event to the interview's owner, with sessionId as its key", async () => {
    const user = await createAccount();
    const { sessionId, interviewId } = await createSession(user.id);
    const event = await candidateStarted(sessionId, interviewId);
    const { event: shown } = await getEvent({ actor: user, eventId: event.eventId });
    expect(shown).toMatchObject({ partitionKeyName: "sessionId", partitionKey: sessionId, topic: "candidate-events" });
    expect(shown.envelope).toMatchObject({ sessionId });
  });

  it("is NOT_FOUND for another account's event, an unknown id and a malformed one, with the same message", async () => {
    const owner = await createAccount();
    const stranger = await createAccount();
    const event = await profileChange(owner.id, "Private");
    const { sessionId, interviewId } = await createSession(owner.id);
    const candidate = await candidateStarted(sessionId, interviewId);
    for (const eventId of [event.eventId, candidate.eventId, randomUUID(), "not-a-uuid", "' OR 1=1 --"]) {
      const err = await rejection(getEvent({ actor: stranger, eventId }));
      expect(err.status).toBe(404);
      expect(err.message).toBe(NOT_FOUND_MESSAGE);
    }
  });

  it("lists the deliveries per function with status, attempts, last error, duration, attempt log and steps", async () => {
    const user = await createAccount();
    const event = await profileChange(user.id, "Delivered");
    const dead = await addDelivery(event, {
      name: "zeta-fn",
      status: "dead",
      steps: [{ stepId: "load-user", result: { email: "x@example.com" } }],
      errors: ["timeout", "timeout", "mail server said no"],
    });
    const completed = await addDelivery(event, { name: "audit-log", status: "completed", output: { audited: true } });

    const { deliveries } = await getEvent({ actor: user, eventId: event.eventId });
    // By function id.
    expect(deliveries.map((d) => [d.functionId, d.status])).toEqual([
      [completed.functionId, "completed"],
      [dead.functionId, "dead"],
    ]);
    expect(deliveries[0]).toMatchObject({ attempts: 1, maxAttempts: 5, lastError: null, output: { audited: true }, attemptsOmitted: 0 });
    expect(deliveries[0]!.attemptsLog.map((a) => [a.attempt, a.outcome, a.error])).toEqual([[1, "completed", null]]);
    expect(deliveries[0]!.finishedAt).toBeInstanceOf(Date);

    const shown = deliveries[1]!;
    expect(shown).toMatchObject({ id: String(dead.id), attempts: 3, maxAttempts: 3, lastError: "Error: mail server said no", attemptsOmitted: 0 });
    expect(shown.attemptsLog.map((a) => [a.attempt, a.outcome, a.error])).toEqual([
      [1, "failed", "Error: timeout"],
      [2, "failed", "Error: timeout"],
      [3, "failed", "Error: mail server said no"],
    ]);
    // The delivery's duration is the sum of its executions', each timed by the runner that ran it.
    expect(shown.durationMs).toBe(shown.attemptsLog.reduce((sum, a) => sum + a.durationMs!, 0));
    for (const a of shown.attemptsLog) {
      expect(a).toMatchObject({ workerId: FIXTURE_WORKER_ID, startedAt: expect.any(Date), finishedAt: expect.any(Date) });
      expect(a.finishedAt!.getTime()).toBeGreaterThanOrEqual(a.startedAt.getTime());
    }
    expect(shown.firstStartedAt!.getTime()).toBeLessThanOrEqual(shown.finishedAt!.getTime());
    // The step ran once, on the first try; the retries replayed its memoised result.
    expect(shown.steps).toEqual([{ stepId: "load-user", kind: "run", result: { email: "x@example.com" }, createdAt: expect.any(Date) }]);
    expect(shown.steps[0]!.createdAt.getTime()).toBeLessThanOrEqual(shown.attemptsLog[1]!.startedAt.getTime());
  });

  it("shows the most recent 50 executions of a long-running delivery and counts the rest", async () => {
    const user = await createAccount();
    const event = await profileChange(user.id, "Sleepy");
    // 54 sleeps, each ending an execution as suspended, then an execution still running.
    await addDelivery(event, { name: "sleeper", status: "running", naps: 54 });
    const [delivery] = (await getEvent({ actor: user, eventId: event.eventId })).deliveries;
    expect(delivery).toMatchObject({ status: "running", attempts: 1 });
    expect(delivery!.attemptsLog).toHaveLength(50);
    expect(delivery!.attemptsOmitted).toBe(5);
    expect(delivery!.attemptsLog.slice(0, -1).every((a) => a.outcome === "suspended" && a.attempt === 1)).toBe(true);
    expect(delivery!.attemptsLog.at(-1)).toMatchObject({ attempt: 1, outcome: null, finishedAt: null });
    expect(delivery!.steps.filter((s) => s.kind === "sleep")).toHaveLength(54);
  });

  it("builds the causation tree three levels deep, links the parent, and leaves out other accounts' events", async () => {
    const user = await createAccount();
    const other = await createAccount();
    const root = await profileChange(user.id, "Root");
    const child1 = await profileChange(user.id, "Child 1", { causationId: root.eventId });
    const child2 = await profileChange(user.id, "Child 2", { causationId: root.eventId });
    const grandchild = await profileChange(user.id, "Grandchild", { causationId: child1.eventId });
    const great = await profileChange(user.id, "Great-grandchild", { causationId: grandchild.eventId });
    await profileChange(other.id, "Not yours", { causationId: root.eventId });
    await profileChange(user.id, "Unrelated");

    const fromRoot = await getEvent({ actor: user, eventId: root.eventId });
    expect(shape(fromRoot.caused)).toEqual([
      [child1.eventId, [[grandchild.eventId, [[great.eventId, []]]]]],
      [child2.eventId, []],
    ]);
    expect(fromRoot.caused[0]!.children[0]!.children[0]).toMatchObject({ depth: 3, eventType: "user.updated" });
    expect(fromRoot.causedTruncated).toBe(false);
    expect(fromRoot.causedBy).toBeNull();

    const fromGrandchild = await getEvent({ actor: user, eventId: grandchild.eventId });
    expect(fromGrandchild.causedBy).toMatchObject({ eventId: child1.eventId, eventType: "user.updated" });
    expect(shape(fromGrandchild.caused)).toEqual([[great.eventId, []]]);
  });

  it("stops the tree at its depth cap and says so", async () => {
    const user = await createAccount();
    const root = await profileChange(user.id, "Root");
    let parent = root;
    for (let i = 1; i <= CAUSATION_MAX_DEPTH + 2; i++) parent = await profileChange(user.id, `Level ${i}`, { causationId: parent.eventId });
    const { caused, causedTruncated } = await getEvent({ actor: user, eventId: root.eventId });
    let depth = 0;
    for (let level = caused; level.length; level = level[0]!.children) depth++;
    expect(depth).toBe(CAUSATION_MAX_DEPTH);
    expect(causedTruncated).toBe(true);
  });

  it("names a parent that is not visible by id only", async () => {
    const user = await createAccount();
    const missingParent = randomUUID();
    const event = await profileChange(user.id, "Orphan", { causationId: missingParent });
    const { causedBy } = await getEvent({ actor: user, eventId: event.eventId });
    expect(causedBy).toEqual({ eventId: missingParent, eventType: null, timestamp: null });
    // Still stored: the explorer only reads.
    expect(await (await getDb()).event.count({ where: { causationId: missingParent } })).toBe(1);
  });
});
