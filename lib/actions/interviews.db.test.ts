// The interview server actions as the dashboard calls them: the signed-in account comes from
// the session (mocked here: there is no request), errors come back as results with the
// AppError's code, details and field paths, never thrown.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { User } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db/client";
import { createAccount } from "@/tests/fixtures";

const session = vi.hoisted(() => ({ user: null as User | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const actions = await import("./interviews");

const input = {
  title: "Support engineer",
  questions: [{ prompt: "One" }, { prompt: "Two", type: "text" as const }, { prompt: "Three" }],
};

async function signedIn(): Promise<User> {
  const account = await createAccount();
  const db = await getDb();
  session.user = await db.user.findUniqueOrThrow({ where: { id: account.id } });
  return session.user;
}

describe("interview actions", () => {
  beforeEach(() => {
    session.user = null;
  });

  it("create → publish → extend → close, each answering what the page shows", async () => {
    await signedIn();
    const created = await actions.createInterviewAction(input);
    expect(created).toMatchObject({ ok: true });
    if (!created.ok) return;
    const published = await actions.publishInterviewAction(created.data.id);
    expect(published).toMatchObject({ ok: true, data: { publicLink: expect.stringMatching(/\/i\/[A-Za-z0-9_-]{22,}$/) } });
    const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString();
    expect(await actions.extendDeadlineAction(created.data.id, { deadline })).toEqual({ ok: true, data: { extended: true } });
    // Nobody had started: closing completes the interview at once, and the page says so.
    expect(await actions.closeInterviewAction(created.data.id)).toEqual({ ok: true, data: { status: "completed" } });
    const db = await getDb();
    const row = await db.interview.findUniqueOrThrow({ where: { id: created.data.id } });
    expect(row).toMatchObject({ status: "completed", expiresAt: new Date(deadline) });
  });

  it("editing the questions of a published interview answers the new version", async () => {
    await signedIn();
    const created = await actions.createInterviewAction(input);
    if (!created.ok) throw new Error(created.error);
    await actions.publishInterviewAction(created.data.id);
    const updated = await actions.updateInterviewAction(created.data.id, {
      ...input,
      questions: [input.questions[2]!, input.questions[0]!, input.questions[1]!],
    });
    expect(updated).toEqual({ ok: true, data: { id: created.data.id, version: 2 } });
  });

  it("returns validation errors with the paths the editor places next to its inputs", async () => {
    await signedIn();
    const result = await actions.createInterviewAction({
      title: "",
      questions: [{ prompt: "ok" }, { prompt: "long", maxSeconds: 601, rubric: [{ name: "x", description: "y", weight: 11 }] }],
    });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
    if (result.ok) return;
    expect(Object.keys(result.fields ?? {}).sort()).toEqual(["questions.1.maxSeconds", "questions.1.rubric.0.weight", "title"]);
  });

  it("says which limit a full plan hit, with its details, on create and duplicate", async () => {
    await signedIn();
    const ids: string[] = [];
    // The free plan's active-interview limit.
    for (;;) {
      const r = await actions.createInterviewAction(input);
      if (!r.ok) {
        expect(r).toMatchObject({ code: "QUOTA_EXCEEDED", error: expect.any(String), details: expect.any(Object) });
        break;
      }
      ids.push(r.data.id);
      expect(ids.length).toBeLessThan(1000);
    }
    const dup = await actions.duplicateInterviewAction(ids[0]!);
    expect(dup).toMatchObject({ ok: false, code: "QUOTA_EXCEEDED" });
  });

  it("gives another account 404 for every action on the first's interview, changing nothing", async () => {
    await signedIn();
    const created = await actions.createInterviewAction(input);
    if (!created.ok) throw new Error(created.error);
    const id = created.data.id;
    await signedIn();
    const attempts = [
      actions.updateInterviewAction(id, { title: "Mine now" }),
      actions.publishInterviewAction(id),
      actions.closeInterviewAction(id),
      actions.extendDeadlineAction(id, { deadline: new Date(Date.now() + 86_400_000).toISOString() }),
      actions.duplicateInterviewAction(id),
      actions.deleteInterviewAction(id),
    ];
    for (const result of await Promise.all(attempts)) {
      expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    // A malformed id reads the same.
    expect(await actions.publishInterviewAction("../../etc")).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const db = await getDb();
    expect(await db.interview.findUniqueOrThrow({ where: { id } })).toMatchObject({
      title: "Support engineer",
      status: "draft",
      deletedAt: null,
    });
  });

  it("refuses everything without a session", async () => {
    expect(await actions.createInterviewAction(input)).toMatchObject({ ok: false, code: "UNAUTHORIZED" });
  });
});
