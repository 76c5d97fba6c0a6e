import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createAccount } from "@/tests/fixtures";
import { addCandidate, addSession, draftInterview, expectNotFoundForOthers, inDays, publishedInterview } from "@/tests/interviews";
import { getInterview } from "./get-interview";

describe("getInterview", () => {
  it("a draft: the view, version 1 unpublished, no candidates", async () => {
    const user = await createAccount();
    const draft = await draftInterview(user);
    const detail = await getInterview({ actor: user, interviewId: draft.id });
    expect(detail).toEqual({
      ...draft,
      versions: [{ number: 1, publishedAt: null, questionsCount: 2, sessionsCount: 0 }],
      counts: { invited: 0, opened: 0, inProgress: 0, completed: 0, expired: 0, revoked: 0, awaitingReview: 0, readyForReview: 0, processing: 0, total: 0 },
    });
  });

  it("counts candidates by state; awaiting review = completed sessions without a rating, ready or still processing", async () => {
    const user = await createAccount();
    const interview = await publishedInterview(user, { deadline: inDays(3) });
    await addCandidate(interview.id, { status: "invited" });
    await addCandidate(interview.id, { status: "invited" });
    await addCandidate(interview.id, { status: "opened" });
    await addCandidate(interview.id, { status: "in_progress", source: "public" });
    const done1 = await addCandidate(interview.id, { status: "completed" });
    const done2 = await addCandidate(interview.id, { status: "completed" });
    const done3 = await addCandidate(interview.id, { status: "completed" });
    await addCandidate(interview.id, { status: "revoked" });
    await addSession(interview.id, { invitationId: done1.id, status: "completed", readyAt: new Date() });
    await addSession(interview.id, { invitationId: done2.id, status: "completed", rating: 4 });
    await addSession(interview.id, { invitationId: done3.id, status: "completed" }); // recordings still processing
    await addSession(interview.id, { status: "in_progress" });

    const detail = await getInterview({ actor: user, interviewId: interview.id });
    expect(detail.counts).toEqual({ invited: 2, opened: 1, inProgress: 1, completed: 3, expired: 0, revoked: 1, awaitingReview: 2, readyForReview: 1, processing: 1, total: 8 });

    // After the deadline, whoever has not finished is expired.
    const db = await getDb();
    await db.interview.update({ where: { id: interview.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await getInterview({ actor: user, interviewId: interview.id })).counts).toEqual({
      invited: 0,
      opened: 0,
      inProgress: 0,
      completed: 3,
      expired: 4,
      revoked: 1,
      awaitingReview: 2,
      readyForReview: 1,
      processing: 1,
      total: 8,
    });
  });

  it("is a 404 for another account's, a deleted, an unknown or a malformed interview", async () => {
    await expectNotFoundForOthers((actor, interviewId) => getInterview({ actor, interviewId }));
  });
});
