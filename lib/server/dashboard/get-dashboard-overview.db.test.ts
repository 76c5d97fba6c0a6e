import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { publish } from "@/lib/events/publish";
import type { CandidateStatus } from "@/lib/generated/prisma/client";
import { createInterview } from "@/lib/server/interviews/create-interview";
import { createAccount } from "@/tests/fixtures";
import { activityValues, getDashboardOverview, RECENT_ACTIVITY } from "./get-dashboard-overview";

const questions = [{ prompt: "Why us?" }, { prompt: "A bug you fixed?", type: "text" }];

async function invite(interviewId: string, status: CandidateStatus, n = 1) {
  const db = await getDb();
  for (let i = 0; i < n; i++) {
    await db.invitation.create({
      data: {
        interviewId,
        email: `c-${randomBytes(4).toString("hex")}@example.com`,
        name: "Candidate",
        token: randomBytes(32).toString("base64url"),
        status,
      },
    });
  }
}

async function session(interviewId: string, rating: number | null) {
  const db = await getDb();
  await db.candidateSession.create({
    data: {
      interviewId,
      candidateEmail: `s-${randomBytes(4).toString("hex")}@example.com`,
      candidateName: "Candidate",
      status: "completed",
      completedAt: new Date(),
      rating,
    },
  });
}

