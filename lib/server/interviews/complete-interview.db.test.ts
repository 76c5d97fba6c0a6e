import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { parseEvent } from "@/lib/events/catalog";
import { toDomainEvent } from "@/lib/events/stored";
import { rejection } from "@/tests/app-error";
import { createAccount } from "@/tests/fixtures";
import { addCandidate, addSession, draftInterview, eventsOf, expectNotFoundForOthers, publishedInterview } from "@/tests/interviews";
import { closeInterview } from "./close-interview";
import { completeInterviewIfDone } from "./complete-interview";

async function complete(interviewId: string) {
  const db = await getDb();
  return db.$transaction((tx) => completeInterviewIfDone(tx, interviewId, "req-complete"));
}

async function statusOf(interviewId: string) {
  const db = await getDb();
  return db.interview.findUniqueOrThrow({ where: { id: interviewId }, select: { status: true, completedAt: true, closedAt: true } });
}

describe("completeInterviewIfDone", () => {
  it("published: completes once every personal invitation that is not revoked is completed", async () => {
    const user = await createAccount();
    const interview = await publishedInterview(user);
    const db = await getDb();
    const a = await addCandidate(interview.id, { status: "completed" });
    const b = await addCandidate(interview.id, { status: "opened" });
    await addCandidate(interview.id, { status: "revoked" });

    expect(await complete(interview.id)).toEqual({ completed: false });
    expect((await statusOf(interview.id)).status).toBe("published");

    await db.invitation.update({ where: { id: b.id }, data: { status: "completed", completedAt: new Date() } });
    expect(await complete(interview.id)).toEqual({ completed: true });
    const after = await statusOf(interview.id);
    expect(after.status).toBe("completed");

    const events = await eventsOf(user.id, "interview.completed");
    expect(events).toHaveLength(1);
    const event = toDomainEvent(events[0]!);
    expect(parseEvent(event).ok).toBe(true);
    expect(event).toMatchObject({
      userId: user.id,
      data: { interviewId: interview.id, completedCandidates: 2, completedAt: after.completedAt!.toISOString() },
      metadata: { correlationId: "req-complete" },
    });
    expect(a.id).toBeTruthy();
  });

  it("published: not with no personal invitation at all, nor while a public-link candidate is still answering", async () => {
    const user = await createAccount();
    const interview = await publishedInterview(user);
    await addCandidate(interview.id, { status: "completed", source: "public" });
    expect(await complete(interview.id)).toEqual({ completed: false });
    await addCandidate(interview.id, { status: "completed" });
    const working = await addCandidate(interview.id, { status: "in_progress", source: "public" });
    expect(await complete(interview.id)).toEqual({ completed: false });
    const db = await getDb();
    await db.invitation.update({ where: { id: working.id }, data: { status: "completed" } });
    expect(await complete(interview.id)).toEqual({ completed: true });
    expect((await eventsOf(user.id, "interview.completed")).map((e) => toDomainEvent(e).data)).toEqual([
      expect.objectContaining({ completedCandidates: 3 }),
    ]);
  });

  it("a draft is never completed", async () => {
    const user = await createAccount();
    const draft = await draftInterview(user);
    await addCandidate(draft.id, { status: "completed" });
    expect(await complete(draft.id)).toEqual({ completed: false });
    expect(await eventsOf(user.id, "interview.completed")).toHaveLength(0);
  });

  it("called twice, publishes once", async () => {
    const user = await createAccount();
    const interview = await publishedInterview(user);
    await addCandidate(interview.id, { status: "completed" });
    expect(await complete(interview.id)).toEqual({ completed: true });
    expect(await complete(interview.id)).toEqual({ completed: false });
    expect(await eventsOf(user.id, "interview.completed")).toHaveLength(1);
  });

  it("called in parallel, publishes once", async () => {
    const user = await createAccount();
    const interview = await publishedInterview(user);
    await addCandidate(interview.id, { status: "completed" });
    const results = await Promise.all(Array.from({ length: 6 }, () => complete(interview.id)));
    expect(results.filter((r) => r.completed)).toHaveLength(1);
    expect(await eventsOf(user.id, "interview.completed")).toHaveLength(1);
  });
});

describe("closeInterview", () => {
  it("published → closed while a candidate is in progress; completed once they finish", async () => {
    const user = await createAccount();
    const interview = await publishedInterview(user);
    const invitation = await addCandidate(interview.id, { status: "in_progress" });
    await addCandidate(interview.id, { status: "invited" });
    const closed = await closeInterview({ actor: user, interviewId: interview.id, requestId: "req-close" });
    expect(closed).toMatchObject({ status: "closed", completedAt: null });
    expect(closed.closedAt).not.toBeNull();
    expect(await eventsOf(user.id, "interview.completed")).toHaveLength(0);

    // The candidate flow finishes the session and calls the completion check.
    const db = await getDb();
    await db.invitation.update({ where: { id: invitation.id }, data: { status: "completed", completedAt: new Date() } });
    expect(await complete(interview.id)).toEqual({ completed: true });
    expect((await statusOf(interview.id)).status).toBe("completed");
    expect((await eventsOf(user.id, "interview.completed")).map((e) => toDomainEvent(e).data)).toEqual([
      expect.objectContaining({ interviewId: interview.id, completedCandidates: 1 }),
    ]);
  });

  it("a started session (without an invitation row yet) also keeps a closed interview open", async () => {
    const user = await createAccount();
    const interview = await publishedInterview(user);
    await addSession(interview.id, { status: "started" });
    expect((await closeInterview({ actor: user, interviewId: interview.id })).status).toBe("closed");
  });

  it("with nobody in progress, closing completes the interview at once (one event)", async () => {
    const user = await createAccount();
    const interview = await publishedInterview(user);
    await addCandidate(interview.id, { status: "completed" });
    await addCandidate(interview.id, { status: "invited" });
    const view = await closeInterview({ actor: user, interviewId: interview.id, requestId: "req-close" });
    expect(view.status).toBe("completed");
    expect(view.closedAt).not.toBeNull();
    expect(view.completedAt).not.toBeNull();
    const events = (await eventsOf(user.id, "interview.completed")).map(toDomainEvent);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ data: { completedCandidates: 1 }, metadata: { correlationId: "req-close" } });
  });

  it.each(["draft", "closed", "completed"] as const)("refuses to close a %s interview (409)", async (state) => {
    const user = await createAccount();
    const interview = state === "draft" ? await draftInterview(user) : await publishedInterview(user);
    if (state !== "draft") {
      await addCandidate(interview.id, { status: state === "closed" ? "in_progress" : "completed" });
      await closeInterview({ actor: user, interviewId: interview.id });
      expect((await statusOf(interview.id)).status).toBe(state);
    }
    const err = await rejection(closeInterview({ actor: user, interviewId: interview.id }));
    expect(err.code).toBe("CONFLICT");
    expect(err.status).toBe(409);
    expect((await statusOf(interview.id)).status).toBe(state);
  });

  it("is a 404 for another account's, a deleted, an unknown or a malformed interview", async () => {
    await expectNotFoundForOthers((actor, interviewId) => closeInterview({ actor, interviewId }));
  });
});
