import { describe, expect, it } from "vitest";
import { describeFunction, UnsupportedFunctionOption } from "./functions";
import { inngest, subscribe } from "./inngest-client";

const handler = async () => "ok";
const define = (opts: Record<string, unknown>) =>
  inngest.createFunction({ id: "probe", ...subscribe("interview.created"), ...opts } as never, handler);

describe("describeFunction", () => {
  it("reads triggers, retries, the per-key order, a function-wide concurrency limit and a throttle", () => {
    const sub = subscribe("interview.created");
    const fn = describeFunction(
      define({ retries: 2, concurrency: [...sub.concurrency, { limit: 3 }], throttle: { limit: 5, period: "1m" } }),
    );
    expect(fn).toMatchObject({
      id: "probe",
      triggers: ["interview.created"],
      maxAttempts: 3,
      concurrency: 3,
      throttle: { limit: 5, periodMs: 60_000, perKey: false },
    });
  });

  it("keeps Inngest's default of 4 retries and no limits", () => {
    expect(describeFunction(define({}))).toMatchObject({ maxAttempts: 5, concurrency: null, throttle: null });
  });

  it("takes a throttle keyed on the partition key as a per-key throttle", () => {
    const fn = describeFunction(define({ throttle: { limit: 1, period: "10s", key: "event.data.userId" } }));
    expect(fn.throttle).toEqual({ limit: 1, periodMs: 10_000, perKey: true });
  });

  it.each([
    ["debounce", { debounce: { period: "5s" } }, /the `debounce` option/],
    ["cancelOn", { cancelOn: [{ event: "user.deleted", match: "data.userId" }] }, /the `cancelOn` option/],
    ["onFailure", { onFailure: async () => {} }, /the `onFailure` option/],
    ["timeouts", { timeouts: { finish: "1m" } }, /the `timeouts` option/],
    ["batchEvents", { batchEvents: { maxSize: 10, timeout: "5s" } }, /the `batchEvents` option/],
    ["rateLimit", { rateLimit: { limit: 1, period: "1m" } }, /the `rateLimit` option/],
    ["priority", { priority: { run: "100" } }, /the `priority` option/],
    ["idempotency", { idempotency: "event.data.userId" }, /the `idempotency` option/],
    ["a concurrency key that is not the partition key", { concurrency: { limit: 1, key: "event.data.data.title" } }, /concurrency key other than the partition key/],
    ["per-key concurrency above 1", { concurrency: { limit: 2, key: "event.data.userId" } }, /per-partition-key concurrency above 1/],
    ["an account-scoped concurrency", { concurrency: { limit: 2, scope: "account" } }, /concurrency scope "account"/],
    ["a throttle burst", { throttle: { limit: 2, period: "1m", burst: 3 } }, /throttle.burst/],
    ["a throttle key that is not the partition key", { throttle: { limit: 2, period: "1m", key: "event.data.data.title" } }, /throttle key other than/],
  ])("refuses %s at registration, naming it", (_name, opts, message) => {
    let error: unknown;
    try {
      describeFunction(define(opts));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UnsupportedFunctionOption);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/^function probe: .* is not implemented by the embedded runner/);
  });

  it("refuses a trigger that is not a catalog event, and a trigger expression", () => {
    const notCatalog = inngest.createFunction({ id: "stray", triggers: [{ event: "app/stray" }] }, handler);
    expect(() => describeFunction(notCatalog)).toThrow(/function stray: trigger .* is not a catalog event/);
    const withIf = inngest.createFunction({ id: "cond", triggers: [{ event: "interview.created", if: "event.data.data.questionsCount > 3" }] }, handler);
    expect(() => describeFunction(withIf)).toThrow(/a trigger `if` expression is not implemented/);
  });
});
