// Every registered consumer executed on both engines — Inngest's own test engine (@inngest/test)
// and the embedded runner — on events written by the real use cases, twice: a duplicate
// delivery must change nothing.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { catalog, eventTypes, type DomainEvent, type EventType } from "@/lib/events/catalog";
import { publish, type PublishInput } from "@/lib/events/publish";
import { toDomainEvent } from "@/lib/events/stored";
import { recordSignIn, recordSignOut } from "@/lib/server/users/record-sign-in";
import { uploadAvatar } from "@/lib/server/users/upload-avatar";
import { plans } from "@/lib/server/quotas/plans";
import { createAccount, TINY_PNG } from "@/tests/fixtures";
import { engines } from "@/tests/engines";
import { describeFunction } from "@/lib/engine/functions";
import { functions } from "@/inngest";
import { auditLogFn } from "./audit-log";
import { countInterviewsCreatedFn } from "./count-interviews-created";
import { initQuotasFn } from "./init-quotas";
import { loginAnalyticsFn } from "./login-analytics";
import { storageAccountingFn } from "./storage-accounting";

async function latest<T extends EventType>(partitionKey: string, eventType: T): Promise<DomainEvent<T>> {
  const db = await getDb();
  const row = await db.event.findFirstOrThrow({ where: { partitionKey, eventType }, orderBy: { seq: "desc" } });
  return toDomainEvent(row) as DomainEvent<T>;
}

async function emit<T extends EventType>(input: PublishInput<T>) {
  const db = await getDb();
  return db.$transaction((tx) => publish(tx, input));
}

async function storageUsed(userId: string) {
  const db = await getDb();
  return Number((await db.user.findUniqueOrThrow({ where: { id: userId } })).storageUsed);
}

describe("the registry", () => {
  it("registers each function under a consumer id of the catalog, for exactly the events that list it", () => {
    for (const fn of functions.map(describeFunction)) {
      const listing = eventTypes.filter((type) => (catalog[type].consumers as readonly string[]).includes(fn.id));
      expect(new Set(fn.triggers), fn.id).toEqual(new Set(listing));
    }
    expect(functions.map((f) => f.id()).sort()).toEqual([
      "analyse-session",
      "analysis-status",
      "apply-retention",
      "audit-log",
      "count-interviews-created",
      "delete-user-interviews",
      "delete-user-media",
      "deliver-webhooks",
      "erase-candidate-media",
      "generate-report",
      "init-quotas",
      "interview-ready-counts",
      "login-analytics",
      "notify-hr",
      "process-media",
      "refresh-report",
      "response-status",
      "send-invitations",
      "session-status",
      "storage-accounting",
      "transcribe-media",
      "update-progress",
    ]);
  });

  it("keeps one run at a time per partition key", () => {
    for (const fn of functions) {
      const [perKey] = fn.opts.concurrency as { limit: number; key: string }[];
      expect(perKey!.limit).toBe(1);
      expect(perKey!.key).toMatch(/event\.data\.(userId|sessionId)/);
    }
  });

  it("bounds the AI provider's load by AI_CONCURRENCY, across processes, on the functions that call it", () => {
    const limited = functions.map(describeFunction).filter((f) => f.concurrency !== null);
    expect(limited.map((f) => [f.id, f.concurrency]).sort()).toEqual([
      ["analyse-session", env.AI_CONCURRENCY],
      ["transcribe-media", env.AI_CONCURRENCY],
    ]);
  });

  it("uses only options the embedded runner implements (describeFunction refuses the others)", () => {
    expect(() => functions.map(describeFunction)).not.toThrow();
  });
});

