// The compare page's loader against the real database: the ranking (decision, then rating, then
// AI score), every filter, per-question scores and flags, blind review, pages, the same 404 for
// another account, a 422 for invalid filters, and the shortlist toggle's event.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { AnalysisStatus, SessionStatus } from "@/lib/generated/prisma/client";
import { setShortlist } from "@/lib/server/review/set-shortlist";
import { SESSION_NOT_FOUND } from "@/lib/server/sessions/session-answers";
import { rejection } from "@/tests/app-error";
import { createAccount, uniqueEmail } from "@/tests/fixtures";
import { addCandidate, publishedInterview } from "@/tests/interviews";
import { compareCandidates } from "./compare-candidates";

type Answer = { q: 0 | 1; score?: number | null; analysis?: AnalysisStatus; flags?: string[]; submitted?: boolean };
type Seed = {
  name: string;
  decision?: "advance" | "hold" | "reject";
  rating?: number;
  score?: number | null;
  status?: SessionStatus;
  shortlisted?: boolean;
  completedAt?: Date;
  invitationId?: string;
  answers?: Answer[];
};

async function setup(overrides: { blindReview?: boolean } = {}) {
  const user = await createAccount({ email: uniqueEmail("compare") });
  const created = await publishedInterview(user);
  const db = await getDb();
  const interview = await db.interview.update({ where: { id: created.id }, data: { blindReview: overrides.blindReview ?? false } });
  const questions = await db.question.findMany({ where: { versionId: interview.currentVersionId! }, orderBy: { position: "asc" } });
  let n = 0;
  async function seed(s: Seed): Promise<string> {
    n++;
    const status = s.status ?? "completed";
    const session = await db.candidateSession.create({
      data: {
        interviewId: interview.id,
        invitationId: s.invitationId ?? null,
        versionId: interview.currentVersionId,
        candidateName: s.name,
        candidateEmail: `${s.name.toLowerCase().replace(/\W+/g, ".")}@example.com`,
        status,
        decision: s.decision ?? null,
        rating: s.rating ?? null,
        overallScore: s.score ?? null,
        shortlisted: s.shortlisted ?? false,
        // Finished in seeding order unless told otherwise: the last tie-break.
        completedAt: status === "completed" ? (s.completedAt ?? new Date(Date.UTC(2026, 0, 1, 0, n))) : null,
      },
    });
    for (const a of s.answers ?? []) {
      const question = questions[a.q]!;
      const media =
        question.type === "video"
          ? await db.mediaFile.create({
              data: {
                userId: user.id,
                kind: "response",
                status: "ready",
                bucket: "test",
                path: `${session.id}/${question.id}-${Math.random()}.webm`,
                fileName: "answer.webm",
                mimeType: "video/webm",
                flags: (a.flags ?? []).map((flag) => ({ flag, reason: `${flag} in test` })),
              },
            })
          : null;
      const response = await db.response.create({
        data: {
          sessionId: session.id,
          questionId: question.id,
          status: "ready",
          mediaFileId: media?.id ?? null,
          textAnswer: media ? null : "An answer.",
          submittedAt: a.submitted === false ? null : new Date(),
        },
      });
      if (a.analysis) {
        await db.analysis.create({
          data: { userId: user.id, sessionId: session.id, responseId: response.id, analysisType: "scoring", status: a.analysis, overallScore: a.score ?? null },
        });
      }
    }
    return session.id;
  }
  return { user, interview, questions, seed };
}

const names = (r: Awaited<ReturnType<typeof compareCandidates>>) => r.candidates.map((c) => c.name);

