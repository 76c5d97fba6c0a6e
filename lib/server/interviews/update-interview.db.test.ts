import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { toDomainEvent } from "@/lib/events/stored";
import { rejection } from "@/tests/app-error";
import { createAccount } from "@/tests/fixtures";
import { addCandidate, addSession, draftInterview, eventsOf, expectNotFoundForOthers, inDays, INTERVIEW, publishedInterview } from "@/tests/interviews";
import { closeInterview } from "./close-interview";
import { getInterview } from "./get-interview";
import { updateInterview } from "./update-interview";

const NEW_QUESTIONS = [{ prompt: "What would you change first?", thinkSeconds: 10, maxSeconds: 60 }];

async function versionsOf(interviewId: string) {
  const db = await getDb();
  return db.interviewVersion.findMany({ where: { interviewId }, orderBy: { number: "asc" }, include: { questions: { orderBy: { position: "asc" } } } });
}

describe("updateInterview", () => {
  it("edits a draft's fields and replaces its questions in place (still version 1)", async () => {
    const user = await createAccount();
    const draft = await draftInterview(user);
    const view = await updateInterview({
      actor: user,
      interviewId: draft.id,
      input: { title: " Staff Engineer ", description: null, language: "ru", introMessage: "Hello!\nThanks.", questions: NEW_QUESTIONS },
    });
    expect(view).toMatchObject({ title: "Staff Engineer", description: null, language: "ru", introMessage: "Hello!\nThanks.", version: 1 });
    expect(view.questions).toEqual([
      expect.objectContaining({ position: 1, prompt: "What would you change first?", thinkSeconds: 10, maxSeconds: 60, type: "video" }),
    ]);
    const versions = await versionsOf(draft.id);
    expect(versions).toHaveLength(1);
    expect(versions[0]!.questions.map((q) => q.prompt)).toEqual(["What would you change first?"]);
    expect((await eventsOf(user.id)).map((e) => e.eventType)).toEqual(["user.created", "interview.created"]);
  });

  it("a partial edit leaves the other fields alone", async () => {
    const user = await createAccount();
    const draft = await draftInterview(user, { deadline: inDays(3) });
    const view = await updateInterview({ actor: user, interviewId: draft.id, input: { title: "Renamed" } });
    expect(view).toMatchObject({ title: "Renamed", description: draft.description, deadline: draft.deadline, version: 1 });
    expect(view.questions).toEqual(draft.questions);
  });

  it("editing a published interview's questions writes version 2, published at once; a session pinned to v1 still sees v1's questions", async () => {
    const user = await createAccount();
    const published = await publishedInterview(user);
    const db = await getDb();
    const v1 = (await db.interview.findUniqueOrThrow({ where: { id: published.id } })).currentVersionId!;
    const session = await addSession(published.id, { versionId: v1, status: "in_progress" });
    const v1Before = (await versionsOf(published.id))[0]!;

    const view = await updateInterview({ actor: user, interviewId: published.id, input: { questions: NEW_QUESTIONS } });
    expect(view.version).toBe(2);
    expect(view.questions.map((q) => q.prompt)).toEqual(["What would you change first?"]);

    const versions = await versionsOf(published.id);
    expect(versions.map((v) => v.number)).toEqual([1, 2]);
    expect(versions[0]).toEqual(v1Before); // untouched, questions and all
    expect(versions[1]!.publishedAt).not.toBeNull();
    const row = await db.interview.findUniqueOrThrow({ where: { id: published.id } });
    expect(row.currentVersionId).toBe(versions[1]!.id);

    const pinned = await db.candidateSession.findUniqueOrThrow({
      where: { id: session.id },
      include: { version: { include: { questions: { orderBy: { position: "asc" } } } } },
    });
    expect(pinned.version!.questions.map((q) => q.prompt)).toEqual(INTERVIEW.questions.map((q) => q.prompt));

    const detail = await getInterview({ actor: user, interviewId: published.id });
    expect(detail.versions).toEqual([
      { number: 1, publishedAt: v1Before.publishedAt!.toISOString(), questionsCount: 2, sessionsCount: 1 },
      { number: 2, publishedAt: versions[1]!.publishedAt!.toISOString(), questionsCount: 1, sessionsCount: 0 },
    ]);
    // A plain edit publishes nothing.
    expect(await eventsOf(user.id, "interview.published")).toHaveLength(1);
  });

  it("the same questions again write no new version", async () => {
    const user = await createAccount();
    const published = await publishedInterview(user);
    const view = await updateInterview({ actor: user, interviewId: published.id, input: { title: "New title", questions: INTERVIEW.questions } });
    expect(view).toMatchObject({ title: "New title", version: 1 });
    expect(await versionsOf(published.id)).toHaveLength(1);
  });

  it("on a closed interview a change writes an unpublished version 2, then edits it in place", async () => {
    const user = await createAccount();
    const published = await publishedInterview(user);
    await addCandidate(published.id, { status: "in_progress" }); // so closing does not complete it
    expect((await closeInterview({ actor: user, interviewId: published.id })).status).toBe("closed");
    await updateInterview({ actor: user, interviewId: published.id, input: { questions: NEW_QUESTIONS } });
    const again = await updateInterview({ actor: user, interviewId: published.id, input: { questions: [{ prompt: "Another" }] } });
    expect(again.version).toBe(2);
    const versions = await versionsOf(published.id);
    expect(versions.map((v) => [v.number, v.publishedAt === null])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(versions[1]!.questions.map((q) => q.prompt)).toEqual(["Another"]);
  });

  it("refuses to change a completed interview's questions (409) but lets HR edit its texts", async () => {
    const user = await createAccount();
    const published = await publishedInterview(user);
    const closed = await closeInterview({ actor: user, interviewId: published.id });
    expect(closed.status).toBe("completed"); // nobody was in progress
    const err = await rejection(updateInterview({ actor: user, interviewId: published.id, input: { questions: NEW_QUESTIONS } }));
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toMatch(/completed/);
    const view = await updateInterview({ actor: user, interviewId: published.id, input: { title: "Archive", introMessage: "Bye" } });
    expect(view).toMatchObject({ title: "Archive", introMessage: "Bye", status: "completed", version: 1 });
    expect(await versionsOf(published.id)).toHaveLength(1);
  });

  it("a new deadline on a published interview publishes interview.published again with the same link", async () => {
    const user = await createAccount();
    const published = await publishedInterview(user, { deadline: inDays(2) });
    const deadline = inDays(9);
    const view = await updateInterview({ actor: user, interviewId: published.id, input: { deadline }, requestId: "req-upd" });
    expect(view.deadline).toBe(new Date(deadline).toISOString());
    const events = (await eventsOf(user.id, "interview.published")).map(toDomainEvent);
    expect(events.map((e) => e.data)).toEqual([
      { interviewId: published.id, publicLink: published.publicLink, expiresAt: published.deadline },
      { interviewId: published.id, publicLink: published.publicLink, expiresAt: view.deadline },
    ]);
    // The same deadline again is no change.
    await updateInterview({ actor: user, interviewId: published.id, input: { deadline } });
    expect(await eventsOf(user.id, "interview.published")).toHaveLength(2);
  });

  it("a draft's deadline can be set and cleared without any event", async () => {
    const user = await createAccount();
    const draft = await draftInterview(user);
    expect((await updateInterview({ actor: user, interviewId: draft.id, input: { deadline: inDays(1) } })).deadline).not.toBeNull();
    expect((await updateInterview({ actor: user, interviewId: draft.id, input: { deadline: null } })).deadline).toBeNull();
    expect(await eventsOf(user.id, "interview.published")).toHaveLength(0);
  });

  it.each([
    ["an empty title", { title: "  " }, "title"],
    ["no questions", { questions: [] }, "questions"],
    ["a think time over 300 s", { questions: [{ prompt: "Q", thinkSeconds: 301 }] }, "questions.0.thinkSeconds"],
    ["an answer time under 15 s", { questions: [{ prompt: "Q", maxSeconds: 14 }] }, "questions.0.maxSeconds"],
    ["an answer time over 10 min", { questions: [{ prompt: "Q", maxSeconds: 601 }] }, "questions.0.maxSeconds"],
    ["4 retakes", { questions: [{ prompt: "Q", retakes: 4 }] }, "questions.0.retakes"],
    ["a weight of 0", { questions: [{ prompt: "Q", rubric: [{ name: "n", description: "d", weight: 0 }] }] }, "questions.0.rubric.0.weight"],
    ["a weight of 11", { questions: [{ prompt: "Q", rubric: [{ name: "n", description: "d", weight: 11 }] }] }, "questions.0.rubric.0.weight"],
    ["a deadline that is not a date", { deadline: "tomorrow" }, "deadline"],
    ["a deadline in the past", { deadline: "2020-01-01T00:00:00Z" }, "deadline"],
    ["aiAnalysis as a string", { aiAnalysis: "false" }, "aiAnalysis"],
    ["aiAnalysis as a number", { aiAnalysis: 0 }, "aiAnalysis"],
    ["aiAnalysis null", { aiAnalysis: null }, "aiAnalysis"],
  ])("rejects %s (422 on that field), changing nothing", async (_label, input, field) => {
    const user = await createAccount();
    const draft = await draftInterview(user);
    const err = await rejection(updateInterview({ actor: user, interviewId: draft.id, input }));
    expect(err.status).toBe(422);
    expect(Object.keys(err.fieldErrors ?? {})).toContain(field);
    expect(await getInterview({ actor: user, interviewId: draft.id })).toMatchObject({ title: draft.title, questions: draft.questions, updatedAt: draft.updatedAt });
  });

  it("AI analysis can be switched off and on, on a published interview too, without a new version", async () => {
    const user = await createAccount();
    const published = await publishedInterview(user);
    expect(published.aiAnalysis).toBe(true);
    const off = await updateInterview({ actor: user, interviewId: published.id, input: { aiAnalysis: false } });
    expect(off).toMatchObject({ aiAnalysis: false, status: "published", version: 1, publicLink: published.publicLink });
    const db = await getDb();
    expect((await db.interview.findUniqueOrThrow({ where: { id: published.id } })).aiAnalysis).toBe(false);
    expect((await getInterview({ actor: user, interviewId: published.id })).aiAnalysis).toBe(false);

    // The editor sends the unchanged questions along with the setting: still no new version.
    const on = await updateInterview({ actor: user, interviewId: published.id, input: { aiAnalysis: true, questions: INTERVIEW.questions } });
    expect(on).toMatchObject({ aiAnalysis: true, version: 1 });
    expect(await versionsOf(published.id)).toHaveLength(1);
    // A PATCH without the field leaves it alone.
    expect((await updateInterview({ actor: user, interviewId: published.id, input: { title: "Renamed" } })).aiAnalysis).toBe(true);
    expect(await eventsOf(user.id, "interview.published")).toHaveLength(1);
  });

  it("a non-boolean aiAnalysis is refused with a readable message", async () => {
    const user = await createAccount();
    const draft = await draftInterview(user);
    const err = await rejection(updateInterview({ actor: user, interviewId: draft.id, input: { aiAnalysis: "no" } }));
    expect(err.status).toBe(422);
    expect(err.fieldErrors?.aiAnalysis).toEqual(["Choose whether to analyse answers with AI: true or false."]);
    expect((await getInterview({ actor: user, interviewId: draft.id })).aiAnalysis).toBe(true);
  });

  it("is a 404 for another account's, a deleted, an unknown or a malformed interview", async () => {
    const { theirs, owner } = await expectNotFoundForOthers((actor, interviewId) =>
      updateInterview({ actor, interviewId, input: { title: "Mine now", questions: NEW_QUESTIONS } }),
    );
    expect(await getInterview({ actor: owner, interviewId: theirs.id })).toMatchObject({ title: theirs.title, version: 1 });
  });
});
