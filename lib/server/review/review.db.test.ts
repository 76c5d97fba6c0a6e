// HR's judgement against the real database: the overall review (rating, decision, note) and a
// question's rating each publish one candidate.reviewed with the state after the change, and
// nothing when nothing changed; bad input is refused with the field; another account's session,
// one of a deleted interview and an erased one are refused; comments are shared by the
// account's reviewers, deletable by their author only, audited without their text; blind review leaves the
// identity out of what the dashboard's loaders return until the session is rated; the
// candidates list sorts and filters by HR's decision and rating, never by the AI score first.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { DomainEvent } from "@/lib/events/catalog";
import { auditSummary } from "@/lib/server/audit/record-audit-entry";
import { interviewWithInvited, questionsOf, startPersonal } from "@/lib/server/candidates/candidates.fixtures";
import { submitTextAnswer } from "@/lib/server/candidates/submit-text-answer";
import { deleteInterview } from "@/lib/server/interviews/delete-interview";
import { updateInterview } from "@/lib/server/interviews/update-interview";
import { listCandidates, listCandidatesForDashboard } from "@/lib/server/invitations/list-candidates";
import { getSessionReview } from "@/lib/server/sessions/get-session-review";
import { SESSION_NOT_FOUND } from "@/lib/server/sessions/session-answers";
import { rejection } from "@/tests/app-error";
import { createAccount, uniqueEmail } from "@/tests/fixtures";
import { addReviewComment } from "./add-review-comment";
import { deleteReviewComment, NOT_YOUR_COMMENT } from "./delete-review-comment";
import { getReviewJudgement } from "./get-review-judgement";
import { QUESTION_NOT_IN_SESSION, rateQuestion } from "./rate-question";
import { SESSION_ERASED } from "./reviewable-session";
import { updateSessionReview } from "./update-session-review";

async function reviewedEvents(sessionId: string) {
  const db = await getDb();
  const rows = await db.event.findMany({ where: { sessionId, eventType: "candidate.reviewed" }, orderBy: { createdAt: "asc" } });
  return rows;
}

/** An interview with `n` started candidates (in invitation order); the first has answered the text question. */
async function sessions(n = 1, names: string[] = []) {
  const emails = Array.from({ length: n }, () => uniqueEmail("cand"));
  const { user, interview, tokens } = await interviewWithInvited(emails);
  const db = await getDb();
  if (names.length) {
    for (const [i, name] of names.entries()) await db.invitation.updateMany({ where: { interviewId: interview.id, email: emails[i] }, data: { name } });
  }
  const ids: string[] = [];
  for (const email of emails) ids.push((await startPersonal(tokens[email]!)).sessionId);
  const [video, text] = await questionsOf(interview.currentVersionId!);
  return { user, interview, emails, ids, tokens, video: video!, text: text! };
}