describe("compareCandidates", () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    ctx = await setup();
    const seeds: Seed[] = [
      { name: "Rita Reject", decision: "reject", rating: 5, score: 9.5 },
      { name: "Nina None", rating: 4, score: 6 },
      { name: "Carl Advance", decision: "advance", rating: 3, score: 5, shortlisted: true },
      { name: "Dora Hold", decision: "hold", score: 9, answers: [{ q: 0, analysis: "completed", score: 9, flags: ["blank_video", "no_video"] }] },
      { name: "Eve Hold", decision: "hold", rating: 4, score: 2 },
      { name: "Fay None", rating: 4, score: 8 },
      { name: "Gus Unscored", status: "in_progress", answers: [{ q: 0, flags: ["silent"], submitted: false }] },
      {
        name: "Hal Advance",
        decision: "advance",
        rating: 3,
        score: 7,
        answers: [
          { q: 0, analysis: "completed", score: 7.5, flags: ["silent"] },
          { q: 1, analysis: "skipped" },
        ],
      },
      { name: "Abe Abandoned", status: "abandoned", score: 6 },
    ];
    for (const s of seeds) ids[s.name] = await ctx.seed(s);
    // Another interview's candidate (same account) and another account's: never listed.
    const other = await publishedInterview(ctx.user);
    const db = await getDb();
    await db.candidateSession.create({ data: { interviewId: other.id, candidateName: "Other Interview", candidateEmail: "o@example.com", status: "completed", decision: "advance", rating: 5 } });
  });

  it("ranks by decision (advance, hold, none, reject), then rating, then AI score, with each question's score and flags", async () => {
    const r = await compareCandidates({ actor: ctx.user, interviewId: ctx.interview.id });
    expect(names(r)).toEqual(["Hal Advance", "Carl Advance", "Eve Hold", "Dora Hold", "Fay None", "Nina None", "Abe Abandoned", "Gus Unscored", "Rita Reject"]);
    expect(r.candidates.map((c) => c.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r).toMatchObject({ total: 9, page: 1, pageCount: 1, pageSize: 50, interview: { id: ctx.interview.id, title: ctx.interview.title, blindReview: false, version: 1 } });
    expect(r.columns.map((c) => [c.id, c.position, c.type])).toEqual(ctx.questions.map((q) => [q.id, q.position, q.type]));

    const hal = r.candidates[0]!;
    expect(hal).toMatchObject({ sessionId: ids["Hal Advance"], email: "hal.advance@example.com", hidden: false, decision: "advance", rating: 3, overallScore: 7, status: "completed", version: 1, shortlisted: false });
    expect(hal.answers).toEqual([
      { questionId: ctx.questions[0]!.id, analysis: "completed", score: 7.5, flags: ["silent"] },
      { questionId: ctx.questions[1]!.id, analysis: "skipped", score: null, flags: [] },
    ]);
    expect(hal.flags).toEqual(["silent"]);
    const dora = r.candidates.find((c) => c.name === "Dora Hold")!;
    expect(dora.answers).toEqual([{ questionId: ctx.questions[0]!.id, analysis: "completed", score: 9, flags: ["blank_video", "no_video"] }, null]);
    // An answer never submitted is not one: no cell, no flag.
    const gus = r.candidates.find((c) => c.name === "Gus Unscored")!;
    expect(gus).toMatchObject({ answers: [null, null], flags: [], overallScore: null, rating: null, decision: null, completedAt: null });
  });

  it("filters by status, decision, score range, media flags and the shortlist", async () => {
    const run = async (input: Record<string, string>) => names(await compareCandidates({ actor: ctx.user, interviewId: ctx.interview.id, input }));
    expect(await run({ status: "abandoned" })).toEqual(["Abe Abandoned"]);
    expect(await run({ status: "in_progress" })).toEqual(["Gus Unscored"]);
    expect(await run({ decision: "hold" })).toEqual(["Eve Hold", "Dora Hold"]);
    expect(await run({ decision: "none" })).toEqual(["Fay None", "Nina None", "Abe Abandoned", "Gus Unscored"]);
    expect(await run({ minScore: "7" })).toEqual(["Hal Advance", "Dora Hold", "Fay None", "Rita Reject"]);
    expect(await run({ maxScore: "5" })).toEqual(["Carl Advance", "Eve Hold"]);
    expect(await run({ minScore: "6", maxScore: "8" })).toEqual(["Hal Advance", "Fay None", "Nina None", "Abe Abandoned"]);
    expect(await run({ flag: "silent" })).toEqual(["Hal Advance"]);
    expect(await run({ flag: "blank_video" })).toEqual(["Dora Hold"]);
    expect(await run({ flag: "any" })).toEqual(["Hal Advance", "Dora Hold"]);
    expect(await run({ flag: "none" })).toEqual(["Carl Advance", "Eve Hold", "Fay None", "Nina None", "Abe Abandoned", "Gus Unscored", "Rita Reject"]);
    expect(await run({ shortlisted: "1" })).toEqual(["Carl Advance"]);
    expect(await run({ shortlisted: "0", decision: "advance" })).toEqual(["Hal Advance"]);
    expect(await run({ decision: "none", minScore: "6", status: "completed" })).toEqual(["Fay None", "Nina None"]);
    // Empty values (a GET form's untouched fields) mean "any".
    expect(await run({ status: "", decision: "", flag: "", minScore: "", shortlisted: "" })).toHaveLength(9);
  });

  it("refuses invalid filters with a 422 naming each field", async () => {
    const err = await rejection(
      compareCandidates({ actor: ctx.user, interviewId: ctx.interview.id, input: { status: "hired", decision: "maybe", flag: "loud", minScore: "abc", maxScore: "11", shortlisted: "yes", page: "0" } }),
    );
    expect(err.code).toBe("VALIDATION");
    expect(err.status).toBe(422);
    expect(Object.keys(err.fieldErrors ?? {}).sort()).toEqual(["decision", "flag", "maxScore", "minScore", "page", "shortlisted", "status"]);
    const range = await rejection(compareCandidates({ actor: ctx.user, interviewId: ctx.interview.id, input: { minScore: "8", maxScore: "3" } }));
    expect(range.fieldErrors).toEqual({ maxScore: ["The highest score must not be below the lowest."] });
    const repeated = await rejection(compareCandidates({ actor: ctx.user, interviewId: ctx.interview.id, input: { status: ["completed", "abandoned"] } }));
    expect(Object.keys(repeated.fieldErrors ?? {})).toEqual(["status"]);
  });

  it("is the same 404 for another account's, a deleted or a malformed interview", async () => {
    const stranger = await createAccount({ email: uniqueEmail("stranger") });
    const db = await getDb();
    const deleted = await publishedInterview(ctx.user);
    await db.interview.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
    for (const [actor, interviewId] of [
      [stranger, ctx.interview.id],
      [ctx.user, deleted.id],
      [ctx.user, "not-a-uuid"],
      [ctx.user, "00000000-0000-4000-8000-000000000000"],
    ] as const) {
      const err = await rejection(compareCandidates({ actor, interviewId }));
      expect(err.code).toBe("NOT_FOUND");
    }
  });

  it("toggles the shortlist: one candidate.reviewed event per change, in the same transaction, owner only", async () => {
    const db = await getDb();
    const sessionId = ids["Nina None"]!;
    const events = () => db.event.findMany({ where: { sessionId, eventType: "candidate.reviewed" }, orderBy: { seq: "asc" } });

    expect(await setShortlist({ actor: ctx.user, sessionId, input: { shortlisted: true }, requestId: "req-shortlist" })).toEqual({ sessionId, shortlisted: true, changed: true });
    expect((await db.candidateSession.findUniqueOrThrow({ where: { id: sessionId } })).shortlisted).toBe(true);
    let stored = await events();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.data).toMatchObject({ interviewId: ctx.interview.id, reviewerId: ctx.user.id, rating: 4, decision: null, changes: ["shortlist"] });
    expect(stored[0]!.ownerId).toBe(ctx.user.id);
    expect(stored[0]!.correlationId).toBe("req-shortlist");
    expect(names(await compareCandidates({ actor: ctx.user, interviewId: ctx.interview.id, input: { shortlisted: "1" } }))).toEqual(["Carl Advance", "Nina None"]);

    // Already shortlisted: nothing changes, nothing is published.
    expect(await setShortlist({ actor: ctx.user, sessionId, input: { shortlisted: true } })).toEqual({ sessionId, shortlisted: true, changed: false });
    expect(await events()).toHaveLength(1);

    // Someone else's session is a 404 and changes nothing; a bad body is a 422.
    const stranger = await createAccount({ email: uniqueEmail("stranger") });
    const err = await rejection(setShortlist({ actor: stranger, sessionId, input: { shortlisted: false } }));
    expect([err.code, err.message]).toEqual(["NOT_FOUND", SESSION_NOT_FOUND]);
    expect((await rejection(setShortlist({ actor: ctx.user, sessionId, input: { shortlisted: "yes" } }))).code).toBe("VALIDATION");
    expect((await db.candidateSession.findUniqueOrThrow({ where: { id: sessionId } })).shortlisted).toBe(true);

    expect(await setShortlist({ actor: ctx.user, sessionId, input: { shortlisted: false } })).toEqual({ sessionId, shortlisted: false, changed: true });
    stored = await events();
    expect(stored.map((e) => (e.data as { changes: string[] }).changes)).toEqual([["shortlist"], ["shortlist"]]);
    expect(names(await compareCandidates({ actor: ctx.user, interviewId: ctx.interview.id, input: { shortlisted: "1" } }))).toEqual(["Carl Advance"]);
  });
});

