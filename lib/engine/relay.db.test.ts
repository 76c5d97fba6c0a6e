// The outbox relay against the real Inngest SDK: a client of its own (`new Inngest({ eventKey,
// baseUrl })`) whose `send` builds and posts the real Event API request to a local stand-in
// (tests/inngest-server.ts). The relay's default send path is the one production uses; only
// the client differs (the app's client reads INNGEST_* once, at import, before the server's
// port is known).
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Inngest } from "inngest";
import { getDbHandle } from "@/lib/db/client";
import { toInngestEvent } from "./inngest-client";
import { FakeInngest, type FakeInngestOptions } from "@/tests/inngest-server";
import type { DomainEvent } from "@/lib/events/catalog";
import { OutboxRelay, relayStatus, RelaySendError, type OutboxRelayOptions } from "./relay";
import { waitFor } from "@/tests/wait-for";
import { interviewCreated as createdInterview, storeEvent as emit } from "@/tests/events";

const silent = { info() {}, warn() {}, error() {}, debug() {} };

const servers: FakeInngest[] = [];
const relays: OutboxRelay[] = [];

beforeEach(async () => {
  // Each test starts with an empty outbox.
  const handle = await getDbHandle();
  await handle.query(`UPDATE events SET relayed_at = now() WHERE relayed_at IS NULL`);
});