describe("getDashboardOverview", () => {
  it("counts the account's candidates by where they are, per interview and in total", async () => {
    const user = await createAccount();
    const a = await createInterview({ actor: user, input: { title: "Alpha", questions } });
    const b = await createInterview({ actor: user, input: { title: "Beta", questions: [{ prompt: "Only one" }] } });
    await invite(a.id, "invited", 2);
    await invite(a.id, "opened");
    await invite(a.id, "in_progress");
    await invite(a.id, "completed", 2);
    await invite(a.id, "revoked");
    await invite(b.id, "completed");
    await session(a.id, null);
    await session(a.id, 4);
    await session(b.id, null);
    // Past its deadline, B's unfinished candidates are expired: neither invited nor in progress.
    await invite(b.id, "invited", 3);
    await invite(b.id, "in_progress");
    const db = await getDb();
    await db.interview.update({ where: { id: b.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });

    const overview = await getDashboardOverview({ actor: user });
    expect(overview.interviews).toBe(2);
    expect(overview.activeInterviews).toBe(2);
    expect(overview.totals).toEqual({ invited: 3, inProgress: 1, completed: 3, awaitingReview: 2 });
    // Newest first, each with the counts of interview-counts.ts.
    expect(overview.recentInterviews.map((i) => [i.title, i.questionsCount])).toEqual([
      ["Beta", 1],
      ["Alpha", 2],
    ]);
    expect(overview.recentInterviews[1]!.counts).toMatchObject({
      invited: 2,
      opened: 1,
      inProgress: 1,
      completed: 2,
      revoked: 1,
      awaitingReview: 1,
    });
    expect(overview.recentInterviews[0]!.counts).toMatchObject({ completed: 1, expired: 4, invited: 0, inProgress: 0 });
  });

  it("leaves deleted interviews out and counts only drafts and published ones as active", async () => {
    const user = await createAccount();
    const a = await createInterview({ actor: user, input: { title: "Kept", questions } });
    const b = await createInterview({ actor: user, input: { title: "Deleted", questions } });
    const c = await createInterview({ actor: user, input: { title: "Closed", questions } });
    const db = await getDb();
    await db.interview.update({ where: { id: b.id }, data: { deletedAt: new Date() } });
    await db.interview.update({ where: { id: c.id }, data: { status: "closed", closedAt: new Date() } });
    await invite(b.id, "completed", 5);
    await invite(a.id, "in_progress");
    const overview = await getDashboardOverview({ actor: user });
    expect(overview.interviews).toBe(2);
    expect(overview.activeInterviews).toBe(1);
    expect(overview.recentInterviews.map((i) => i.title)).toEqual(["Closed", "Kept"]);
    expect(overview.totals).toEqual({ invited: 0, inProgress: 1, completed: 0, awaitingReview: 0 });
  });

  it("shows the account's latest events, newest first, with the values their sentences need", async () => {
    const user = await createAccount();
    const interview = await createInterview({ actor: user, input: { title: "Data engineer", questions } });
    const db = await getDb();
    await db.$transaction(async (tx) => {
      await publish(tx, {
        eventType: "interview.published",
        userId: user.id,
        data: { interviewId: interview.id, publicLink: "http://localhost:3000/i/abc", expiresAt: null },
      });
    });
    let overview = await getDashboardOverview({ actor: user });
    expect(overview.activity.map((a) => a.eventType)).toEqual(["interview.published", "interview.created", "user.created"]);
    const [published, created, signedUp] = overview.activity;
    // interview.published names the interview by id only: the title is looked up.
    expect(published!.values).toEqual({ title: "Data engineer" });
    expect(created!.values).toEqual({ title: "Data engineer", questionsCount: 2 });
    expect(signedUp!.values).toEqual({ email: user.email });
    const stored = await db.event.findUniqueOrThrow({ where: { eventId: created!.eventId } });
    expect(created!.timestamp).toBe(stored.timestamp.toISOString());

    // Only the last RECENT_ACTIVITY events.
    await db.$transaction(async (tx) => {
      for (let i = 0; i < RECENT_ACTIVITY + 2; i++) {
        await publish(tx, {
          eventType: "notification.sent",
          userId: user.id,
          data: { notificationId: randomUUID(), type: "email", to: `c${i}@example.com`, subject: `Mail ${i}`, sentAt: new Date().toISOString() },
        });
      }
    });
    overview = await getDashboardOverview({ actor: user });
    expect(overview.activity).toHaveLength(RECENT_ACTIVITY);
    expect(overview.activity[0]!.values).toEqual({ to: `c${RECENT_ACTIVITY + 1}@example.com`, subject: `Mail ${RECENT_ACTIVITY + 1}` });
    expect(overview.activity.every((a) => a.eventType === "notification.sent")).toBe(true);
  });

  it("shows another account nothing of the first: no interviews, candidates, events or titles", async () => {
    const owner = await createAccount();
    const other = await createAccount();
    const interview = await createInterview({ actor: owner, input: { title: "Secret role", questions } });
    await invite(interview.id, "completed", 2);
    await session(interview.id, null);
    // An event in the other account's log naming the owner's interview must not reveal its title.
    const db = await getDb();
    await db.$transaction(async (tx) => {
      await publish(tx, {
        eventType: "interview.published",
        userId: other.id,
        data: { interviewId: interview.id, publicLink: "http://localhost:3000/i/x", expiresAt: null },
      });
    });
    const overview = await getDashboardOverview({ actor: other });
    expect(overview.interviews).toBe(0);
    expect(overview.recentInterviews).toEqual([]);
    expect(overview.totals).toEqual({ invited: 0, inProgress: 0, completed: 0, awaitingReview: 0 });
    expect(overview.activity.map((a) => a.eventType)).toEqual(["interview.published", "user.created"]);
    expect(overview.activity[0]!.values).toEqual({ title: "" });
    expect(JSON.stringify(overview)).not.toContain("Secret role");
    expect(JSON.stringify(overview)).not.toContain(owner.email);
  });

  it("refuses a deleted or unknown account", async () => {
    const user = await createAccount();
    const db = await getDb();
    await db.user.update({ where: { id: user.id }, data: { deletedAt: new Date() } });
    await expect(getDashboardOverview({ actor: user })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getDashboardOverview({ actor: { id: randomUUID() } })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("activityValues", () => {
  const id = randomUUID();
  it("keeps the listed fields that are strings or numbers, and nothing else", () => {
    expect(
      activityValues("notification.sent", { to: "a@example.com", subject: "Hi", notificationId: id, sentAt: "x" }, new Map()),
    ).toEqual({ to: "a@example.com", subject: "Hi" });
    expect(activityValues("media.uploaded", { fileName: { evil: true }, fileSize: Number.NaN }, new Map())).toEqual({});
    expect(activityValues("not.a.type", { anything: "x" }, new Map())).toEqual({});
    expect(activityValues("user.updated", null, new Map())).toEqual({});
  });

  it("names the interview by the event's own title, else the current title, else empty", () => {
    const titles = new Map([[id, "Now called this"]]);
    expect(activityValues("interview.created", { interviewId: id, title: "Then", questionsCount: 1 }, titles)).toEqual({
      title: "Then",
      questionsCount: 1,
    });
    expect(activityValues("interview.published", { interviewId: id }, titles)).toEqual({ title: "Now called this" });
    expect(activityValues("interview.published", { interviewId: randomUUID() }, titles)).toEqual({ title: "" });
    expect(activityValues("interview.published", { interviewId: "not-a-uuid" }, titles)).toEqual({});
  });
});