describe("compareCandidates and erased candidates", () => {
  it("leaves them out, and their shortlist can no longer change", async () => {
    const { user, interview, seed } = await setup();
    await seed({ name: "Kept Person", score: 5 });
    const erased = await seed({ name: "Erased Person", score: 9, decision: "advance" });
    const db = await getDb();
    await db.candidateSession.update({ where: { id: erased }, data: { erasedAt: new Date() } });
    const r = await compareCandidates({ actor: user, interviewId: interview.id });
    expect([names(r), r.total]).toEqual([["Kept Person"], 1]);
    expect((await rejection(setShortlist({ actor: user, sessionId: erased, input: { shortlisted: true } }))).code).toBe("CONFLICT");
    expect(await db.event.count({ where: { sessionId: erased, eventType: "candidate.reviewed" } })).toBe(0);
  });
});

describe("compareCandidates with blind review", () => {
  it("hides name and email of the candidates not rated yet, in the query itself", async () => {
    const { user, interview, seed } = await setup({ blindReview: true });
    // Invited second: "Candidate 2", as the candidates table and the review page call them.
    const first = await addCandidate(interview.id);
    const second = await addCandidate(interview.id);
    await seed({ name: "Rated Person", rating: 4, score: 3, invitationId: first.id });
    await seed({ name: "Secret Person", score: 9, invitationId: second.id });
    await seed({ name: "Uninvited Secret", score: 1 });
    const r = await compareCandidates({ actor: user, interviewId: interview.id });
    expect(r.interview.blindReview).toBe(true);
    expect(r.candidates.map((c) => [c.name, c.email, c.hidden, c.number])).toEqual([
      ["Rated Person", "rated.person@example.com", false, null],
      [null, null, true, 2],
      [null, null, true, null],
    ]);
    expect(JSON.stringify(r)).not.toContain("Secret");
  });
});

