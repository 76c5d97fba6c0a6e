// `npm run seed`'s logic (lib/server/demo/seed-demo.ts), then the app's real consumers on the
// embedded runner, as the server runs them when it starts after seeding.
import { describe, expect, it } from "vitest";
import { functions } from "@/inngest";
import { getDb } from "@/lib/db/client";
import { describeFunction } from "@/lib/engine/functions";
import { EventRunner } from "@/lib/engine/runner";
import type { DomainEvent } from "@/lib/events/catalog";
import { toDomainEvent } from "@/lib/events/stored";
import { DEMO_EMAIL, DEMO_INTERVIEW, DEMO_PASSWORD, seedDemo } from "@/lib/server/demo/seed-demo";
import { authenticateWithPassword } from "@/lib/server/users/authenticate-with-password";
import { getDashboardOverview } from "@/lib/server/dashboard/get-dashboard-overview";
import { plans } from "@/lib/server/quotas/plans";

describe("seedDemo", () => {
  it("twice: one account, one interview, one interview.created; the consumer makes the dashboard count it", async () => {
    const first = await seedDemo();
    const second = await seedDemo();
    expect(first).toMatchObject({ createdAccount: true, createdInterview: true });
    expect(second).toEqual({ ...first, createdAccount: false, createdInterview: false });

    const db = await getDb();
    expect(await db.user.count({ where: { email: DEMO_EMAIL } })).toBe(1);
    const interviews = await db.interview.findMany({ where: { userId: first.userId }, include: { questions: true } });
    expect(interviews).toHaveLength(1);
    expect(interviews[0]!.questions).toHaveLength(DEMO_INTERVIEW.questions.length);
    const events = await db.event.findMany({ where: { partitionKey: first.userId }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.eventType)).toEqual(["user.created", "interview.created"]);
    // The demo account signs in with the password the README gives.
    await expect(authenticateWithPassword({ email: DEMO_EMAIL, password: DEMO_PASSWORD, ip: "seed-test" })).resolves.toMatchObject({
      id: first.userId,
    });

    // Written by a seed run with the server stopped, the events wait in the outbox until a
    // runner delivers them.
    expect(await getDashboardOverview({ actor: { id: first.userId } })).toMatchObject({ interviews: 1, interviewsCreated: 0 });
    const created = toDomainEvent(events[1]!) as DomainEvent<"interview.created">;
    expect(created.data).toMatchObject({ interviewId: first.interviewId, title: DEMO_INTERVIEW.title, questionsCount: 3 });
    const runner = new EventRunner({ functions: functions.map(describeFunction), logger: { info() {}, warn() {}, error() {} } });
    await runner.drain();
    expect(await db.delivery.findMany({ where: { eventId: { in: events.map((e) => e.eventId) }, status: { not: "completed" } }, select: { functionId: true, status: true, lastError: true } })).toEqual([]);
    const user = await db.user.findUniqueOrThrow({ where: { id: first.userId } });
    expect(user.interviewsCreated).toBe(1);
    const overview = await getDashboardOverview({ actor: { id: first.userId } });
    expect(overview).toMatchObject({
      interviews: 1,
      interviewsCreated: 1,
      storageUsedBytes: 0,
      quota: { plan: "free", maxInterviews: plans.free.maxInterviews },
      recentInterviews: [{ id: first.interviewId, title: DEMO_INTERVIEW.title, status: "draft", questionsCount: 3 }],
    });
  });
});
