import { describe, expect, it } from "vitest";
import { quotaFacts } from "./quota-message";

describe("quotaFacts", () => {
  it("reads the details enforce-quota attaches", () => {
    expect(quotaFacts({ limit: "interviews", plan: "free", used: 3, max: 3 })).toEqual({
      limit: "interviews",
      plan: "free",
      used: 3,
      max: 3,
    });
    expect(quotaFacts({ limit: "candidatesPerInterview", plan: "plus", used: 1000, max: 1000, requested: 2 })).toMatchObject({
      limit: "candidatesPerInterview",
      max: 1000,
    });
  });

  it("falls back (null) on anything else, so the server's message is shown", () => {
    expect(quotaFacts(undefined)).toBeNull();
    expect(quotaFacts({ limit: "storage", plan: "free", used: 1, max: 2 })).toBeNull();
    expect(quotaFacts({ limit: "interviews", plan: "free", used: "3", max: 3 })).toBeNull();
    expect(quotaFacts({ limit: "interviews", plan: "free", used: 3, max: null })).toBeNull();
  });
});
