import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { parseEvent } from "@/lib/events/catalog";
import { toDomainEvent } from "@/lib/events/stored";
import { setPlan } from "@/lib/server/quotas/set-plan";
import { rejection } from "@/tests/app-error";
import { createAccount } from "@/tests/fixtures";
import { draftInterview, eventsOf, expectNotFoundForOthers, inDays } from "@/tests/interviews";
import { publishInterview } from "./publish-interview";

describe("publishInterview", () => {
  it("publishes a draft: a 256-bit public link, the version's publishedAt, interview.published in the outbox", async () => {
    const user = await createAccount();
    const deadline = inDays(7);
    const draft = await draftInterview(user, { deadline });
    const result = await publishInterview({ actor: user, interviewId: draft.id, requestId: "req-pub" });

    expect(result.expiresAt).toBe(new Date(deadline).toISOString());
    expect(result.publicLink).toBe(new URL(result.publicLink.slice(result.publicLink.indexOf("/i/")), env.APP_URL).toString());
    expect(result.publicLink).toMatch(/\/i\/[A-Za-z0-9_-]{43}$/);
    expect(result.publicLink).not.toContain(draft.id);
    expect(result.interview).toMatchObject({ id: draft.id, status: "published", publicLink: result.publicLink, version: 1 });
    expect(result.interview.publishedAt).not.toBeNull();

    const db = await getDb();
    const row = await db.interview.findUniqueOrThrow({ where: { id: draft.id } });
    const version = await db.interviewVersion.findUniqueOrThrow({ where: { id: row.currentVersionId! } });
    expect(version.publishedAt).toEqual(row.publishedAt);

    const events = await eventsOf(user.id, "interview.published");
    expect(events).toHaveLength(1);
    const event = toDomainEvent(events[0]!);
    expect(parseEvent(event).ok).toBe(true);
    expect(event).toMatchObject({
      userId: user.id,
      data: { interviewId: draft.id, publicLink: result.publicLink, expiresAt: result.expiresAt },
      metadata: { correlationId: "req-pub" },
    });
  });

  it("without a deadline, expiresAt is null", async () => {
    const user = await createAccount();
    const draft = await draftInterview(user);
    const result = await publishInterview({ actor: user, interviewId: draft.id });
    expect(result.expiresAt).toBeNull();
  });

  it("refuses to publish twice (409), writing no second event and keeping the link", async () => {
    const user = await createAccount();
    const draft = await draftInterview(user);
    const first = await publishInterview({ actor: user, interviewId: draft.id });
    const err = await rejection(publishInterview({ actor: user, interviewId: draft.id }));
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toMatch(/already published/);
    expect(await eventsOf(user.id, "interview.published")).toHaveLength(1);
    const db = await getDb();
    expect((await db.interview.findUniqueOrThrow({ where: { id: draft.id } })).publicToken).toBe(first.publicLink.split("/i/")[1]);
  });

  it("two parallel publishes: one wins, the other is a 409", async () => {
    const user = await createAccount();
    const draft = await draftInterview(user);
    const results = await Promise.allSettled([0, 1].map(() => publishInterview({ actor: user, interviewId: draft.id })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(["CONFLICT"]);
    expect(await eventsOf(user.id, "interview.published")).toHaveLength(1);
  });

  it("refuses an interview without questions", async () => {
    const user = await createAccount();
    const draft = await draftInterview(user);
    const db = await getDb();
    await db.question.deleteMany({ where: { interviewId: draft.id } });
    const err = await rejection(publishInterview({ actor: user, interviewId: draft.id }));
    expect(err.status).toBe(422);
    expect(err.fieldErrors).toEqual({ questions: ["Add at least one question before publishing."] });
    expect((await db.interview.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("draft");
    expect(await eventsOf(user.id, "interview.published")).toHaveLength(0);
  });

  it("refuses a deadline that has passed since the draft was saved", async () => {
    const user = await createAccount();
    const draft = await draftInterview(user, { deadline: inDays(1) });
    const db = await getDb();
    await db.interview.update({ where: { id: draft.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const err = await rejection(publishInterview({ actor: user, interviewId: draft.id }));
    expect(err.status).toBe(422);
    expect(Object.keys(err.fieldErrors ?? {})).toEqual(["deadline"]);
    expect((await db.interview.findUniqueOrThrow({ where: { id: draft.id } })).publicToken).toBeNull();
  });

  it("refuses past the plan's active-interview limit (an account moved to a smaller plan)", async () => {
    const user = await createAccount();
    await setPlan({ input: { email: user.email, plan: "plus" } });
    const drafts = [];
    for (let i = 0; i < 4; i++) drafts.push(await draftInterview(user, { title: `Role ${i}` }));
    await setPlan({ input: { email: user.email, plan: "free" } });
    const err = await rejection(publishInterview({ actor: user, interviewId: drafts[0]!.id }));
    expect(err.code).toBe("QUOTA_EXCEEDED");
    expect(err.status).toBe(403);
    expect(err.details).toEqual({ limit: "interviews", plan: "free", used: 3, max: 3 });
    // Deleting one makes room for the others.
    const { deleteInterview } = await import("./delete-interview");
    await deleteInterview({ actor: user, interviewId: drafts[1]!.id });
    await expect(publishInterview({ actor: user, interviewId: drafts[0]!.id })).resolves.toMatchObject({ interview: { status: "published" } });
  });

  it("is a 404 for another account's, a deleted, an unknown or a malformed interview", async () => {
    const { theirs, owner } = await expectNotFoundForOthers((actor, interviewId) => publishInterview({ actor, interviewId }));
    const db = await getDb();
    expect((await db.interview.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe("draft");
    expect(await eventsOf(owner.id, "interview.published")).toHaveLength(0);
  });
});
