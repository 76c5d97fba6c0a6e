import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { EventFiltersInput } from "@/lib/schemas/events";
import { createAccount } from "@/tests/fixtures";
import { listEvents, type EventPage } from "./list-events";
import { addDelivery, candidateStarted, createSession, profileChange, publishEvent } from "./explorer.fixtures";
import { rejection } from "@/tests/app-error";


const ids = (page: EventPage) => page.events.map((e) => e.eventId);

async function setTimestamp(eventId: string, timestamp: string) {
  await (await getDb()).event.update({ where: { eventId }, data: { timestamp: new Date(timestamp) } });
}

describe("listEvents: whose events", () => {
  it("lists the owner's own partition and the sessions of their interviews, never another account's", async () => {
    const ada = await createAccount({ fullName: "Ada Owner" });
    const bob = await createAccount({ fullName: "Bob Other" });
    const adaUpdate = await profileChange(ada.id, "Ada Renamed");
    const adaSession = await createSession(ada.id);
    const adaCandidate = await candidateStarted(adaSession.sessionId, adaSession.interviewId);
    const bobUpdate = await profileChange(bob.id, "Bob Renamed");
    const bobSession = await createSession(bob.id);
    const bobCandidate = await candidateStarted(bobSession.sessionId, bobSession.interviewId);

    const forAda = await listEvents({ actor: ada, filters: {} });
    expect(forAda.events.map((e) => e.eventType)).toEqual(["candidate.started", "user.updated", "user.created"]);
    expect(ids(forAda)).toEqual(expect.arrayContaining([adaUpdate.eventId, adaCandidate.eventId]));
    expect(ids(forAda)).not.toContain(bobUpdate.eventId);
    expect(ids(forAda)).not.toContain(bobCandidate.eventId);
    expect(forAda.events[0]).toMatchObject({
      partitionKeyName: "sessionId",
      partitionKey: adaSession.sessionId,
      topic: "candidate-events",
    });
    expect(forAda.events[1]).toMatchObject({ partitionKeyName: "userId", partitionKey: ada.id, topic: "user-events" });

    const forBob = await listEvents({ actor: bob, filters: {} });
    expect(ids(forBob)).toEqual(expect.arrayContaining([bobUpdate.eventId, bobCandidate.eventId]));
    expect(ids(forBob)).not.toContain(adaUpdate.eventId);
    // Filtering by another account's partition key finds nothing either.
    expect((await listEvents({ actor: ada, filters: { partitionKey: bob.id } })).events).toEqual([]);
    expect((await listEvents({ actor: ada, filters: { partitionKey: bobSession.sessionId } })).events).toEqual([]);
  });

  it("summarises each event's deliveries by status", async () => {
    const user = await createAccount();
    const event = await profileChange(user.id, "Counted");
    await addDelivery(event, { name: "audit-log", status: "completed" });
    await addDelivery(event, { name: "login-analytics", status: "dead", errors: ["boom"] });
    await addDelivery(event, { name: "third-fn", status: "completed", errors: ["flaky once"] });
    const { events } = await listEvents({ actor: user, filters: {} });
    expect(events.find((e) => e.eventId === event.eventId)?.deliveries).toEqual({ completed: 2, dead: 1 });
    expect(events.find((e) => e.eventType === "user.created")?.deliveries).toEqual({});
  });
});

