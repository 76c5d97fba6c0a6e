import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { DomainEvent } from "@/lib/events/catalog";
import { toDomainEvent } from "@/lib/events/stored";
import { toInngestEvent } from "@/inngest/client";
import { countInterviewsCreatedFn } from "@/inngest/functions/count-interviews-created";
import { authenticateWithPassword } from "@/lib/server/users/authenticate-with-password";
import { getDashboardOverview } from "@/lib/server/dashboard/get-dashboard-overview";
import { DEMO_EMAIL, DEMO_INTERVIEW, DEMO_PASSWORD, seedDemo } from "./seed-demo";

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

    // Written by a seed run with the server stopped, the event waits in the outbox until a
    // runner delivers it; here the consumer runs as Inngest's test engine would run it.
    expect(await getDashboardOverview({ actor: { id: first.userId } })).toMatchObject({ interviews: 1, interviewsCreated: 0 });
    const created = toDomainEvent(events[1]!) as DomainEvent<"interview.created">;
    expect(created.data).toMatchObject({ interviewId: first.interviewId, title: DEMO_INTERVIEW.title, questionsCount: 3 });
    for (let delivery = 0; delivery < 2; delivery++) {
      const engine = new InngestTestEngine({ function: countInterviewsCreatedFn, events: [toInngestEvent(created) as never] });
      const { error } = await engine.execute();
      expect(error).toBeUndefined();
    }
    const user = await db.user.findUniqueOrThrow({ where: { id: first.userId } });
    expect(user.interviewsCreated).toBe(1);
    const overview = await getDashboardOverview({ actor: { id: first.userId } });
    expect(overview).toMatchObject({
      interviews: 1,
      interviewsCreated: 1,
      storageUsedBytes: 0,
      candidatesThisMonth: 0,
      quota: { plan: "free", maxInterviews: 10 },
      recentInterviews: [{ id: first.interviewId, title: DEMO_INTERVIEW.title, status: "draft", questions: 3 }],
    });
  });
});
