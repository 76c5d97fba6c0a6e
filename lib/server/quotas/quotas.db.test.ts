import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { DomainEvent } from "@/lib/events/catalog";
import { toDomainEvent } from "@/lib/events/stored";
import { AppError } from "@/lib/errors";
import { createInterview } from "@/lib/server/interviews/create-interview";
import { deleteInterview } from "@/lib/server/interviews/delete-interview";
import { closeInterview } from "@/lib/server/interviews/close-interview";
import { rejection } from "@/tests/app-error";
import { createAccount } from "@/tests/fixtures";
import { addCandidate, draftInterview, eventsOf, INTERVIEW, publishedInterview } from "@/tests/interviews";
import { getUsage } from "./get-usage";
import { initQuotas } from "./init-quotas";
import { plans } from "./plans";
import { setPlan } from "./set-plan";

describe("the active-interview quota", () => {
  it("two parallel creates at the free plan's last slot: exactly one succeeds, the other is QUOTA_EXCEEDED with the usage", async () => {
    const user = await createAccount();
    await draftInterview(user);
    await draftInterview(user);
    const results = await Promise.allSettled([0, 1].map((i) => createInterview({ actor: user, input: { ...INTERVIEW, title: `Last ${i}` } })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(failed).toHaveLength(1);
    const err = failed[0]!.reason as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("QUOTA_EXCEEDED");
    expect(err.status).toBe(403);
    expect(err.details).toEqual({ limit: "interviews", plan: "free", used: 3, max: 3 });
    expect(err.message).toMatch(/free plan allows 3 active interviews and you have 3/);
    const db = await getDb();
    expect(await db.interview.count({ where: { userId: user.id } })).toBe(3);
    expect(await db.event.count({ where: { partitionKey: user.id, eventType: "interview.created" } })).toBe(3);
  });

  it("ten parallel creates on an empty free account: exactly three succeed", async () => {
    const user = await createAccount();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => createInterview({ actor: user, input: INTERVIEW })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    for (const r of results) if (r.status === "rejected") expect((r.reason as AppError).code).toBe("QUOTA_EXCEEDED");
  });

  it("closed, completed and deleted interviews do not take a slot", async () => {
    const user = await createAccount();
    const a = await publishedInterview(user);
    const b = await draftInterview(user);
    await draftInterview(user);
    await closeInterview({ actor: user, interviewId: a.id }); // completed at once: nobody answering
    await deleteInterview({ actor: user, interviewId: b.id });
    await createInterview({ actor: user, input: INTERVIEW });
    await createInterview({ actor: user, input: INTERVIEW });
    expect((await rejection(createInterview({ actor: user, input: INTERVIEW }))).code).toBe("QUOTA_EXCEEDED");
  });

  it("pro is unlimited", async () => {
    const user = await createAccount();
    await setPlan({ input: { email: user.email, plan: "pro" } });
    for (let i = 0; i < 5; i++) await draftInterview(user);
    expect((await getUsage({ actor: user })).interviews).toEqual({ used: 5, max: null });
  });
});

describe("getUsage", () => {
  it("a new account: the free plan, nothing used", async () => {
    const user = await createAccount();
    expect(await getUsage({ actor: user })).toEqual({
      plan: "free",
      interviews: { used: 0, max: 3 },
      storage: { usedBytes: 0, maxBytes: Number(plans.free.maxStorageBytes) },
      candidates: { largestInterview: { used: 0, max: 25 } },
    });
  });

  it("counts active interviews, stored bytes and the largest interview's candidates (revoked ones do not count)", async () => {
    const user = await createAccount();
    const a = await publishedInterview(user);
    const b = await draftInterview(user);
    const gone = await draftInterview(user);
    for (let i = 0; i < 3; i++) await addCandidate(a.id);
    await addCandidate(a.id, { status: "revoked" });
    await addCandidate(b.id);
    for (let i = 0; i < 5; i++) await addCandidate(gone.id);
    await deleteInterview({ actor: user, interviewId: gone.id });
    const db = await getDb();
    await db.user.update({ where: { id: user.id }, data: { storageUsed: 5_000_000_000n } });
    expect(await getUsage({ actor: user })).toEqual({
      plan: "free",
      interviews: { used: 2, max: 3 },
      storage: { usedBytes: 5_000_000_000, maxBytes: 2 * 1024 ** 3 },
      candidates: { largestInterview: { used: 3, max: 25 } },
    });
  });

  it("is a 404 for a deleted, unknown or malformed account", async () => {
    for (const actor of [{ id: "2b1e4c3a-0000-4000-8000-000000000000" }, { id: "nope" }]) {
      expect((await rejection(getUsage({ actor }))).code).toBe("NOT_FOUND");
    }
  });
});

describe("initQuotas", () => {
  it("gives a new account DEFAULT_PLAN with every limit of it, once", async () => {
    const user = await createAccount();
    const [created] = await eventsOf(user.id, "user.created");
    const event = toDomainEvent(created!) as DomainEvent<"user.created">;
    const before = env.DEFAULT_PLAN;
    env.DEFAULT_PLAN = "plus";
    try {
      expect(await initQuotas(event)).toEqual({ created: true });
      expect(await initQuotas(event)).toEqual({ created: false });
    } finally {
      env.DEFAULT_PLAN = before;
    }
    const db = await getDb();
    expect(await db.quota.findUniqueOrThrow({ where: { userId: user.id } })).toMatchObject({
      plan: "plus",
      maxInterviews: 100,
      maxCandidatesPerInterview: 1000,
      maxStorageBytes: plans.plus.maxStorageBytes,
    });
  });
});

describe("setPlan", () => {
  it("moves an account to a plan with all its limits, and back", async () => {
    const user = await createAccount();
    await setPlan({ input: { email: user.email.toUpperCase(), plan: "plus" } });
    const db = await getDb();
    expect(await db.quota.findUniqueOrThrow({ where: { userId: user.id } })).toMatchObject({
      plan: "plus",
      maxInterviews: 100,
      maxCandidatesPerInterview: 1000,
      maxStorageBytes: plans.plus.maxStorageBytes,
    });
    await setPlan({ input: { email: user.email, plan: "pro" } });
    expect(await db.quota.findUniqueOrThrow({ where: { userId: user.id } })).toMatchObject({
      plan: "pro",
      maxInterviews: null,
      maxCandidatesPerInterview: null,
    });
    expect((await getUsage({ actor: user })).plan).toBe("pro");
  });

  it("refuses an unknown plan and an unknown email", async () => {
    const user = await createAccount();
    expect((await rejection(setPlan({ input: { email: user.email, plan: "gold" } }))).code).toBe("VALIDATION");
    expect((await rejection(setPlan({ input: { email: "nobody@example.com", plan: "pro" } }))).code).toBe("NOT_FOUND");
  });
});
