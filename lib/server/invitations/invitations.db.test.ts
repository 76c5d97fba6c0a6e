import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { closeInterview } from "@/lib/server/interviews/close-interview";
import { deleteInterview } from "@/lib/server/interviews/delete-interview";
import { updateInterview } from "@/lib/server/interviews/update-interview";
import { rejection } from "@/tests/app-error";
import { createAccount } from "@/tests/fixtures";
import { addInvitations } from "./add-invitations";
import { hrWithInterview, HOUR } from "./invitations.fixtures";
import { listCandidates } from "./list-candidates";
import { markInvitationOpened } from "./mark-invitation-opened";
import { openLink } from "./open-link";
import { resendInvitation } from "./resend-invitation";
import { revokeInvitation } from "./revoke-invitation";

async function publishedEvents(interviewId: string) {
  const db = await getDb();
  const rows = await db.event.findMany({ where: { eventType: "interview.published" }, orderBy: { seq: "asc" } });
  return rows.filter((r) => (r.data as { interviewId: string }).interviewId === interviewId);
}

async function setQuota(userId: string, maxCandidatesPerInterview: number) {
  const db = await getDb();
  await db.quota.update({ where: { userId }, data: { maxCandidatesPerInterview } });
}

describe("addInvitations", () => {
  it("invites valid candidates, reports bad lines per candidate in order, and publishes interview.published again", async () => {
    const { user, interview } = await hrWithInterview();
    const before = (await publishedEvents(interview.id)).length;
    const { results } = await addInvitations({
      actor: user,
      interviewId: interview.id,
      input: {
        candidates: [
          { email: "Ada@Example.com", name: "Ada Lovelace" },
          { email: "not-an-email", name: "Bob" },
          { email: "ada@example.com", name: "Ada again" },
          { email: "grace@example.com" },
        ],
      },
    });
    expect(results.map((r) => [r.email, r.status, r.message ?? null])).toEqual([
      ["ada@example.com", "invited", null],
      ["not-an-email", "error", "This is not a valid email address."],
      ["ada@example.com", "error", "Listed twice: the same email is candidate #1 of this list."],
      ["grace@example.com", "invited", null],
    ]);
    expect(results[3]!.name).toBe("grace");
    const db = await getDb();
    const rows = await db.invitation.findMany({ where: { interviewId: interview.id }, orderBy: { email: "asc" } });
    expect(rows.map((r) => [r.email, r.status, r.emailStatus, r.totalQuestions, r.sendCount])).toEqual([
      ["ada@example.com", "invited", "pending", 2, 0],
      ["grace@example.com", "invited", "pending", 2, 0],
    ]);
    expect(rows[0]!.id).toBe(results[0]!.invitationId);
    expect(rows[0]!.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const events = await publishedEvents(interview.id);
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)!.data).toEqual({ interviewId: interview.id, publicLink: expect.stringContaining("/i/"), expiresAt: interview.deadline });

    const again = await addInvitations({ actor: user, interviewId: interview.id, input: { candidates: [{ email: "ADA@example.com", name: "A" }] } });
    expect(again.results).toEqual([{ email: "ada@example.com", name: "A", status: "error", message: "Already invited to this interview." }]);
    expect(await publishedEvents(interview.id)).toHaveLength(before + 1);
  });

  it("does not publish for a draft (its invitations go out when it is published)", async () => {
    const { user, interview } = await hrWithInterview({ publish: false });
    const { results } = await addInvitations({ actor: user, interviewId: interview.id, input: { candidates: [{ email: "x@example.com", name: "X" }] } });
    expect(results[0]!.status).toBe("invited");
    expect(await publishedEvents(interview.id)).toHaveLength(0);
  });

  it("refuses more than 1,000 candidates, an empty list and a wrong shape with a 422, writing nothing", async () => {
    const { user, interview } = await hrWithInterview();
    const candidates = Array.from({ length: 1001 }, (_, i) => ({ email: `c${i}@example.com`, name: `C ${i}` }));
    const err = await rejection(addInvitations({ actor: user, interviewId: interview.id, input: { candidates } }));
    expect(err.status).toBe(422);
    expect(err.fieldErrors?.candidates?.[0]).toContain("at most 1,000");
    expect((await rejection(addInvitations({ actor: user, interviewId: interview.id, input: { candidates: [] } }))).status).toBe(422);
    expect((await rejection(addInvitations({ actor: user, interviewId: interview.id, input: { emails: ["a@b.c"] } }))).status).toBe(422);
    const db = await getDb();
    expect(await db.invitation.count({ where: { interviewId: interview.id } })).toBe(0);
  });

  it("refuses a closed interview with 409", async () => {
    const { user, interview } = await hrWithInterview();
    await closeInterview({ actor: user, interviewId: interview.id });
    const err = await rejection(addInvitations({ actor: user, interviewId: interview.id, input: { candidates: [{ email: "a@example.com" }] } }));
    expect(err.status).toBe(409);
    expect(err.message).toMatch(/closed/);
  });

  it("takes the valid lines all or nothing at the plan's candidate limit (403 with the usage)", async () => {
    const { user, interview } = await hrWithInterview();
    await setQuota(user.id, 3);
    await addInvitations({ actor: user, interviewId: interview.id, input: { candidates: [{ email: "a@example.com" }, { email: "b@example.com" }] } });
    const err = await rejection(
      addInvitations({ actor: user, interviewId: interview.id, input: { candidates: [{ email: "c@example.com" }, { email: "d@example.com" }, { email: "bad" }] } }),
    );
    expect(err.code).toBe("QUOTA_EXCEEDED");
    expect(err.status).toBe(403);
    expect(err.details).toMatchObject({ limit: "candidatesPerInterview", used: 2, max: 3, requested: 2 });
    const db = await getDb();
    expect(await db.invitation.count({ where: { interviewId: interview.id } })).toBe(2);
    // A revoked invitation frees its slot.
    const [a] = await db.invitation.findMany({ where: { interviewId: interview.id, email: "a@example.com" } });
    await revokeInvitation({ actor: user, invitationId: a!.id });
    const ok = await addInvitations({ actor: user, interviewId: interview.id, input: { candidates: [{ email: "c@example.com" }, { email: "d@example.com" }] } });
    expect(ok.results.map((r) => r.status)).toEqual(["invited", "invited"]);
  });
});

