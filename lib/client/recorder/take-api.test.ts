// The take endpoints' client under a busy server: a 503 is repeated after its Retry-After plus
// jitter (never sooner), a bounded number of times, for a take start, a finalise and a grant
// renewal alike; other refusals are not repeated. fetch is stubbed and timers are fake, so the
// waits are read off the fake clock, not measured.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BUSY_RETRIES, busyDelay, finaliseTake, parseRetryAfter, renewGrant, startTake, TakeApiError } from "./take-api";

type Answer = { status: number; body?: unknown; retryAfter?: string };
let answers: Answer[] = [];
let calls: { url: string; at: number }[] = [];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "Date"] });
  calls = [];
  vi.stubGlobal("fetch", async (url: string) => {
    calls.push({ url, at: Date.now() });
    const a = answers.shift() ?? { status: 500, body: { error: { code: "INTERNAL", message: "no answer scripted" } } };
    const headers = new Headers({ "content-type": "application/json" });
    if (a.retryAfter !== undefined) headers.set("retry-after", a.retryAfter);
    return new Response(JSON.stringify(a.body ?? {}), { status: a.status, headers });
  });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const busy = (retryAfter?: string): Answer => ({
  status: 503,
  retryAfter,
  body: { error: { code: "UNAVAILABLE", message: "The service is busy right now." } },
});
const started = { takeId: "t1", uploadUrl: "/api/uploads", grant: "g", maxBytes: 10, maxChunkBytes: 4, attempt: 1 };

/** Settles `promise` while the fake clock runs every pending timer. */
async function settle<T>(promise: Promise<T>): Promise<T> {
  const caught = promise.then(
    (v) => ({ v }),
    (e: unknown) => ({ e }),
  );
  await vi.runAllTimersAsync();
  const r = await caught;
  if ("e" in r) throw r.e;
  return r.v;
}

describe("parseRetryAfter and busyDelay", () => {
  it("reads seconds and HTTP dates, and waits at least what the server asked, with jitter on top", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now)).toBe(5000);
    expect(busyDelay(3000, () => 0)).toBe(3000);
    expect(busyDelay(3000, () => 0.999)).toBeGreaterThan(4000);
    expect(busyDelay(3000, () => 0.999)).toBeLessThanOrEqual(4500);
    // No Retry-After: 2 s; an absurd one is capped at 30 s.
    expect(busyDelay(undefined, () => 0)).toBe(2000);
    expect(busyDelay(3_600_000, () => 0)).toBe(30_000);
  });
});

describe("503 from the take endpoints", () => {
  it("a take start answered 503 twice is repeated after each Retry-After and succeeds", async () => {
    answers = [busy("3"), busy("1"), { status: 201, body: started }];
    const result = await settle(startTake("tok", "q1", "video/webm", "t1"));
    expect(result).toEqual(started);
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.url === "/i/tok/takes")).toBe(true);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(3000);
    expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(1000);
  });

  it(`gives up after ${BUSY_RETRIES} repeats with the 503 itself`, async () => {
    answers = Array.from({ length: BUSY_RETRIES + 2 }, () => busy("1"));
    const err = await settle(finaliseTake("tok", "t1", { bytes: 1, sha256: "a".repeat(64), durationSeconds: 1, mimeType: "video/webm" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TakeApiError);
    expect((err as TakeApiError).status).toBe(503);
    expect((err as TakeApiError).retryAfterMs).toBe(1000);
    expect(calls).toHaveLength(BUSY_RETRIES + 1);
  });

  it("a finalise and a grant renewal are repeated too; a 409 or a 500 is not", async () => {
    answers = [busy(), { status: 200, body: { responseId: "t1", mediaFileId: "m", bytes: 1, sha256: "a".repeat(64), durationSeconds: 1 } }];
    await settle(finaliseTake("tok", "t1", { bytes: 1, sha256: "a".repeat(64), durationSeconds: 1, mimeType: "video/webm" }));
    expect(calls).toHaveLength(2);
    // Without Retry-After the wait is 2 s at least.
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(2000);

    calls = [];
    answers = [busy("2"), { status: 200, body: started }];
    expect(await settle(renewGrant("tok", "t1"))).toEqual(started);
    expect(calls.map((c) => c.url)).toEqual(["/i/tok/takes/t1/grant", "/i/tok/takes/t1/grant"]);

    for (const status of [409, 500]) {
      calls = [];
      answers = [{ status, body: { error: { code: "X", message: "no" } } }, { status: 201, body: started }];
      const err = await settle(startTake("tok", "q1", "video/webm")).catch((e: unknown) => e);
      expect((err as TakeApiError).status).toBe(status);
      expect(calls).toHaveLength(1);
    }
  });
});