describe("updateSessionReview", () => {
  it("saves rating, decision and note, stamps who and when, and publishes one event per real change", async () => {
    const { user, interview, ids } = await sessions();
    const sessionId = ids[0]!;
    const first = await updateSessionReview({ actor: user, sessionId, input: { rating: 4, decision: "advance", note: "  Strong on\ntrade-offs.  " }, requestId: "req-review" });
    expect(first.changes).toEqual(["rating", "decision", "note"]);
    expect(first.review).toMatchObject({ rating: 4, decision: "advance", note: "Strong on\ntrade-offs." });
    const db = await getDb();
    const row = await db.candidateSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(row).toMatchObject({ rating: 4, decision: "advance", reviewNotes: "Strong on\ntrade-offs.", reviewedBy: user.id });
    expect(row.reviewedAt?.toISOString()).toBe(first.review.reviewedAt);

    let events = await reviewedEvents(sessionId);
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toEqual({
      interviewId: interview.id,
      reviewerId: user.id,
      rating: 4,
      decision: "advance",
      changes: ["rating", "decision", "note"],
      reviewedAt: first.review.reviewedAt,
    });
    expect(events[0]!.ownerId).toBe(user.id);
    expect(events[0]!.correlationId).toBe("req-review");
    // The note's text never travels in the event.
    expect(JSON.stringify([events[0]!.data, events[0]!.metadata])).not.toContain("trade-offs");

    // The same values again: nothing changed, nothing published, reviewedAt kept.
    const same = await updateSessionReview({ actor: user, sessionId, input: { rating: 4, decision: "advance", note: "Strong on\ntrade-offs." } });
    expect(same.changes).toEqual([]);
    expect(same.review.reviewedAt).toBe(first.review.reviewedAt);
    expect(await updateSessionReview({ actor: user, sessionId, input: {} })).toMatchObject({ changes: [] });
    expect(await reviewedEvents(sessionId)).toHaveLength(1);

    // Only the decision changes; null clears the rating; "" clears the note.
    await updateSessionReview({ actor: user, sessionId, input: { decision: "reject" } });
    const cleared = await updateSessionReview({ actor: user, sessionId, input: { rating: null, note: "" } });
    expect(cleared).toMatchObject({ changes: ["rating", "note"], review: { rating: null, decision: "reject", note: null } });
    events = await reviewedEvents(sessionId);
    expect(events.map((e) => e.data)).toEqual([
      expect.anything(),
      expect.objectContaining({ rating: 4, decision: "reject", changes: ["decision"] }),
      expect.objectContaining({ rating: null, decision: "reject", changes: ["rating", "note"] }),
    ]);
    // The audit trail's line for it (the audit-log consumer writes auditSummary of each event).
    const stored = await db.event.findUniqueOrThrow({ where: { eventId: events[2]!.eventId } });
    const summary = auditSummary({ eventId: stored.eventId, eventType: "candidate.reviewed", timestamp: stored.timestamp.toISOString(), sessionId, data: stored.data, metadata: stored.metadata } as DomainEvent);
    expect(summary).toBe("Candidate reviewed: not rated, decision reject (changed: rating, note)");
  });

  it("refuses unknown fields with 400 and bad values with 422 naming the field, changing nothing", async () => {
    const { user, ids } = await sessions();
    const sessionId = ids[0]!;
    const unknown = await rejection(updateSessionReview({ actor: user, sessionId, input: { rating: 3, desicion: "advance" } }));
    expect(unknown.code).toBe("BAD_REQUEST");
    expect(unknown.message).toBe('Unknown field "desicion": send only rating, decision, note.');
    expect((await rejection(updateSessionReview({ actor: user, sessionId, input: [] }))).code).toBe("BAD_REQUEST");
    expect((await rejection(updateSessionReview({ actor: user, sessionId, input: null }))).code).toBe("BAD_REQUEST");
    for (const [input, field] of [
      [{ rating: 0 }, "rating"],
      [{ rating: 6 }, "rating"],
      [{ rating: 3.5 }, "rating"],
      [{ rating: "5" }, "rating"],
      [{ decision: "maybe" }, "decision"],
      [{ note: "bell\u0007" }, "note"],
      [{ note: "x".repeat(5001) }, "note"],
      [{ note: 42 }, "note"],
    ] as const) {
      const err = await rejection(updateSessionReview({ actor: user, sessionId, input }));
      expect(err.code, JSON.stringify(input)).toBe("VALIDATION");
      expect(Object.keys(err.fieldErrors ?? {})).toEqual([field]);
    }
    const db = await getDb();
    expect(await db.candidateSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ rating: null, decision: null, reviewNotes: null, reviewedAt: null });
    expect(await reviewedEvents(sessionId)).toHaveLength(0);
  });

  it("is a 404 for another account, a deleted interview and a bad id; a 409 once the candidate is erased", async () => {
    const { user, interview, ids } = await sessions(2);
    const stranger = await createAccount({ email: uniqueEmail("stranger") });
    for (const [actor, id] of [
      [stranger, ids[0]!],
      [user, "not-a-uuid"],
      [user, randomUUID()],
    ] as const) {
      const err = await rejection(updateSessionReview({ actor, sessionId: id, input: { rating: 5 } }));
      expect([err.code, err.message]).toEqual(["NOT_FOUND", SESSION_NOT_FOUND]);
      expect((await rejection(rateQuestion({ actor, sessionId: id, input: { questionId: randomUUID(), rating: 5 } }))).code).toBe("NOT_FOUND");
      expect((await rejection(addReviewComment({ actor: { ...actor, fullName: "X", email: "x@example.com" }, sessionId: id, input: { body: "Hi" } }))).code).toBe("NOT_FOUND");
      expect((await rejection(getReviewJudgement({ actor, sessionId: id }))).code).toBe("NOT_FOUND");
    }
    const db = await getDb();
    await db.candidateSession.update({ where: { id: ids[1]! }, data: { erasedAt: new Date() } });
    const erased = await rejection(updateSessionReview({ actor: user, sessionId: ids[1]!, input: { rating: 5 } }));
    expect([erased.code, erased.message]).toEqual(["CONFLICT", SESSION_ERASED]);
    expect((await rejection(addReviewComment({ actor: user, sessionId: ids[1]!, input: { body: "Hi" } }))).code).toBe("CONFLICT");

    await deleteInterview({ actor: user, interviewId: interview.id });
    expect((await rejection(updateSessionReview({ actor: user, sessionId: ids[0]!, input: { rating: 5 } }))).code).toBe("NOT_FOUND");
    expect(await db.event.count({ where: { sessionId: { in: ids }, eventType: "candidate.reviewed" } })).toBe(0);
  });
});