describe("revoke and resend", () => {
  it("revokes: the link stops working, revoking twice is a no-op, a completed one is a 409", async () => {
    const { user, interview } = await hrWithInterview();
    const { results } = await addInvitations({ actor: user, interviewId: interview.id, input: { candidates: [{ email: "a@example.com" }, { email: "b@example.com" }] } });
    const db = await getDb();
    const a = await db.invitation.findUniqueOrThrow({ where: { id: results[0]!.invitationId! } });
    expect((await openLink({ token: a.token })).state).toBe("open");
    const revoked = await revokeInvitation({ actor: user, invitationId: a.id });
    expect(revoked.status).toBe("revoked");
    expect(await revokeInvitation({ actor: user, invitationId: a.id })).toEqual(revoked);
    expect((await rejection(openLink({ token: a.token }))).status).toBe(404);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: a.id } })).revokedAt).not.toBeNull();

    // Completion is written by the candidate flow (a later issue); set here as that state.
    await db.invitation.update({ where: { id: results[1]!.invitationId! }, data: { status: "completed", completedAt: new Date() } });
    expect((await rejection(revokeInvitation({ actor: user, invitationId: results[1]!.invitationId! }))).status).toBe(409);
  });

  it("resends: sendCount up, pending again, interview.published again; refused after 5 resends and when revoked", async () => {
    const { user, interview } = await hrWithInterview();
    const { results } = await addInvitations({ actor: user, interviewId: interview.id, input: { candidates: [{ email: "a@example.com" }] } });
    const id = results[0]!.invitationId!;
    const db = await getDb();
    await db.invitation.update({ where: { id }, data: { emailStatus: "failed", emailError: "mailbox full" } });
    const before = (await publishedEvents(interview.id)).length;
    expect(await resendInvitation({ actor: user, invitationId: id })).toEqual({ id, sendCount: 1, emailStatus: "pending" });
    expect(await db.invitation.findUniqueOrThrow({ where: { id } })).toMatchObject({ emailStatus: "pending", emailError: null, sendCount: 1 });
    expect(await publishedEvents(interview.id)).toHaveLength(before + 1);
    for (let i = 2; i <= 5; i++) await resendInvitation({ actor: user, invitationId: id });
    const err = await rejection(resendInvitation({ actor: user, invitationId: id }));
    expect(err.status).toBe(409);
    expect(err.message).toMatch(/5 times/);
    await revokeInvitation({ actor: user, invitationId: id });
    expect((await rejection(resendInvitation({ actor: user, invitationId: id }))).message).toMatch(/revoked/);
  });

  it("refuses to resend for a draft", async () => {
    const { user, interview } = await hrWithInterview({ publish: false });
    const { results } = await addInvitations({ actor: user, interviewId: interview.id, input: { candidates: [{ email: "a@example.com" }] } });
    expect((await rejection(resendInvitation({ actor: user, invitationId: results[0]!.invitationId! }))).status).toBe(409);
  });
});