describe.each(engines)("consumers on $name", ({ execute }) => {

describe("init-quotas", () => {
  it("gives a new account the free plan, once", async () => {
    const user = await createAccount();
    const event = await latest(user.id, "user.created");
    expect(await execute(initQuotasFn, event)).toEqual({ created: true });
    expect(await execute(initQuotasFn, event)).toEqual({ created: false });
    const db = await getDb();
    const quotas = await db.quota.findMany({ where: { userId: user.id } });
    expect(quotas).toHaveLength(1);
    expect(quotas[0]).toMatchObject({ plan: "free", maxInterviews: plans.free.maxInterviews, maxStorageBytes: plans.free.maxStorageBytes });
  });
});

describe("storage-accounting", () => {
  it("adds uploads and subtracts deletions once each, replaced avatars included", async () => {
    const user = await createAccount();
    await uploadAvatar({ actor: user, file: { bytes: TINY_PNG, name: "a.png" } });
    const first = await latest(user.id, "user.avatar_uploaded");
    await execute(storageAccountingFn, first);
    await execute(storageAccountingFn, first);
    expect(await storageUsed(user.id)).toBe(TINY_PNG.length);

    const bigger = new Uint8Array([...TINY_PNG, 1, 2, 3, 4]);
    await uploadAvatar({ actor: user, file: { bytes: bigger, name: "b.png" } });
    for (const event of [await latest(user.id, "user.avatar_uploaded"), await latest(user.id, "media.deleted")]) {
      await execute(storageAccountingFn, event);
      await execute(storageAccountingFn, event);
    }
    expect(await storageUsed(user.id)).toBe(bigger.length);

    const upload = await emit({
      eventType: "media.uploaded",
      userId: user.id,
      data: { fileId: randomUUID(), fileName: "answer.webm", fileSize: 1_000_000, mimeType: "video/webm", bucket: "media", path: "x/answer.webm" },
    });
    expect(await execute(storageAccountingFn, upload)).toEqual({ applied: true, delta: 1_000_000 });
    expect(await execute(storageAccountingFn, upload)).toEqual({ applied: false, delta: 1_000_000 });
    expect(await storageUsed(user.id)).toBe(bigger.length + 1_000_000);
  });

  it("never goes below zero", async () => {
    const user = await createAccount();
    const deletion = await emit({
      eventType: "media.deleted",
      userId: user.id,
      data: { fileId: randomUUID(), fileSize: 5_000, deletedAt: new Date().toISOString() },
    });
    await execute(storageAccountingFn, deletion);
    expect(await storageUsed(user.id)).toBe(0);
  });
});

describe("count-interviews-created", () => {
  it("counts each interview.created once", async () => {
    const user = await createAccount();
    const created = await emit({
      eventType: "interview.created",
      userId: user.id,
      data: { interviewId: randomUUID(), title: "Designer", questionsCount: 4, createdAt: new Date().toISOString() },
    });
    await execute(countInterviewsCreatedFn, created);
    await execute(countInterviewsCreatedFn, created);
    const db = await getDb();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).interviewsCreated).toBe(1);
  });
});

describe("audit-log", () => {
  it("records every event once, with a readable summary and its owner", async () => {
    const user = await createAccount({ email: `audit-${randomUUID().slice(0, 6)}@example.com` });
    await recordSignIn({ userId: user.id, authSessionId: "s1", authMethod: "password", requestId: "req-audit" });
    const created = await latest(user.id, "user.created");
    const signedIn = await latest(user.id, "user.authenticated");
    for (const event of [created, signedIn, created]) await execute(auditLogFn, event);
    const db = await getDb();
    const rows = await db.auditLog.findMany({ where: { ownerId: user.id }, orderBy: { occurredAt: "asc" } });
    expect(rows.map((r) => [r.eventType, r.summary, r.correlationId])).toEqual([
      ["user.created", `Account created for ${user.email}`, null],
      ["user.authenticated", `${user.email} signed in (password)`, "req-audit"],
    ]);
  });
});

describe("login-analytics", () => {
  it("counts sign-ins once and keeps the latest login and logout times", async () => {
    const user = await createAccount();
    await recordSignIn({ userId: user.id, authSessionId: "s1", authMethod: "password" });
    const first = await latest(user.id, "user.authenticated");
    await recordSignIn({ userId: user.id, authSessionId: "s2", authMethod: "oauth2" });
    const second = await latest(user.id, "user.authenticated");
    await recordSignOut({ userId: user.id, authSessionId: "s2" });
    const out = await latest(user.id, "user.logged_out");
    // Handled out of order and twice: the count is 2 and the times are the newest ones.
    for (const event of [second, first, second, out, out]) await execute(loginAnalyticsFn, event);
    const db = await getDb();
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.loginCount).toBe(2);
    expect(row.lastLoginAt?.toISOString()).toBe(second.timestamp);
    expect(row.lastLogoutAt?.toISOString()).toBe(out.timestamp);
  });
});
});
