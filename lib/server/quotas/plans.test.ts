import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { PLAN_NAMES, planLimits, plans } from "./plans";

describe("plans", () => {
  it("free 3 / plus 100 / pro unlimited active interviews, each with a candidates and a storage limit", () => {
    expect(PLAN_NAMES).toEqual(["free", "plus", "pro"]);
    expect(PLAN_NAMES.map((p) => plans[p].maxInterviews)).toEqual([3, 100, null]);
    for (const p of PLAN_NAMES) expect(plans[p].maxStorageBytes).not.toBeNull();
    expect(planLimits("plus")).toEqual({
      plan: "plus",
      maxInterviews: 100,
      maxCandidatesPerInterview: 1000,
      maxStorageBytes: 100n * 1024n ** 3n,
      maxCandidatesPerMonth: null,
    });
  });

  it("DEFAULT_PLAN: free unless set, one of the plans, anything else refused by name", () => {
    expect(parseEnv({}).DEFAULT_PLAN).toBe("free");
    expect(parseEnv({ DEFAULT_PLAN: "pro" }).DEFAULT_PLAN).toBe("pro");
    expect(() => parseEnv({ DEFAULT_PLAN: "gold" })).toThrow(/DEFAULT_PLAN/);
  });
});