describe("listEvents: filters", () => {
  it("by event type, topic, partition key and correlation id", async () => {
    const user = await createAccount();
    const { sessionId, interviewId } = await createSession(user.id);
    const a = await profileChange(user.id, "One", { correlationId: "req-a" });
    const b = await profileChange(user.id, "Two", { correlationId: "req-b" });
    const c = await candidateStarted(sessionId, interviewId, { correlationId: "req-a" });
    const signIn = await publishEvent({
      eventType: "user.authenticated",
      userId: user.id,
      data: { userId: user.id, email: user.email, sessionId: "s1", authMethod: "password", firstName: "G", lastName: "H" },
      correlationId: "req-a",
    });

    const byType = await listEvents({ actor: user, filters: { eventType: "user.updated" } });
    expect(ids(byType)).toEqual([b.eventId, a.eventId]);
    const byTopic = await listEvents({ actor: user, filters: { topic: "auth-events" } });
    expect(ids(byTopic)).toEqual([signIn.eventId]);
    const byKey = await listEvents({ actor: user, filters: { partitionKey: sessionId } });
    expect(ids(byKey)).toEqual([c.eventId]);
    const byUserKey = await listEvents({ actor: user, filters: { partitionKey: user.id } });
    expect(byUserKey.events).toHaveLength(4); // user.created, two updates, the sign-in
    const byCorrelation = await listEvents({ actor: user, filters: { correlationId: "req-a" } });
    expect(ids(byCorrelation)).toEqual([signIn.eventId, c.eventId, a.eventId]);
    const combined = await listEvents({ actor: user, filters: { correlationId: "req-a", topic: "user-events" } });
    expect(ids(combined)).toEqual([a.eventId]);
    // Search params arrive as strings or arrays; blanks are no filter.
    const fromForm = await listEvents({ actor: user, filters: { eventType: ["user.updated", "x"], topic: " ", correlationId: "" } });
    expect(ids(fromForm)).toEqual([b.eventId, a.eventId]);
  });

  it("by time: from and to are inclusive, a bare date covers the whole day, datetime-local reads as UTC", async () => {
    const user = await createAccount();
    const created = (await listEvents({ actor: user, filters: {} })).events[0]!;
    await setTimestamp(created.eventId, "2026-01-01T00:00:00Z");
    const early = await profileChange(user.id, "Early");
    const noon = await profileChange(user.id, "Noon");
    const late = await profileChange(user.id, "Late");
    await setTimestamp(early.eventId, "2026-03-10T08:00:00Z");
    await setTimestamp(noon.eventId, "2026-03-10T12:00:00Z");
    await setTimestamp(late.eventId, "2026-03-11T23:59:59.500Z");

    const list = (filters: EventFiltersInput) => listEvents({ actor: user, filters }).then(ids);
    expect(await list({ from: "2026-03-10T12:00" })).toEqual([late.eventId, noon.eventId]);
    expect(await list({ to: "2026-03-10T12:00" })).toEqual([noon.eventId, early.eventId, created.eventId]);
    expect(await list({ from: "2026-03-10T08:00", to: "2026-03-10T11:59:59" })).toEqual([early.eventId]);
    expect(await list({ from: "2026-03-11", to: "2026-03-11" })).toEqual([late.eventId]);
    expect(await list({ from: "2026-03-10T13:00:00+01:00", to: "2026-03-10T12:00:00Z" })).toEqual([noon.eventId]);
    expect(await list({ from: "2026-03-12" })).toEqual([]);
  });

  it("refuses bad filter values with a message per field, not a crash", async () => {
    const user = await createAccount();
    const err = await rejection(
      listEvents({
        actor: user,
        filters: { eventType: "user.exploded", topic: "nope", partitionKey: "123", from: "yesterday", to: "2026-02-31" },
      }),
    );
    expect(err.status).toBe(422);
    expect(err.fieldErrors).toEqual({
      eventType: ["Choose an event type from the list."],
      topic: ["Choose a topic from the list."],
      partitionKey: ["A partition key is a user id or a candidate session id (a UUID)."],
      from: ["Enter a date and time such as 2026-11-28T14:30 (UTC)."],
      to: ["Enter a date and time such as 2026-11-28T14:30 (UTC)."],
    });
    const order = await rejection(listEvents({ actor: user, filters: { from: "2026-03-02", to: "2026-03-01" } }));
    expect(order.fieldErrors?.to).toEqual(["“To” must not be earlier than “From”."]);
    for (const before of ["abc", "-1", "0", "99999999999999999999"]) {
      const cursor = await rejection(listEvents({ actor: user, filters: { before } }));
      expect(cursor.fieldErrors?.before?.[0]).toMatch(/page link is not valid/);
    }
    const tooLong = await rejection(listEvents({ actor: user, filters: { correlationId: "x".repeat(201) } }));
    expect(tooLong.fieldErrors?.correlationId).toBeTruthy();
  });
});

