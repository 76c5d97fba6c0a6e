import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { parseEvent } from "@/lib/events/catalog";
import { toDomainEvent } from "@/lib/events/stored";
import { deleteAccount } from "@/lib/server/users/delete-account";
import { createAccount } from "@/tests/fixtures";
import { createInterview } from "./create-interview";
import { rejection as failure } from "@/tests/app-error";

const input = {
  title: "  Backend Engineer  ",
  description: "Async screen.\nThree questions.",
  questions: [
    { prompt: "Why this role?" },
    { prompt: "A hard bug?", type: "text", thinkSeconds: 0, maxSeconds: 600, retakes: 0 },
  ],
};

async function outboxOf(userId: string) {
  const db = await getDb();
  return db.event.findMany({ where: { partitionKey: userId }, orderBy: { seq: "asc" } });
}


describe("createInterview", () => {
  it("writes the draft interview and its ordered questions, with schema defaults", async () => {
    const user = await createAccount();
    const interview = await createInterview({ actor: user, input });
    expect(interview).toMatchObject({
      title: "Backend Engineer",
      description: "Async screen.\nThree questions.",
      status: "draft",
      language: "en",
      publicLink: null,
      deadline: null,
      aiAnalysis: true,
      version: 1,
    });
    const db = await getDb();
    const row = await db.interview.findUniqueOrThrow({ where: { id: interview.id } });
    expect(row).toMatchObject({ userId: user.id, publicToken: null, status: "draft", aiAnalysis: true });
    const version = await db.interviewVersion.findUniqueOrThrow({ where: { id: row.currentVersionId! } });
    expect(version).toMatchObject({ interviewId: interview.id, number: 1, publishedAt: null });
    // A text question has a length limit (default 2,000 characters), never a time limit.
    expect(interview.questions.map((q) => ({ ...q, id: undefined }))).toEqual([
      { position: 1, prompt: "Why this role?", type: "video", thinkSeconds: 30, maxSeconds: 120, maxCharacters: null, retakes: 1, rubric: [] },
      { position: 2, prompt: "A hard bug?", type: "text", thinkSeconds: 0, maxSeconds: null, maxCharacters: 2000, retakes: 0, rubric: [] },
    ]);
    expect(await db.question.count({ where: { interviewId: interview.id, versionId: version.id } })).toBe(2);
  });

  it("stores aiAnalysis off when asked, and refuses a value that is not a boolean", async () => {
    const user = await createAccount();
    const off = await createInterview({ actor: user, input: { ...input, aiAnalysis: false } });
    expect(off.aiAnalysis).toBe(false);
    const db = await getDb();
    expect((await db.interview.findUniqueOrThrow({ where: { id: off.id } })).aiAnalysis).toBe(false);

    const err = await failure(createInterview({ actor: user, input: { ...input, aiAnalysis: "yes" } }));
    expect(err.status).toBe(422);
    expect(err.fieldErrors?.aiAnalysis).toEqual(["Choose whether to analyse answers with AI: true or false."]);
    expect(await db.interview.count({ where: { userId: user.id } })).toBe(1);
  });

  it("publishes interview.created in the outbox with the catalog's data and the request id", async () => {
    const user = await createAccount();
    const interview = await createInterview({ actor: user, input, requestId: "req-create-1" });
    const rows = (await outboxOf(user.id)).filter((r) => r.eventType === "interview.created");
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ topic: "interview-events", ownerId: user.id, correlationId: "req-create-1", relayedAt: null });
    const event = toDomainEvent(row);
    expect(parseEvent(event)).toEqual({ ok: true, event });
    expect(event).toMatchObject({
      userId: user.id,
      data: {
        interviewId: interview.id,
        title: "Backend Engineer",
        questionsCount: 2,
        createdAt: interview.createdAt,
      },
      metadata: { service: "interviews", version: "1.0", correlationId: "req-create-1" },
    });
  });

  it.each([
    ["no title", { ...input, title: "   " }, "title"],
    ["a multi-line title", { ...input, title: "a\nb" }, "title"],
    ["a NUL in a prompt", { ...input, questions: [{ prompt: "Why\u0000?" }] }, "questions.0.prompt"],
    ["a broken character in the title", { ...input, title: "Dev \ud800" }, "title"],
    ["no questions", { ...input, questions: [] }, "questions"],
    ["an empty prompt", { ...input, questions: [{ prompt: " " }] }, "questions.0.prompt"],
    ["a negative think time", { ...input, questions: [{ prompt: "Q", thinkSeconds: -1 }] }, "questions.0.thinkSeconds"],
    ["fractional seconds", { ...input, questions: [{ prompt: "Q", maxSeconds: 90.5 }] }, "questions.0.maxSeconds"],
    ["an unknown question type", { ...input, questions: [{ prompt: "Q", type: "audio" }] }, "questions.0.type"],
    ["an unknown language", { ...input, language: "de" }, "language"],
    ["not an object", "interview", "_form"],
  ])("rejects %s as a validation error on that field, writing nothing", async (_label, bad, field) => {
    const user = await createAccount();
    const err = await failure(createInterview({ actor: user, input: bad }));
    expect(err.code).toBe("VALIDATION");
    expect(err.status).toBe(422);
    expect(Object.keys(err.fieldErrors ?? {})).toContain(field);
    const db = await getDb();
    expect(await db.interview.count({ where: { userId: user.id } })).toBe(0);
    expect((await outboxOf(user.id)).map((r) => r.eventType)).toEqual(["user.created"]);
  });

  it("refuses a deleted or unknown actor", async () => {
    const user = await createAccount();
    await deleteAccount({ actor: user, input: { confirmEmail: user.email } });
    for (const actor of [user, { id: "2b1e4c3a-0000-4000-8000-000000000000" }, { id: "not-a-uuid" }]) {
      const err = await failure(createInterview({ actor, input }));
      expect(err.code).toBe("NOT_FOUND");
    }
    const db = await getDb();
    expect(await db.interview.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.event.count({ where: { partitionKey: user.id, eventType: "interview.created" } })).toBe(0);
  });

  it("rolls back the interview and its questions when publishing fails", async () => {
    const user = await createAccount();
    const db = await getDb();
    // The events insert, the transaction's last write, fails for this account only (test files
    // run in databases of their own, so the trigger touches no other test).
    await db.$executeRawUnsafe(`CREATE FUNCTION fail_interview_created() RETURNS trigger AS $$
      BEGIN
        IF NEW.event_type = 'interview.created' AND NEW.user_id = '${user.id}' THEN
          RAISE EXCEPTION 'outbox unavailable';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(
      "CREATE TRIGGER fail_interview_created BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION fail_interview_created()",
    );
    try {
      await expect(createInterview({ actor: user, input })).rejects.toThrow(/outbox unavailable/);
    } finally {
      await db.$executeRawUnsafe("DROP TRIGGER fail_interview_created ON events");
      await db.$executeRawUnsafe("DROP FUNCTION fail_interview_created()");
    }
    expect(await db.interview.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.question.count({ where: { interview: { userId: user.id } } })).toBe(0);
    expect(await db.event.count({ where: { partitionKey: user.id, eventType: "interview.created" } })).toBe(0);
  });
});