afterEach(async () => {
  await Promise.all(relays.splice(0).map((r) => r.stop()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(opts: FakeInngestOptions = {}) {
  const s = await FakeInngest.start(opts);
  servers.push(s);
  return s;
}

function client(s: FakeInngest, eventKey = "test-key") {
  return new Inngest({ id: "intervue-relay-test", eventKey, baseUrl: s.url, isDev: false, logger: silent });
}

function logger() {
  return { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

function relay(opts: OutboxRelayOptions) {
  const r = new OutboxRelay({ pollMs: 50, backoffMs: () => 20, logger: logger(), ...opts });
  relays.push(r);
  return r;
}


const interviewCreated = (userId: string, title?: string) => createdInterview(userId, title, "req-relay");

const userCreated = (userId: string) =>
  emit({
    eventType: "user.created",
    userId,
    data: { keycloakId: null, email: `${userId.slice(0, 8)}@example.com`, fullName: "Ada", createdAt: new Date().toISOString() },
  });

async function emitMany(n: number): Promise<DomainEvent[]> {
  const out: DomainEvent[] = [];
  const userId = randomUUID();
  for (let i = 0; i < n; i++) out.push(await interviewCreated(userId, `T${i}`));
  return out;
}

async function relayedAt(eventIds: string[]) {
  const handle = await getDbHandle();
  const rows = await handle.query<{ event_id: string; relayed_at: Date | null }>(
    `SELECT event_id, relayed_at FROM events WHERE event_id = ANY($1::uuid[])`,
    [eventIds],
  );
  return new Map(rows.map((r) => [r.event_id, r.relayed_at]));
}

const until = (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000) => waitFor(check, { what, timeoutMs });

const ids = (events: { eventId: string }[]) => events.map((e) => e.eventId);

describe("outbox relay to Inngest", () => {
  it("sends each stored event once with id = eventId, name = eventType, data = the envelope, and records relayed_at", async () => {
    const s = await server({ eventKey: "test-key" });
    const r = relay({ client: client(s) });
    const userId = randomUUID();
    const a = await userCreated(userId);
    const b = await interviewCreated(userId);

    expect(await relayStatus()).toEqual({ unrelayed: 2, oldestUnrelayedAt: new Date(a.timestamp) });
    expect(await r.relayOnce()).toBe(2);

    expect(s.requests).toEqual([{ key: "test-key", status: 200, events: 2 }]);
    expect(s.received.map((e) => [e.name, e.id])).toEqual([
      ["user.created", a.eventId],
      ["interview.created", b.eventId],
    ]);
    expect(s.received[0]!.data).toEqual(JSON.parse(JSON.stringify(a)));
    expect(s.received[1]!.data).toEqual(JSON.parse(JSON.stringify(b)));
    expect(s.received[1]!.ts).toBe(Date.parse(b.timestamp));
    expect(s.received[1]!.v).toBe("1.0");
    const marked = await relayedAt([a.eventId, b.eventId]);
    expect(marked.get(a.eventId)).toBeInstanceOf(Date);
    expect(marked.get(b.eventId)).toBeInstanceOf(Date);
    expect(await relayStatus()).toEqual({ unrelayed: 0, oldestUnrelayedAt: null });

    // Nothing is sent twice: a round with nothing new makes no request at all.
    expect(await r.relayOnce()).toBe(0);
    expect(s.requests).toHaveLength(1);
    const c = await interviewCreated(userId);
    expect(await r.relayOnce()).toBe(1);
    expect(s.received.map((e) => e.id)).toEqual([a.eventId, b.eventId, c.eventId]);
    expect(s.duplicates).toEqual([]);
    expect(r.status).toMatchObject({ failures: 0, lastError: null });
  });

  it("sends in outbox order, batchSize events per request", async () => {
    const s = await server();
    const r = relay({ client: client(s), batchSize: 2 });
    const events = await emitMany(5);
    expect(await r.relayOnce()).toBe(2);
    expect(await r.relayOnce()).toBe(2);
    expect(await r.relayOnce()).toBe(1);
    expect(await r.relayOnce()).toBe(0);
    expect(s.requests.map((q) => q.events)).toEqual([2, 2, 1]);
    expect(s.received.map((e) => e.id)).toEqual(ids(events));
  });

  it("two relays at once (two app instances) send every event once, in order", async () => {
    const s = await server();
    const events = await emitMany(20);
    const c = client(s);
    // A slow Inngest, so that the two would overlap if nothing kept them apart.
    const send = async (batch: DomainEvent[]) => {
      await new Promise((res) => setTimeout(res, 5 + Math.random() * 20));
      await c.send(batch.map(toInngestEvent));
    };
    const one = relay({ send, batchSize: 3 });
    const two = relay({ send, batchSize: 3 });
    const [n1, n2] = await Promise.all([one.drain(), two.drain()]);
    expect(n1 + n2).toBe(20);
    expect(s.received.map((e) => e.id)).toEqual(ids(events));
    expect(s.duplicates).toEqual([]);
    expect((await relayStatus()).unrelayed).toBe(0);
  });

  it("while Inngest is unreachable marks nothing and keeps retrying; once it is back sends everything in order", async () => {
    const s = await server();
    await s.down("closed");
    const log = logger();
    const backoff = vi.fn(() => 100);
    const r = relay({ client: client(s), logger: log, backoffMs: backoff });
    const events = await emitMany(3);
    await r.start();
    await until("a failed round", () => r.status.failures >= 1);
    expect(s.received).toEqual([]);
    expect((await relayStatus()).unrelayed).toBe(3);
    expect(r.status.lastError).toMatch(/^cannot reach Inngest at http:\/\/127\.0\.0\.1:\d+\//);
    expect(backoff).toHaveBeenCalledWith(1);

    await s.up();
    await until("the outbox to be empty", async () => (await relayStatus()).unrelayed === 0);
    expect(s.received.map((e) => e.id)).toEqual(ids(events));
    expect(s.duplicates).toEqual([]);
    expect(log.error).toHaveBeenCalledTimes(1);
    expect(log.error.mock.calls[0]![0]).toMatch(/cannot reach Inngest.*3 event\(s\) stay in the outbox; retrying with back-off/);
    expect(log.info).toHaveBeenCalledTimes(1);
    expect(log.info.mock.calls[0]![0]).toMatch(/relaying again after \d+ failed attempt\(s\).*3 event\(s\) sent/);
    expect(r.status).toMatchObject({ failures: 0, relayed: 3, lastError: null });
  });

  it("an Inngest error answer (503) fails the round and marks nothing", async () => {
    const s = await server();
    await s.down("503");
    const r = relay({ client: client(s) });
    const [e] = await emitMany(1);
    const err = await r.relayOnce().catch((x: unknown) => x);
    expect(err).toBeInstanceOf(RelaySendError);
    expect((err as Error).message).toMatch(/Inngest did not accept the events \(Inngest API Error: 503/);
    expect((await relayedAt([e!.eventId])).get(e!.eventId)).toBeNull();
    expect(s.received).toEqual([]);
    // The SDK retried the request itself before giving up.
    expect(s.requests.length).toBeGreaterThan(1);
  });

  it("a rejected event key (401) is logged clearly, marks nothing, and is retried until accepted", async () => {
    const s = await server({ eventKey: "right-key" });
    const log = logger();
    const r = relay({ client: client(s, "wrong-key"), logger: log, backoffMs: () => 50 });
    const events = await emitMany(2);
    await expect(r.relayOnce()).rejects.toThrow(/Inngest rejected the event key \(Inngest API Error: 401 Event key not found\): check INNGEST_EVENT_KEY/);
    expect(s.requests.every((q) => q.status === 401 && q.key === "wrong-key")).toBe(true);
    expect((await relayStatus()).unrelayed).toBe(2);

    await r.start();
    await until("a failed round", () => r.status.failures >= 1);
    expect(log.error).toHaveBeenCalledTimes(1);
    expect(log.error.mock.calls[0]![0]).toMatch(/\[relay\] Inngest rejected the event key .*401.*check INNGEST_EVENT_KEY/);
    expect((await relayStatus()).unrelayed).toBe(2);

    s.eventKey = "wrong-key"; // the key is now valid (e.g. Inngest's side was fixed)
    await until("the outbox to be empty", async () => (await relayStatus()).unrelayed === 0);
    expect(s.received.map((e) => e.id)).toEqual(ids(events));
    expect(log.error).toHaveBeenCalledTimes(1);
  });

  it("does not hang on an Inngest that never answers: the round fails after sendTimeoutMs", async () => {
    const s = await server();
    await s.down("hang");
    const r = relay({ client: client(s), sendTimeoutMs: 300 });
    const [e] = await emitMany(1);
    const started = Date.now();
    await expect(r.relayOnce()).rejects.toThrow(/Inngest did not answer within 300 ms/);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await relayedAt([e!.eventId])).get(e!.eventId)).toBeNull();
  });

  it("logs once per outage, backs off exponentially, and does not cut back-off short for new events", async () => {
    const batches: string[][] = [];
    let failuresLeft = 3;
    const log = logger();
    const backoff = vi.fn((n: number) => 10 * 2 ** n);
    const r = relay({
      logger: log,
      backoffMs: backoff,
      pollMs: 60_000,
      send: async (events) => {
        batches.push(ids(events));
        if (failuresLeft-- > 0) throw new Error("Inngest API Error: 503 service unavailable");
      },
    });
    const events = await emitMany(3);
    await r.start();
    await until("the outbox to be empty", async () => (await relayStatus()).unrelayed === 0);
    expect(backoff.mock.calls.map((c) => c[0])).toEqual([1, 2, 3]);
    expect(batches).toEqual([ids(events), ids(events), ids(events), ids(events)]);
    expect(log.error).toHaveBeenCalledTimes(1);
    expect(log.info).toHaveBeenCalledTimes(1);
    expect(log.info.mock.calls[0]![0]).toMatch(/after 3 failed attempt\(s\)/);
  });

  it("wakes on NOTIFY when an event is stored, without waiting for the poll interval", async () => {
    const s = await server();
    // Stored before the relay starts: once it is relayed, the start-up round is over and the
    // relay waits out its poll interval, far longer than the test.
    const first = await interviewCreated(randomUUID());
    const r = relay({ client: client(s), pollMs: 60_000 });
    await r.start();
    await until("the event stored before start to be relayed", async () => (await relayStatus()).unrelayed === 0);
    const e = await interviewCreated(randomUUID());
    await until("the event stored while idle to be relayed", () => s.received.length === 2, 5_000);
    expect(s.received.map((x) => x.id)).toEqual([first.eventId, e.eventId]);
  });

  it("stop() waits for the batch in flight, which is recorded as sent", async () => {
    const order: string[] = [];
    let stopResolved!: () => void;
    const stopped = new Promise<void>((res) => (stopResolved = res));
    let called = false;
    const r = relay({
      send: async () => {
        called = true;
        // Inngest answers once stop() has resolved, or after 300 ms, whichever comes first: a
        // stop() that did not wait resolves first, one that waits resolves after the answer.
        await Promise.race([stopped, new Promise((res) => setTimeout(res, 300))]);
        order.push("batch sent");
      },
    });
    const [e] = await emitMany(1);
    await r.start();
    await until("the batch to be in flight", () => called);
    await r.stop();
    order.push("stop() resolved");
    const marked = (await relayedAt([e!.eventId])).get(e!.eventId);
    stopResolved();
    expect(order).toEqual(["batch sent", "stop() resolved"]);
    expect(marked).toBeInstanceOf(Date);
  });

  it("drain() throws after its deadline while Inngest stays down", async () => {
    const r = relay({
      send: async () => {
        throw new Error("Inngest API Error: 500 Internal server error");
      },
    });
    await emitMany(1);
    await expect(r.drain({ timeoutMs: 200 })).rejects.toThrow(/did not drain within 200 ms: Inngest did not accept the events/);
    expect((await relayStatus()).unrelayed).toBe(1);
  });
});
