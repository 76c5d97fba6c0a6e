import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";

// Every statement the use case sends, counted while `on`.
const queries = vi.hoisted(() => ({ on: false, count: 0 }));
vi.mock("@/lib/db/client", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/db/client")>();
  const counted = async () =>
    (await real.getDb()).$extends({
      query: {
        async $allOperations({ args, query }) {
          if (queries.on) queries.count++;
          return query(args);
        },
      },
    }) as unknown as Awaited<ReturnType<typeof real.getDb>>;
  return { ...real, getDb: counted };
});
import { rejection } from "@/tests/app-error";
import { createAccount } from "@/tests/fixtures";
import { addCandidate, addSession, draftInterview, publishedInterview } from "@/tests/interviews";
import { setPlan } from "@/lib/server/quotas/set-plan";
import { deleteInterview } from "./delete-interview";
import { listInterviews } from "./list-interviews";
import { updateInterview } from "./update-interview";

describe("listInterviews", () => {
  it("pages newest first with an opaque cursor, each row with its current question count and candidate counts", async () => {
    const user = await createAccount();
    await setPlan({ input: { email: user.email, plan: "plus" } });
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await draftInterview(user, { title: `Role ${i}` }));
    // Two rows with the same createdAt: the id breaks the tie, so none is skipped or repeated.
    const db = await getDb();
    await db.interview.update({ where: { id: made[3]!.id }, data: { createdAt: new Date(made[2]!.createdAt) } });
    const gone = await draftInterview(user, { title: "Deleted" });
    await deleteInterview({ actor: user, interviewId: gone.id });
    const other = await createAccount();
    await draftInterview(other, { title: "Not mine" });

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listInterviews({ actor: user, input: { limit: 2, cursor } });
      expect(page.data.length).toBeLessThanOrEqual(2);
      for (const row of page.data) expect(row).not.toHaveProperty("questions");
      seen.push(...page.data.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
      if (cursor) expect(() => JSON.parse(cursor!)).toThrow(); // opaque, not raw JSON
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    const expected = (await db.interview.findMany({ where: { userId: user.id, deletedAt: null }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] })).map((r) => r.id);
    expect(seen).toEqual(expected);
    expect(new Set(seen)).toEqual(new Set(made.map((m) => m.id)));
  });

  it("each row: questionsCount of the current version and the candidate counts", async () => {
    const user = await createAccount();
    const a = await publishedInterview(user, { title: "A" });
    await updateInterview({ actor: user, interviewId: a.id, input: { questions: [{ prompt: "One" }, { prompt: "Two" }, { prompt: "Three" }] } });
    const done = await addCandidate(a.id, { status: "completed" });
    await addSession(a.id, { invitationId: done.id, status: "completed" });
    await addCandidate(a.id, { status: "invited" });
    const b = await draftInterview(user, { title: "B" });

    const { data, nextCursor } = await listInterviews({ actor: user, input: {} });
    expect(nextCursor).toBeNull();
    expect(data.map((r) => [r.title, r.questionsCount, r.version])).toEqual([
      ["B", 2, 1],
      ["A", 3, 2],
    ]);
    expect(data[1]!.counts).toEqual({ invited: 1, opened: 0, inProgress: 0, completed: 1, expired: 0, revoked: 0, awaitingReview: 1, readyForReview: 0, processing: 1, total: 2 });
    expect(data[0]!.id).toBe(b.id);
  });

  it("filters by status", async () => {
    const user = await createAccount();
    const pub = await publishedInterview(user, { title: "Live" });
    await draftInterview(user, { title: "Draft" });
    const page = await listInterviews({ actor: user, input: { status: "published" } });
    expect(page.data.map((r) => r.id)).toEqual([pub.id]);
  });

  it("takes query-string values (limit as text) and defaults to 20", async () => {
    const user = await createAccount();
    await draftInterview(user);
    expect((await listInterviews({ actor: user, input: { limit: "1" } })).data).toHaveLength(1);
    expect((await listInterviews({ actor: user })).data).toHaveLength(1);
  });

  it.each([
    ["limit 0", { limit: 0 }, "limit"],
    ["limit 101", { limit: 101 }, "limit"],
    ["limit 1.5", { limit: 1.5 }, "limit"],
    ["an unknown status", { status: "archived" }, "status"],
  ])("rejects %s (422)", async (_label, input, field) => {
    const user = await createAccount();
    const err = await rejection(listInterviews({ actor: user, input }));
    expect(err.status).toBe(422);
    expect(Object.keys(err.fieldErrors ?? {})).toEqual([field]);
  });

  it.each([
    ["garbage", "%%%not-base64"],
    ["base64 of non-JSON", Buffer.from("hello").toString("base64url")],
    ["JSON of the wrong shape", Buffer.from(JSON.stringify({ c: "yesterday", i: 1 })).toString("base64url")],
    ["an id that is not a uuid", Buffer.from(JSON.stringify({ c: new Date().toISOString(), i: "x' OR 1=1" })).toString("base64url")],
    // Dates JavaScript and zod accept but PostgreSQL cannot read: a raw database error (500) before.
    ["year 0000", Buffer.from(JSON.stringify({ c: "0000-01-01T00:00:00.000Z", i: "00000000-0000-4000-8000-000000000000" })).toString("base64url")],
    ["year 1969", Buffer.from(JSON.stringify({ c: "1969-12-31T23:59:59.999Z", i: "00000000-0000-4000-8000-000000000000" })).toString("base64url")],
  ])("a bad cursor (%s) is a 400 with a message", async (_label, cursor) => {
    const user = await createAccount();
    const err = await rejection(listInterviews({ actor: user, input: { cursor } }));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/cursor is not valid/);
  });

  it("another account's cursor shows nothing of theirs", async () => {
    const owner = await createAccount();
    await draftInterview(owner);
    await draftInterview(owner);
    const page = await listInterviews({ actor: owner, input: { limit: 1 } });
    const other = await createAccount();
    expect(await listInterviews({ actor: other, input: { cursor: page.nextCursor! } })).toEqual({ data: [], nextCursor: null });
  });

  it("a page costs the same number of queries whatever its size (no query per interview)", async () => {
    const user = await createAccount();
    await setPlan({ input: { email: user.email, plan: "plus" } });
    for (let i = 0; i < 4; i++) {
      const interview = await draftInterview(user, { title: `Role ${i}` });
      await addCandidate(interview.id, { status: "invited" });
    }
    const count = async (limit: number) => {
      queries.count = 0;
      queries.on = true;
      try {
        expect((await listInterviews({ actor: user, input: { limit } })).data).toHaveLength(limit);
      } finally {
        queries.on = false;
      }
      return queries.count;
    };
    const one = await count(1);
    expect(one).toBeGreaterThan(0);
    expect(await count(4)).toBe(one);
  });
});