describe("rateQuestion", () => {
  it("rates, re-rates and clears one answer, publishing questionRating changes only when something changed", async () => {
    const { user, interview, ids, video, text } = await sessions();
    const sessionId = ids[0]!;
    expect(await rateQuestion({ actor: user, sessionId, input: { questionId: text.id, rating: 3 } })).toEqual({ questionId: text.id, rating: 3, changed: true });
    expect(await rateQuestion({ actor: user, sessionId, input: { questionId: text.id, rating: 3 } })).toMatchObject({ changed: false });
    await rateQuestion({ actor: user, sessionId, input: { questionId: video.id, rating: 5 } });
    await rateQuestion({ actor: user, sessionId, input: { questionId: text.id, rating: null } });
    expect(await rateQuestion({ actor: user, sessionId, input: { questionId: text.id, rating: null } })).toMatchObject({ changed: false });

    const judgement = await getReviewJudgement({ actor: user, sessionId });
    expect(judgement.questionRatings).toEqual({ [video.id]: 5 });
    expect(judgement.review.reviewedAt).not.toBeNull();
    const events = await reviewedEvents(sessionId);
    expect(events.map((e) => e.data)).toEqual(
      Array.from({ length: 3 }, () => expect.objectContaining({ interviewId: interview.id, reviewerId: user.id, rating: null, decision: null, changes: ["questionRating"] })),
    );

    // A question of another interview, a bad rating, an unknown field.
    const other = await sessions();
    const foreign = await rejection(rateQuestion({ actor: user, sessionId, input: { questionId: other.text.id, rating: 2 } }));
    expect([foreign.code, foreign.message]).toEqual(["VALIDATION", QUESTION_NOT_IN_SESSION]);
    expect((await rejection(rateQuestion({ actor: user, sessionId, input: { questionId: text.id, rating: 9 } }))).fieldErrors).toHaveProperty("rating");
    expect((await rejection(rateQuestion({ actor: user, sessionId, input: { questionId: text.id, rating: 2, note: "x" } }))).code).toBe("BAD_REQUEST");
    expect(await reviewedEvents(sessionId)).toHaveLength(3);
  });
});

describe("review comments", () => {
  it("are shared by the account's reviewers, deletable by their author only, audited without their text, and go with the session", async () => {
    const { user, ids, text } = await sessions();
    const sessionId = ids[0]!;
    const mine = await addReviewComment({ actor: user, sessionId, input: { body: "  Good answer\non indexes.  ", questionId: text.id } });
    expect(mine).toMatchObject({ questionId: text.id, authorName: user.fullName, body: "Good answer\non indexes.", own: true });
    // Another reviewer of the account (an author other than this user).
    const db = await getDb();
    const theirs = await db.reviewComment.create({ data: { sessionId, authorId: randomUUID(), authorName: "Grace Hopper", body: "Agree." } });

    const { comments } = await getReviewJudgement({ actor: user, sessionId });
    expect(comments.map((c) => [c.authorName, c.body, c.own])).toEqual([
      [user.fullName, "Good answer\non indexes.", true],
      ["Grace Hopper", "Agree.", false],
    ]);

    expect((await rejection(addReviewComment({ actor: user, sessionId, input: { body: "   " } }))).fieldErrors).toHaveProperty("body");
    expect((await rejection(addReviewComment({ actor: user, sessionId, input: { body: "a\u0000b" } }))).fieldErrors).toHaveProperty("body");
    expect((await rejection(addReviewComment({ actor: user, sessionId, input: { body: "x".repeat(2001) } }))).fieldErrors).toHaveProperty("body");
    const stranger = await createAccount({ email: uniqueEmail("stranger") });
    expect((await rejection(deleteReviewComment({ actor: stranger, commentId: mine.id }))).code).toBe("NOT_FOUND");
    const notMine = await rejection(deleteReviewComment({ actor: user, commentId: theirs.id }));
    expect([notMine.code, notMine.message]).toEqual(["FORBIDDEN", NOT_YOUR_COMMENT]);
    expect(await deleteReviewComment({ actor: user, commentId: mine.id })).toEqual({ id: mine.id });
    expect(await db.reviewComment.findMany({ where: { sessionId }, select: { id: true } })).toEqual([{ id: theirs.id }]);
    // Added, then deleted: two audited changes, neither carrying the text.
    const audited = await db.event.findMany({ where: { sessionId, eventType: "candidate.reviewed" }, orderBy: { seq: "asc" } });
    expect(audited.map((e) => (e.data as { changes: string[] }).changes)).toEqual([["comment"], ["comment"]]);
    expect(JSON.stringify(audited.map((e) => e.data))).not.toContain("indexes");

    // Erasure deletes the session's comments with it (and the row cascade does on a delete).
    await db.candidateSession.delete({ where: { id: sessionId } });
    expect(await db.reviewComment.count({ where: { sessionId } })).toBe(0);
  });
});