describe("listEvents: keyset pagination", () => {
  it("walks 50 at a time, newest first, with no duplicate and no gap, both ways", async () => {
    const user = await createAccount();
    const other = await createAccount();
    const db = await getDb();
    await db.$transaction(async (tx) => {
      const { publish } = await import("@/lib/events/publish");
      for (let i = 0; i < 124; i++) {
        await publish(tx, { eventType: "user.updated", userId: user.id, data: { changes: { fullName: `Name ${i}` } } });
        // Interleaved events of someone else must not shift the pages.
        if (i % 10 === 0) await publish(tx, { eventType: "user.updated", userId: other.id, data: { changes: { fullName: `O ${i}` } } });
      }
    });
    const all = await db.event.findMany({ where: { ownerId: user.id }, orderBy: { seq: "desc" }, select: { eventId: true } });
    expect(all).toHaveLength(125);

    // Older and older.
    const pages: EventPage[] = [await listEvents({ actor: user, filters: {} })];
    while (pages.at(-1)!.older) {
      pages.push(await listEvents({ actor: user, filters: { before: pages.at(-1)!.older! } }));
      expect(pages.length).toBeLessThan(10);
    }
    expect(pages.map((p) => p.events.length)).toEqual([50, 50, 25]);
    expect(pages.flatMap(ids)).toEqual(all.map((e) => e.eventId));
    expect(pages[0]!.newer).toBeNull();
    expect(pages[1]!.newer).not.toBeNull();
    expect(pages[2]!.older).toBeNull();
    const seqs = pages.flatMap((p) => p.events.map((e) => BigInt(e.seq)));
    expect(seqs.every((s, i) => i === 0 || s < seqs[i - 1]!)).toBe(true);

    // And back towards the newest: the same pages.
    const back: EventPage[] = [pages[2]!];
    while (back.at(-1)!.newer) {
      back.push(await listEvents({ actor: user, filters: { after: back.at(-1)!.newer! } }));
      expect(back.length).toBeLessThan(10);
    }
    expect(back.map(ids)).toEqual([...pages].reverse().map(ids));
    expect(back.at(-1)!.newer).toBeNull();

    // Filters carry over onto every page.
    const filtered = await listEvents({ actor: user, filters: { eventType: "user.updated", before: pages[0]!.older! } });
    expect(filtered.events).toHaveLength(50);
    expect(filtered.events.every((e) => e.eventType === "user.updated")).toBe(true);
  });

  it("with a time filter, orders by the event's time, then seq, and still pages without gaps", async () => {
    const user = await createAccount();
    const db = await getDb();
    await db.$transaction(async (tx) => {
      const { publish } = await import("@/lib/events/publish");
      for (let i = 0; i < 110; i++) {
        await publish(tx, { eventType: "user.updated", userId: user.id, data: { changes: { fullName: `Name ${i}` } } });
      }
    });
    // Seven distinct times, out of insertion order: many ties, and ties across page boundaries.
    await db.$executeRawUnsafe(
      `UPDATE events SET timestamp = timestamptz '2026-06-01T00:00:00Z' + (((seq * 5) % 7) * interval '1 hour') WHERE owner_id = $1::uuid`,
      user.id,
    );
    const expected = (
      await db.event.findMany({
        where: { ownerId: user.id },
        orderBy: [{ timestamp: "desc" }, { seq: "desc" }],
        select: { eventId: true },
      })
    ).map((e) => e.eventId);
    expect(expected).toHaveLength(111);
    const filters = { from: "2026-06-01T00:00", to: "2026-06-01T06:00" };

    const pages: EventPage[] = [await listEvents({ actor: user, filters })];
    while (pages.at(-1)!.older) {
      pages.push(await listEvents({ actor: user, filters: { ...filters, before: pages.at(-1)!.older! } }));
      expect(pages.length).toBeLessThan(10);
    }
    expect(pages.map((p) => p.events.length)).toEqual([50, 50, 11]);
    expect(pages.flatMap(ids)).toEqual(expected);

    const back: EventPage[] = [pages[2]!];
    while (back.at(-1)!.newer) {
      back.push(await listEvents({ actor: user, filters: { ...filters, after: back.at(-1)!.newer! } }));
      expect(back.length).toBeLessThan(10);
    }
    expect(back.map(ids)).toEqual([...pages].reverse().map(ids));

    // Narrowing the window keeps the order and drops the rest.
    const twoHours = await listEvents({ actor: user, filters: { from: "2026-06-01T01:00", to: "2026-06-01T02:00" } });
    const times = twoHours.events.map((e) => e.timestamp.toISOString());
    expect(new Set(times)).toEqual(new Set(["2026-06-01T02:00:00.000Z", "2026-06-01T01:00:00.000Z"]));
    expect(times).toEqual([...times].sort().reverse());
  });

  it("a cursor past either end is an empty page, not an error", async () => {
    const user = await createAccount();
    const page = await listEvents({ actor: user, filters: { before: "1" } });
    expect(page).toEqual({ events: [], newer: null, older: null });
    const future = await listEvents({ actor: user, filters: { after: "999999999999" } });
    expect(future).toEqual({ events: [], newer: null, older: null });
  });
});
