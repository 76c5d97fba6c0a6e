// session-status and update-progress on both engines, on events written by the real candidate
// use cases, each delivered twice: a duplicate changes nothing.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { DomainEvent, EventType } from "@/lib/events/catalog";
import { toDomainEvent } from "@/lib/events/stored";
import { CONSENT, interviewWithInvited, questionsOf, startPersonal } from "@/lib/server/candidates/candidates.fixtures";
import { completeSession } from "@/lib/server/candidates/complete-session";
import { startSession } from "@/lib/server/candidates/start-session";
import { submitTextAnswer } from "@/lib/server/candidates/submit-text-answer";
import { engines } from "@/tests/engines";
import { uniqueEmail } from "@/tests/fixtures";
import { sessionStatusFn } from "./session-status";
import { updateProgressFn } from "./update-progress";

async function latest<T extends EventType>(sessionId: string, eventType: T): Promise<DomainEvent<T>> {
  const db = await getDb();
  const row = await db.event.findFirstOrThrow({ where: { partitionKey: sessionId, eventType }, orderBy: { seq: "desc" } });
  return toDomainEvent(row) as DomainEvent<T>;
}

async function interviewCompletedCount(interviewId: string) {
  const db = await getDb();
  return db.event.count({ where: { eventType: "interview.completed", data: { path: ["interviewId"], equals: interviewId } } });
}

describe.each(engines)("candidate consumers on $name", ({ execute }) => {
  it("session-status: candidate.started moves the session to in_progress, once", async () => {
    const email = uniqueEmail("cand");
    const { tokens } = await interviewWithInvited([email]);
    const { sessionId } = await startPersonal(tokens[email]!);
    const event = await latest(sessionId, "candidate.started");
    expect(await execute(sessionStatusFn, event)).toEqual({ changed: true });
    expect(await execute(sessionStatusFn, event)).toEqual({ changed: false });
    const db = await getDb();
    expect((await db.candidateSession.findUniqueOrThrow({ where: { id: sessionId } })).status).toBe("in_progress");
  });

  it("update-progress: answered counts of the session and the candidate row follow the responses", async () => {
    const email = uniqueEmail("cand");
    const { interview, tokens } = await interviewWithInvited([email]);
    const token = tokens[email]!;
    const { sessionId, secret } = await startPersonal(token);
    const [, textQ] = await questionsOf(interview.currentVersionId!);
    await submitTextAnswer({ token, secret, questionId: textQ!.id, text: "An answer" });
    const event = await latest(sessionId, "candidate.response_submitted");
    expect(await execute(updateProgressFn, event)).toEqual({ answeredCount: 1 });
    expect(await execute(updateProgressFn, event)).toEqual({ answeredCount: 1 });
    const db = await getDb();
    expect((await db.candidateSession.findUniqueOrThrow({ where: { id: sessionId } })).answeredCount).toBe(1);
    expect(await db.invitation.findFirstOrThrow({ where: { token } })).toMatchObject({ answeredCount: 1, totalQuestions: 2, status: "in_progress" });
  });

  it("session-status: candidate.completed completes the row, then the interview when it was the last invited candidate", async () => {
    const [a, b] = [uniqueEmail("cand"), uniqueEmail("cand")];
    const { interview, tokens } = await interviewWithInvited([a, b]);
    const db = await getDb();
    await db.question.deleteMany({ where: { versionId: interview.currentVersionId!, type: "video" } });
    const [textQ] = await questionsOf(interview.currentVersionId!);

    // A public-link candidate finishing does not complete an interview whose invitees have not.
    const pub = await startSession({ token: interview.publicToken, input: { name: "Pat", email: uniqueEmail("pub"), consent: CONSENT } });
    await submitTextAnswer({ token: interview.publicToken, secret: pub.secret, questionId: textQ!.id, text: "Public answer" });
    await completeSession({ token: interview.publicToken, secret: pub.secret });
    expect(await execute(sessionStatusFn, await latest(pub.sessionId, "candidate.completed"))).toEqual({ changed: true, interviewCompleted: false });

    const finish = async (email: string) => {
      const token = tokens[email]!;
      const { sessionId, secret } = await startPersonal(token);
      await submitTextAnswer({ token, secret, questionId: textQ!.id, text: `Answer of ${email}` });
      await completeSession({ token, secret });
      return latest(sessionId, "candidate.completed");
    };
    const first = await finish(a);
    expect(await execute(sessionStatusFn, first)).toEqual({ changed: true, interviewCompleted: false });
    expect(await db.invitation.findFirstOrThrow({ where: { token: tokens[a] } })).toMatchObject({ status: "completed", answeredCount: 1 });
    expect((await db.interview.findUniqueOrThrow({ where: { id: interview.id } })).status).toBe("published");

    const last = await finish(b);
    expect(await execute(sessionStatusFn, last)).toEqual({ changed: true, interviewCompleted: true });
    expect(await execute(sessionStatusFn, last)).toEqual({ changed: false, interviewCompleted: false });
    expect((await db.interview.findUniqueOrThrow({ where: { id: interview.id } })).status).toBe("completed");
    expect(await interviewCompletedCount(interview.id)).toBe(1);
  });
});