describe("blind review", () => {
  it("leaves name, email and posters out of the dashboard's data until this session is rated; the API keeps them", async () => {
    const { user, interview, ids, emails, video } = await sessions(3, ["Ada Lovelace", "Alan Turing", "Grace Hopper"]);
    await updateInterview({ actor: user, interviewId: interview.id, input: { blindReview: true } });
    // A processed recording with a poster for the second candidate.
    const db = await getDb();
    const media = await db.mediaFile.create({
      data: { userId: user.id, kind: "response", status: "ready", bucket: "responses", path: `sessions/${ids[1]}/a.webm`, processedPath: `sessions/${ids[1]}/a.mp4`, thumbnailPath: `sessions/${ids[1]}/a.jpg`, fileName: "a.webm", mimeType: "video/webm", originalSize: 10n },
    });
    await db.response.create({ data: { sessionId: ids[1]!, questionId: video.id, status: "ready", mediaFileId: media.id, submittedAt: new Date() } });

    const hidden = await getSessionReview({ actor: user, sessionId: ids[1]! });
    expect(hidden).toMatchObject({ candidateName: "", candidateEmail: "", blind: { number: expect.any(Number) }, interview: { blindReview: true } });
    expect(hidden.questions[0]!.answer?.media?.thumbnailUrl).toBeNull();
    expect(hidden.questions[0]!.answer?.media?.playbackUrl).toEqual(expect.any(String));
    expect(JSON.stringify(hidden)).not.toMatch(/Alan|Turing|a\.jpg/);
    expect(JSON.stringify(hidden)).not.toContain(emails[1]!);

    // Numbered in the order candidates were added, the same on the review page and in the table.
    let table = await listCandidatesForDashboard({ actor: user, interviewId: interview.id, input: { sort: "created", order: "asc" } });
    expect(table.data.map((r) => [r.name, r.email, r.link, r.blind])).toEqual([
      ["", "", "", { number: 1 }],
      ["", "", "", { number: 2 }],
      ["", "", "", { number: 3 }],
    ]);
    const numberOf = table.data.find((r) => r.sessionId === ids[1])!.blind!.number;
    expect(hidden.blind!.number).toBe(numberOf);
    // Not found by the name nobody sees.
    expect((await listCandidatesForDashboard({ actor: user, interviewId: interview.id, input: { q: "alan" } })).data).toEqual([]);
    // Integrations still get who it is.
    const api = await listCandidates({ actor: user, interviewId: interview.id, input: { sort: "created", order: "asc" } });
    expect(api.data.map((r) => r.name).sort()).toEqual(["Ada Lovelace", "Alan Turing", "Grace Hopper"]);

    // Rated: this one is shown, the others stay hidden.
    await updateSessionReview({ actor: user, sessionId: ids[1]!, input: { rating: 4 } });
    const shown = await getSessionReview({ actor: user, sessionId: ids[1]! });
    expect(shown).toMatchObject({ candidateName: "Alan Turing", candidateEmail: emails[1], blind: null });
    expect(shown.questions[0]!.answer?.media?.thumbnailUrl).toEqual(expect.stringContaining("a.jpg"));
    table = await listCandidatesForDashboard({ actor: user, interviewId: interview.id, input: { sort: "created", order: "asc" } });
    expect(table.data.map((r) => [r.sessionId === ids[1], r.name, r.blind?.number ?? null])).toEqual(
      [1, 2, 3].map((n) => (n === numberOf ? [true, "Alan Turing", null] : [false, "", n])),
    );
    expect((await listCandidatesForDashboard({ actor: user, interviewId: interview.id, input: { q: "alan" } })).data.map((r) => r.name)).toEqual(["Alan Turing"]);

    // Blind review off: everyone is shown again.
    await updateInterview({ actor: user, interviewId: interview.id, input: { blindReview: false } });
    expect((await getSessionReview({ actor: user, sessionId: ids[0]! })).candidateName).toBe("Ada Lovelace");
  });
});

