import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { toDomainEvent } from "@/lib/events/stored";
import { rejection } from "@/tests/app-error";
import { createAccount } from "@/tests/fixtures";
import { draftInterview, eventsOf, expectNotFoundForOthers, inDays, publishedInterview } from "@/tests/interviews";
import { duplicateInterview } from "./duplicate-interview";
import { updateInterview } from "./update-interview";

const strip = <T extends { id: string }>(qs: T[]) => qs.map((q) => ({ ...q, id: undefined }));

describe("duplicateInterview", () => {
  it("a new draft '<title> (copy)' with the current version's questions, same texts and language, no deadline, no link", async () => {
    const user = await createAccount();
    const source = await publishedInterview(user, { language: "ru", introMessage: "Привет!", deadline: inDays(4) });
    const edited = await updateInterview({ actor: user, interviewId: source.id, input: { questions: [{ prompt: "Only v2", type: "text", maxCharacters: 300 }] } });
    expect(edited.version).toBe(2);

    const copy = await duplicateInterview({ actor: user, interviewId: source.id, requestId: "req-dup" });
    expect(copy).toMatchObject({
      title: "Backend Engineer (copy)",
      description: source.description,
      language: "ru",
      introMessage: "Привет!",
      deadline: null,
      status: "draft",
      publicLink: null,
      version: 1,
    });
    expect(copy.id).not.toBe(source.id);
    expect(strip(copy.questions)).toEqual(strip(edited.questions));

    const db = await getDb();
    expect((await db.interview.findUniqueOrThrow({ where: { id: copy.id } })).duplicatedFromId).toBe(source.id);
    const created = (await eventsOf(user.id, "interview.created")).map(toDomainEvent);
    expect(created.at(-1)).toMatchObject({
      data: { interviewId: copy.id, title: "Backend Engineer (copy)", questionsCount: 1 },
      metadata: { correlationId: "req-dup" },
    });
  });

  it("copies the AI analysis setting, off or on", async () => {
    const user = await createAccount();
    const off = await publishedInterview(user, { aiAnalysis: false });
    const offCopy = await duplicateInterview({ actor: user, interviewId: off.id });
    expect(offCopy.aiAnalysis).toBe(false);
    const db = await getDb();
    expect((await db.interview.findUniqueOrThrow({ where: { id: offCopy.id } })).aiAnalysis).toBe(false);
    // Another account: the free plan's 3 active interviews are used up above.
    const other = await createAccount();
    const on = await draftInterview(other);
    expect((await duplicateInterview({ actor: other, interviewId: on.id })).aiAnalysis).toBe(true);
  });

  it("keeps rubrics and limits, and a long title within 200 characters", async () => {
    const user = await createAccount();
    const source = await draftInterview(user, { title: "T".repeat(200) });
    const copy = await duplicateInterview({ actor: user, interviewId: source.id });
    expect(copy.title).toHaveLength(200);
    expect(copy.title.endsWith(" (copy)")).toBe(true);
    expect(strip(copy.questions)).toEqual(strip(source.questions));
    expect(copy.questions[1]!.rubric).toEqual([{ name: "Depth", description: "Finds the cause", weight: 3 }]);
  });

  it("cuts a long title between characters, never inside a surrogate pair", async () => {
    const user = await createAccount();
    // The emoji takes UTF-16 units 193 and 194: a cut at 193 units left half of it (a 422).
    const source = await draftInterview(user, { title: `${"T".repeat(192)}😀🎉` });
    const copy = await duplicateInterview({ actor: user, interviewId: source.id });
    expect(copy.title).toBe(`${"T".repeat(192)} (copy)`);
    const other = await createAccount(); // the free plan's 3 interviews
    const exact = await draftInterview(other, { title: `${"T".repeat(191)}😀x` });
    expect((await duplicateInterview({ actor: other, interviewId: exact.id })).title).toBe(`${"T".repeat(191)}😀 (copy)`);
  });

  it("is quota-checked", async () => {
    const user = await createAccount();
    const source = await draftInterview(user);
    await draftInterview(user);
    await draftInterview(user);
    const err = await rejection(duplicateInterview({ actor: user, interviewId: source.id }));
    expect(err.code).toBe("QUOTA_EXCEEDED");
    expect(err.details).toMatchObject({ limit: "interviews", used: 3, max: 3 });
  });

  it("is a 404 for another account's, a deleted, an unknown or a malformed interview", async () => {
    const { other } = await expectNotFoundForOthers((actor, interviewId) => duplicateInterview({ actor, interviewId }));
    const db = await getDb();
    expect(await db.interview.count({ where: { userId: other.id, deletedAt: null } })).toBe(0);
  });
});