describe("compareCandidates pages", () => {
  it("shows 50 a page, ranked across pages, with the total", async () => {
    const { user, interview } = await setup();
    const db = await getDb();
    await db.candidateSession.createMany({
      data: Array.from({ length: 55 }, (_, i) => ({
        interviewId: interview.id,
        candidateName: `P${String(i).padStart(2, "0")}`,
        candidateEmail: `p${i}@example.com`,
        status: "completed" as const,
        overallScore: i / 10,
      })),
    });
    const first = await compareCandidates({ actor: user, interviewId: interview.id });
    expect(first).toMatchObject({ total: 55, page: 1, pageCount: 2 });
    expect(first.candidates).toHaveLength(50);
    expect(first.candidates[0]!.name).toBe("P54"); // highest score first
    const second = await compareCandidates({ actor: user, interviewId: interview.id, input: { page: "2" } });
    expect(second.candidates.map((c) => [c.rank, c.name])).toEqual([
      [51, "P04"],
      [52, "P03"],
      [53, "P02"],
      [54, "P01"],
      [55, "P00"],
    ]);
    // Past the last page: no rows, but the interview and the total are still known.
    const beyond = await compareCandidates({ actor: user, interviewId: interview.id, input: { page: "9" } });
    expect(beyond).toMatchObject({ total: 55, candidates: [], pageCount: 2 });
  });
});