describe("the candidates list by HR's judgement", () => {
  it("sorts by decision then rating (the AI score only breaks ties), by rating, filters by decision, and pages with a keyset cursor", async () => {
    const { user, interview, ids } = await sessions(6, ["A", "B", "C", "D", "E", "F"]);
    const db = await getDb();
    // The AI's scores disagree with HR on purpose.
    const scores = [9.5, 2, 8, 7, 10, 1];
    for (const [i, overallScore] of scores.entries()) await db.candidateSession.update({ where: { id: ids[i]! }, data: { overallScore } });
    const judgements: [number, object][] = [
      [0, { rating: 2, decision: "hold" }],
      [1, { rating: 5, decision: "advance" }],
      [2, { rating: 3, decision: "advance" }],
      [3, { rating: 5 }],
      [4, { rating: 1, decision: "reject" }],
    ];
    for (const [i, input] of judgements) await updateSessionReview({ actor: user, sessionId: ids[i]!, input });

    const names = async (input: object) => {
      const out: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listCandidates({ actor: user, interviewId: interview.id, input: { ...input, limit: 2, ...(cursor ? { cursor } : {}) } });
        out.push(...page.data.map((r) => r.name));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return out;
    };
    // advance (5, 3), hold, undecided (rated 5, then the unrated F), reject.
    expect(await names({ sort: "decision", order: "desc" })).toEqual(["B", "C", "A", "D", "F", "E"]);
    expect(await names({ sort: "decision", order: "asc" })).toEqual(["E", "F", "D", "A", "C", "B"]);
    // Ties of rating 5: the AI score orders them (D 7 above B 2).
    expect(await names({ sort: "rating", order: "desc" })).toEqual(["D", "B", "C", "A", "E", "F"]);
    expect(await names({ sort: "decision", decision: "advance" })).toEqual(["B", "C"]);
    expect(await names({ decision: "none", sort: "name", order: "asc" })).toEqual(["D", "F"]);

    const page = await listCandidates({ actor: user, interviewId: interview.id, input: { sort: "decision", limit: 1 } });
    expect(page.data[0]).toMatchObject({ name: "B", rating: 5, decision: "advance" });
    expect((await rejection(listCandidates({ actor: user, interviewId: interview.id, input: { decision: "maybe" } }))).fieldErrors).toHaveProperty("decision");
    // A cursor of another sort, or a forged key, is refused.
    expect((await rejection(listCandidates({ actor: user, interviewId: interview.id, input: { sort: "rating", cursor: page.nextCursor } }))).code).toBe("BAD_REQUEST");
    const forged = Buffer.from(JSON.stringify({ s: "decision", o: "desc", k: "[1,\"x\",3]", i: ids[0] })).toString("base64url");
    expect((await rejection(listCandidates({ actor: user, interviewId: interview.id, input: { sort: "decision", cursor: forged } }))).code).toBe("BAD_REQUEST");
  });
});

// The review page's data for a candidate with a written answer.
describe("getReviewJudgement", () => {
  it("answers the review, ratings and comments of a session with answers", async () => {
    const { user, ids, tokens, emails, text } = await sessions();
    const { secret } = await startPersonal(tokens[emails[0]!]!);
    await submitTextAnswer({ token: tokens[emails[0]!]!, secret, questionId: text.id, text: "Because." });
    await updateSessionReview({ actor: user, sessionId: ids[0]!, input: { rating: 5, decision: "hold", note: "Call back." } });
    expect(await getReviewJudgement({ actor: user, sessionId: ids[0]! })).toMatchObject({
      sessionId: ids[0],
      review: { rating: 5, decision: "hold", note: "Call back." },
      erased: false,
      blindReview: false,
      questionRatings: {},
      comments: [],
    });
  });
});