describe("another account", () => {
  it("gets 404 for every invitation use case, like a deleted interview and a malformed id", async () => {
    const { user, interview } = await hrWithInterview();
    const { results } = await addInvitations({ actor: user, interviewId: interview.id, input: { candidates: [{ email: "a@example.com" }] } });
    const id = results[0]!.invitationId!;
    const other = await createAccount();
    const input = { candidates: [{ email: "z@example.com" }] };
    for (const call of [
      () => addInvitations({ actor: other, interviewId: interview.id, input }),
      () => listCandidates({ actor: other, interviewId: interview.id }),
      () => revokeInvitation({ actor: other, invitationId: id }),
      () => resendInvitation({ actor: other, invitationId: id }),
      () => addInvitations({ actor: user, interviewId: "not-a-uuid", input }),
      () => revokeInvitation({ actor: user, invitationId: "../etc" }),
    ]) {
      expect((await rejection(call())).status).toBe(404);
    }
    const db = await getDb();
    expect(await db.invitation.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "invited", sendCount: 0 });

    await deleteInterview({ actor: user, interviewId: interview.id });
    expect((await rejection(listCandidates({ actor: user, interviewId: interview.id }))).status).toBe(404);
    expect((await rejection(revokeInvitation({ actor: user, invitationId: id }))).status).toBe(404);
    expect((await rejection(addInvitations({ actor: user, interviewId: interview.id, input }))).status).toBe(404);
  });
});

