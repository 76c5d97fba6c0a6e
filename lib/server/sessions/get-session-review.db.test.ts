// The dashboard's view of a candidate's session against the real database: every question of
// the pinned version in order, the submitted written answer, a video question without an answer
// (a take still recording is not one), and the same 404 for another account and a bad id.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { interviewWithInvited, questionsOf, startPersonal } from "@/lib/server/candidates/candidates.fixtures";
import { startTake } from "@/lib/server/candidates/start-take";
import { submitTextAnswer } from "@/lib/server/candidates/submit-text-answer";
import { rejection } from "@/tests/app-error";
import { createAccount, uniqueEmail } from "@/tests/fixtures";
import { getSessionReview } from "./get-session-review";
import { SESSION_NOT_FOUND } from "./session-answers";

describe("getSessionReview", () => {
  it("lists every question with the submitted answer or null, to the owner only", async () => {
    const email = uniqueEmail("review");
    const { user, interview, tokens } = await interviewWithInvited([email]);
    const token = tokens[email]!;
    const { secret, sessionId } = await startPersonal(token);
    const [video, text] = await questionsOf(interview.currentVersionId!);
    await submitTextAnswer({ token, secret, questionId: text!.id, text: "Because of the people." });
    // A take that never finished: not an answer.
    await startTake({ token, secret, questionId: video!.id, mimeType: "video/webm" });

    const review = await getSessionReview({ actor: user, sessionId });
    expect(review).toMatchObject({ id: sessionId, interview: { id: interview.id, title: interview.title }, candidateEmail: email });
    expect(review.questions).toEqual([
      { id: video!.id, position: video!.position, prompt: video!.prompt, type: "video", answer: null },
      { id: text!.id, position: text!.position, prompt: text!.prompt, type: "text", answer: { questionId: text!.id, type: "text", text: "Because of the people.", analysis: expect.objectContaining({ status: "pending", kind: "no-model" }) } },
    ]);
    expect(review.analysis).toEqual({ status: "pending", overallScore: null, summary: null, model: null, promptVersion: null, completedAt: null });
    const db = await getDb();
    expect(await db.response.count({ where: { sessionId, submittedAt: null } })).toBe(1);

    const stranger = await createAccount({ email: uniqueEmail("stranger") });
    for (const [actor, id] of [
      [stranger, sessionId],
      [user, "not-a-uuid"],
      [user, "00000000-0000-4000-8000-000000000000"],
    ] as const) {
      const err = await rejection(getSessionReview({ actor, sessionId: id }));
      expect(err.code).toBe("NOT_FOUND");
      expect(err.message).toBe(SESSION_NOT_FOUND);
    }
  });
});