describe("listCandidates", () => {
  async function seeded() {
    const ctx = await hrWithInterview();
    const names = ["Carol", "alice", "Bob", "Dave", "Eve"];
    await addInvitations({
      actor: ctx.user,
      interviewId: ctx.interview.id,
      input: { candidates: names.map((n) => ({ name: n, email: `${n.toLowerCase()}@example.com` })) },
    });
    return ctx;
  }

  it("pages with a keyset cursor in every sort and order, without gaps or repeats", async () => {
    const { user, interview } = await seeded();
    for (const sort of ["created", "name", "email", "updated"] as const) {
      for (const order of ["asc", "desc"] as const) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await listCandidates({ actor: user, interviewId: interview.id, input: { sort, order, limit: 2, cursor } });
          expect(page.data.length).toBeLessThanOrEqual(2);
          seen.push(...page.data.map((r) => r.email));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(new Set(seen).size, `${sort} ${order}`).toBe(5);
        if (sort === "email") {
          const sorted = [...seen].sort();
          expect(seen).toEqual(order === "asc" ? sorted : sorted.reverse());
        }
      }
    }
  });

  it("filters by status and searches name/email prefixes; a row has its link and progress", async () => {
    const { user, interview } = await seeded();
    const db = await getDb();
    const bob = await db.invitation.findFirstOrThrow({ where: { interviewId: interview.id, email: "bob@example.com" } });
    await revokeInvitation({ actor: user, invitationId: bob.id });
    const revoked = await listCandidates({ actor: user, interviewId: interview.id, input: { status: "revoked" } });
    expect(revoked.data.map((r) => r.email)).toEqual(["bob@example.com"]);
    const invited = await listCandidates({ actor: user, interviewId: interview.id, input: { status: "invited", sort: "name", order: "asc" } });
    expect(invited.data.map((r) => r.name)).toHaveLength(4);
    expect((await listCandidates({ actor: user, interviewId: interview.id, input: { q: "AL" } })).data.map((r) => r.email)).toEqual(["alice@example.com"]);
    expect((await listCandidates({ actor: user, interviewId: interview.id, input: { q: "eve@" } })).data.map((r) => r.name)).toEqual(["Eve"]);
    expect((await listCandidates({ actor: user, interviewId: interview.id, input: { q: "%" } })).data).toEqual([]);
    expect((await listCandidates({ actor: user, interviewId: interview.id, input: { status: "expired" } })).data).toEqual([]);
    const [row] = (await listCandidates({ actor: user, interviewId: interview.id, input: { q: "alice" } })).data;
    expect(row).toMatchObject({ status: "invited", emailStatus: "pending", answeredCount: 0, totalQuestions: 2, source: "invite", openedAt: null });
    expect(row!.link).toMatch(/\/i\/[A-Za-z0-9_-]{43}$/);
  });

  it("shows which version each candidate answers (the one their session started on, not the newest) and the session", async () => {
    const { user, interview } = await hrWithInterview();
    const { results } = await addInvitations({
      actor: user,
      interviewId: interview.id,
      input: { candidates: [{ email: "early@example.com", name: "Early" }, { email: "late@example.com", name: "Late" }] },
    });
    const db = await getDb();
    const v1 = await db.interviewVersion.findFirstOrThrow({ where: { interviewId: interview.id, number: 1 } });
    const early = results[0]!.invitationId!;
    const session = await db.candidateSession.create({
      data: { interviewId: interview.id, invitationId: early, versionId: v1.id, candidateEmail: "early@example.com", candidateName: "Early" },
    });
    await updateInterview({
      actor: user,
      interviewId: interview.id,
      input: { questions: [{ prompt: "A brand new question", type: "video" }] },
    });
    const rows = (await listCandidates({ actor: user, interviewId: interview.id, input: { sort: "name", order: "asc" } })).data;
    expect(rows.map((r) => [r.name, r.version, r.sessionId])).toEqual([
      ["Early", 1, session.id], // the session HR opens from the row
      ["Late", null, null],
    ]);
  });

  it("derives expired from the deadline", async () => {
    const { user, interview } = await seeded();
    const db = await getDb();
    // The deadline passing is time going by; moved here instead of waiting for it.
    await db.interview.update({ where: { id: interview.id }, data: { expiresAt: new Date(Date.now() - HOUR) } });
    const all = await listCandidates({ actor: user, interviewId: interview.id });
    expect(new Set(all.data.map((r) => r.status))).toEqual(new Set(["expired"]));
    expect((await listCandidates({ actor: user, interviewId: interview.id, input: { status: "expired" } })).data).toHaveLength(5);
    expect((await listCandidates({ actor: user, interviewId: interview.id, input: { status: "invited" } })).data).toHaveLength(0);
  });

  it("refuses bad input with 4xx: limit out of range, unknown sort, a forged cursor", async () => {
    const { user, interview } = await seeded();
    const bad = [
      { limit: 0 },
      { limit: 101 },
      { sort: "password" },
      { status: "hired" },
      { cursor: "garbage" },
      { cursor: Buffer.from(JSON.stringify({ s: "created", o: "desc", k: "x", i: "not-uuid" })).toString("base64url") },
    ];
    for (const input of bad) expect([400, 422]).toContain((await rejection(listCandidates({ actor: user, interviewId: interview.id, input }))).status);
    const page = await listCandidates({ actor: user, interviewId: interview.id, input: { limit: 2 } });
    // A cursor made for another sort is refused rather than silently misread.
    expect((await rejection(listCandidates({ actor: user, interviewId: interview.id, input: { sort: "name", cursor: page.nextCursor } }))).status).toBe(400);
  });
});

describe("openLink", () => {
  it("shows a personal link's interview in its language without marking it opened (scanners fetch it too)", async () => {
    const { user, interview } = await hrWithInterview({ language: "ru", companyName: "Рога и копыта" });
    const { results } = await addInvitations({ actor: user, interviewId: interview.id, input: { candidates: [{ email: "a@example.com", name: "Анна" }] } });
    const db = await getDb();
    const inv = await db.invitation.findUniqueOrThrow({ where: { id: results[0]!.invitationId! } });
    const first = await openLink({ token: inv.token });
    expect(first).toEqual({
      kind: "invitation",
      state: "open",
      candidateName: "Анна",
      candidateEmail: "a@example.com",
      interview: {
        title: "Backend engineer",
        companyName: "Рога и копыта",
        introMessage: "Thanks for applying!",
        language: "ru",
        questionsCount: 2,
        estimatedMinutes: 6, // 30 s + 120 s video, 0 s + 3 min text
        deadline: interview.deadline,
        aiAnalysis: true,
      },
    });
    await openLink({ token: inv.token });
    const read = await db.invitation.findUniqueOrThrow({ where: { id: inv.id } });
    expect(read).toMatchObject({ status: "invited", openedAt: null });
    expect(read.updatedAt).toEqual(inv.updatedAt);
  });

  it("markInvitationOpened marks a personal link opened once; unknown, revoked and public tokens are the same 404; closed ones stay invited", async () => {
    const { user, interview } = await hrWithInterview();
    const { results } = await addInvitations({
      actor: user,
      interviewId: interview.id,
      input: { candidates: [{ email: "a@example.com" }, { email: "b@example.com" }] },
    });
    const db = await getDb();
    const [a, b] = await Promise.all(results.map((r) => db.invitation.findUniqueOrThrow({ where: { id: r.invitationId! } })));
    expect(await markInvitationOpened({ token: a!.token })).toEqual({ opened: true });
    const opened = await db.invitation.findUniqueOrThrow({ where: { id: a!.id } });
    expect(opened).toMatchObject({ status: "opened" });
    expect(opened.openedAt).not.toBeNull();
    expect(await markInvitationOpened({ token: a!.token })).toEqual({ opened: false });
    const again = await db.invitation.findUniqueOrThrow({ where: { id: a!.id } });
    expect(again.openedAt).toEqual(opened.openedAt);
    expect(again.updatedAt).toEqual(opened.updatedAt);

    const row = await db.interview.findUniqueOrThrow({ where: { id: interview.id } });
    await revokeInvitation({ actor: user, invitationId: b!.id });
    for (const token of [b!.token, "A".repeat(43), "short", 42, row.publicToken!]) {
      const err = await rejection(markInvitationOpened({ token }));
      expect(err).toMatchObject({ status: 404, message: "This link does not exist or is no longer valid." });
    }
    expect((await db.invitation.findUniqueOrThrow({ where: { id: b!.id } })).openedAt).toBeNull();

    // Past the deadline the landing page says so, and the visit is not an opening.
    const late = await hrWithInterview();
    const { results: lateResults } = await addInvitations({ actor: late.user, interviewId: late.interview.id, input: { candidates: [{ email: "c@example.com" }] } });
    const c = await db.invitation.findUniqueOrThrow({ where: { id: lateResults[0]!.invitationId! } });
    await db.interview.update({ where: { id: late.interview.id }, data: { expiresAt: new Date(Date.now() - HOUR) } });
    expect(await markInvitationOpened({ token: c.token })).toEqual({ opened: false });
    expect((await db.invitation.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("invited");
  });

  it("opens the public link; unknown, draft and deleted are 404; closed and past deadline say so", async () => {
    const { user, interview } = await hrWithInterview();
    const db = await getDb();
    const row = await db.interview.findUniqueOrThrow({ where: { id: interview.id } });
    expect(await openLink({ token: row.publicToken! })).toMatchObject({ kind: "public", state: "open", candidateName: null });
    expect((await rejection(openLink({ token: "A".repeat(43) }))).status).toBe(404);
    expect((await rejection(openLink({ token: "short" }))).status).toBe(404);

    const draft = await hrWithInterview({ publish: false });
    const { results } = await addInvitations({ actor: draft.user, interviewId: draft.interview.id, input: { candidates: [{ email: "d@example.com" }] } });
    const draftInv = await db.invitation.findUniqueOrThrow({ where: { id: results[0]!.invitationId! } });
    expect((await rejection(openLink({ token: draftInv.token }))).status).toBe(404);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: draftInv.id } })).status).toBe("invited");

    await db.interview.update({ where: { id: interview.id }, data: { expiresAt: new Date(Date.now() - HOUR) } });
    expect((await openLink({ token: row.publicToken! })).state).toBe("expired");
    await db.interview.update({ where: { id: interview.id }, data: { expiresAt: new Date(Date.now() + HOUR) } });
    await closeInterview({ actor: user, interviewId: interview.id });
    expect((await openLink({ token: row.publicToken! })).state).not.toBe("open");
    await deleteInterview({ actor: user, interviewId: interview.id });
    expect((await rejection(openLink({ token: row.publicToken! }))).status).toBe(404);
  });
});
