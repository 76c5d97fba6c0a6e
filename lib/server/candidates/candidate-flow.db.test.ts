// The candidate flow's use cases against the real database: start (personal and public link,
// consents, closed/expired/revoked links, quota, resume on another device, version pinning),
// text answers (limits, wrong question, double submit) and completion (once; the interview
// completes when it was the last invited candidate, through the session-status consumer).
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { DomainEvent } from "@/lib/events/catalog";
import { toDomainEvent } from "@/lib/events/stored";
import { openLink } from "@/lib/server/invitations/open-link";
import { revokeInvitation } from "@/lib/server/invitations/revoke-invitation";
import { closeInterview } from "@/lib/server/interviews/close-interview";
import { updateInterview } from "@/lib/server/interviews/update-interview";
import { lockQuota } from "@/lib/server/quotas/enforce-quota";
import { rejection } from "@/tests/app-error";
import { uniqueEmail } from "@/tests/fixtures";
import { CONSENT, interviewWithInvited, questionsOf, startPersonal } from "./candidates.fixtures";
import { completeSession } from "./complete-session";
import { getCandidateSession } from "./get-candidate-session";
import { SESSION_COMPLETED, SESSION_NOT_FOUND } from "./session-access";
import { startSession, USE_PERSONAL_LINK } from "./start-session";
import { submitTextAnswer } from "./submit-text-answer";
import { updateSessionStatus } from "./update-session-status";

async function eventsOf(sessionId: string) {
  const db = await getDb();
  const rows = await db.event.findMany({ where: { partitionKey: sessionId }, orderBy: { seq: "asc" } });
  return rows.map(toDomainEvent);
}

describe("startSession", () => {
  it("starts from a personal link: the invitation's name and email, the current version pinned, candidate.started", async () => {
    const email = uniqueEmail("cand");
    const { interview, tokens } = await interviewWithInvited([email]);
    const started = await startSession({
      token: tokens[email],
      input: { name: "Someone Else", email: "other@example.com", consent: CONSENT },
      userAgent: "Mozilla/5.0\u0000 test",
      requestId: "req-start-1",
    });
    expect(started.created).toBe(true);
    expect(started.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const db = await getDb();
    const session = await db.candidateSession.findUniqueOrThrow({ where: { id: started.sessionId } });
    expect(session).toMatchObject({ candidateEmail: email, candidateName: email.split("@")[0], versionId: interview.currentVersionId, status: "started", userAgent: "Mozilla/5.0 test" });
    expect(session.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(session.secretHash).not.toContain(started.secret);
    expect(session.consentAt).toBeInstanceOf(Date);
    const invitation = await db.invitation.findFirstOrThrow({ where: { token: tokens[email] } });
    expect(invitation).toMatchObject({ status: "in_progress", totalQuestions: 2, answeredCount: 0 });
    expect(invitation.startedAt).toBeInstanceOf(Date);
    const events = await eventsOf(started.sessionId);
    expect(events.map((e) => e.eventType)).toEqual(["candidate.started"]);
    expect(events[0]!.data).toMatchObject({ interviewId: interview.id, candidateEmail: email, userAgent: "Mozilla/5.0 test" });
    expect(events[0]!.metadata.correlationId).toBe("req-start-1");
  });

  it("refuses without both consents (422) and writes nothing", async () => {
    const email = uniqueEmail("cand");
    const { tokens } = await interviewWithInvited([email]);
    for (const consent of [undefined, { recording: true }, { recording: true, analysis: false }, { recording: "true", analysis: true }]) {
      const err = await rejection(startSession({ token: tokens[email], input: { consent } }));
      expect(err.status).toBe(422);
    }
    const db = await getDb();
    expect(await db.candidateSession.count({ where: { invitation: { token: tokens[email] } } })).toBe(0);
  });

  it("asks for the AI analysis consent only while the interview has AI analysis on, and the link says which", async () => {
    const [a, b] = [uniqueEmail("cand"), uniqueEmail("cand")];
    const { user, interview, tokens } = await interviewWithInvited([a, b]);
    expect((await openLink({ token: tokens[a] })).interview.aiAnalysis).toBe(true);
    const missing = await rejection(startSession({ token: tokens[a], input: { consent: { recording: true } } }));
    expect(missing.status).toBe(422);
    expect(missing.fieldErrors?.["consent.analysis"]?.[0]).toMatch(/analysed by AI/);

    await updateInterview({ actor: user, interviewId: interview.id, input: { aiAnalysis: false } });
    expect((await openLink({ token: tokens[a] })).interview.aiAnalysis).toBe(false);
    expect((await openLink({ token: interview.publicToken! })).interview.aiAnalysis).toBe(false);
    const started = await startSession({ token: tokens[a], input: { consent: { recording: true } } });
    expect(started.created).toBe(true);
    // The public link too; the recording consent is still required.
    const pub = await startSession({ token: interview.publicToken!, input: { name: "Pat", email: uniqueEmail("pub"), consent: { recording: true } } });
    expect(pub.created).toBe(true);
    const noRecording = await rejection(startSession({ token: tokens[b], input: { consent: { recording: false } } }));
    expect(noRecording.status).toBe(422);
    expect((await rejection(startSession({ token: tokens[b], input: { consent: { recording: true, analysis: "yes" } } }))).status).toBe(422);
  });

  it("refuses a closed interview and one past its deadline with 410, a revoked link and junk with 404", async () => {
    const [a, b] = [uniqueEmail("cand"), uniqueEmail("cand")];
    const { user, interview, tokens } = await interviewWithInvited([a, b]);
    const db = await getDb();
    const revoked = await db.invitation.findFirstOrThrow({ where: { token: tokens[b] } });
    await revokeInvitation({ actor: user, invitationId: revoked.id });
    expect((await rejection(startPersonal(tokens[b]!))).status).toBe(404);
    for (const token of ["nope", null, 42, "x".repeat(43)]) {
      expect((await rejection(startSession({ token, input: { consent: CONSENT } }))).status).toBe(404);
    }

    await db.interview.update({ where: { id: interview.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await rejection(startPersonal(tokens[a]!));
    expect(expired.status).toBe(410);
    expect(expired.message).toMatch(/deadline/);

    await db.interview.update({ where: { id: interview.id }, data: { expiresAt: new Date(Date.now() + 3600_000) } });
    await closeInterview({ actor: user, interviewId: interview.id });
    const closed = await rejection(startPersonal(tokens[a]!));
    expect(closed.status).toBe(410);
    expect(closed.message).toMatch(/closed/);
  });

  it("public link: creates a public candidate row once per email (the same email resumes it), within the candidate quota", async () => {
    const { user, interview } = await interviewWithInvited([]);
    const db = await getDb();
    await db.$transaction(async (tx) => {
      await lockQuota(tx, user.id);
      await tx.quota.update({ where: { userId: user.id }, data: { maxCandidatesPerInterview: 1 } });
    });
    const token = interview.publicToken!;
    const email = uniqueEmail("pub");
    const missing = await rejection(startSession({ token, input: { consent: CONSENT } }));
    expect(missing.status).toBe(422);

    const first = await startSession({ token, input: { name: " Ada ", email: email.toUpperCase(), consent: CONSENT } });
    const row = await db.invitation.findFirstOrThrow({ where: { interviewId: interview.id } });
    expect(row).toMatchObject({ source: "public", email, name: "Ada", emailStatus: "none", status: "in_progress", totalQuestions: 2 });
    expect(row.token).not.toBe(token);

    // Another device, the same email: the same session, a new secret; the old one stops working.
    const again = await startSession({ token, input: { name: "Ada L.", email, consent: CONSENT } });
    expect(again).toMatchObject({ sessionId: first.sessionId, created: false });
    expect(again.secret).not.toBe(first.secret);
    expect((await getCandidateSession({ token, secret: again.secret })).sessionId).toBe(first.sessionId);
    expect((await rejection(getCandidateSession({ token, secret: first.secret }))).message).toBe(SESSION_NOT_FOUND);
    expect((await eventsOf(first.sessionId)).filter((e) => e.eventType === "candidate.started")).toHaveLength(1);

    // A second person is over the plan's one candidate.
    const over = await rejection(startSession({ token, input: { name: "Bob", email: uniqueEmail("pub"), consent: CONSENT } }));
    expect(over.code).toBe("QUOTA_EXCEEDED");
    expect(await db.invitation.count({ where: { interviewId: interview.id } })).toBe(1);
  });

  it("public link: two starts with the same email at once make one row and one session; a finished one is 409", async () => {
    const { interview } = await interviewWithInvited([]);
    const db = await getDb();
    await db.question.deleteMany({ where: { versionId: interview.currentVersionId!, type: "video" } });
    const token = interview.publicToken!;
    const email = uniqueEmail("pub");
    const input = { name: "Kim", email, consent: CONSENT };
    const [x, y] = await Promise.all([startSession({ token, input }), startSession({ token, input })]);
    expect(x.sessionId).toBe(y.sessionId);
    expect([x.created, y.created].sort()).toEqual([false, true]);
    expect(await db.invitation.count({ where: { interviewId: interview.id } })).toBe(1);
    expect(await db.candidateSession.count({ where: { interviewId: interview.id } })).toBe(1);

    const latest = x.created ? y : x; // the later start's secret is the one that works
    const [q] = await questionsOf(interview.currentVersionId!);
    await submitTextAnswer({ token, secret: latest.secret, questionId: q!.id, text: "Yes" });
    await completeSession({ token, secret: latest.secret });
    expect(await rejection(startSession({ token, input }))).toMatchObject({ status: 409, message: SESSION_COMPLETED });
  });

  it("public link with the email of a personal invitation is refused (409): use the personal link", async () => {
    const email = uniqueEmail("cand");
    const { interview } = await interviewWithInvited([email]);
    const err = await rejection(startSession({ token: interview.publicToken, input: { name: "X", email, consent: CONSENT } }));
    expect(err).toMatchObject({ status: 409, message: USE_PERSONAL_LINK });
  });

  it("keeps the version it started with after HR edits the questions", async () => {
    const email = uniqueEmail("cand");
    const { user, interview, tokens } = await interviewWithInvited([email]);
    const started = await startPersonal(tokens[email]!);
    await updateInterview({
      actor: user,
      interviewId: interview.id,
      input: { questions: [{ prompt: "A brand new question", type: "text", thinkSeconds: 0, maxCharacters: 100 }] },
    });
    const db = await getDb();
    const after = await db.interview.findUniqueOrThrow({ where: { id: interview.id } });
    expect(after.currentVersionId).not.toBe(interview.currentVersionId);
    const view = await getCandidateSession({ token: tokens[email], secret: started.secret });
    expect(view.questions.map((q) => q.prompt)).toEqual(["Tell us about yourself", "Why this job?"]);
    expect(view).toMatchObject({ nextIndex: 0, answeredCount: 0, status: "started" });
    // How answers are scored is HR's: the candidate's view carries no rubric.
    for (const q of view.questions) expect(q).not.toHaveProperty("rubric");
  });
});

describe("submitTextAnswer and completeSession", () => {
  it("after HR closes the interview, a candidate who started may finish (before the deadline); nobody new may start", async () => {
    const [a, b] = [uniqueEmail("cand"), uniqueEmail("cand")];
    const { user, interview, tokens } = await interviewWithInvited([a, b]);
    const db = await getDb();
    await db.question.deleteMany({ where: { versionId: interview.currentVersionId!, type: "video" } });
    const token = tokens[a]!;
    const first = await startPersonal(token);
    await closeInterview({ actor: user, interviewId: interview.id });
    expect((await rejection(startPersonal(tokens[b]!))).status).toBe(410);
    // Resuming on another device still works, and so do answering and finishing.
    const { secret, sessionId } = await startPersonal(token);
    expect(sessionId).toBe(first.sessionId);
    expect((await getCandidateSession({ token, secret })).acceptsAnswers).toBe(true);
    const [q] = await questionsOf(interview.currentVersionId!);
    await submitTextAnswer({ token, secret, questionId: q!.id, text: "Still in time" });
    const done = await completeSession({ token, secret });
    expect(done.completed).toBe(true);
    const completed = (await eventsOf(sessionId)).find((e) => e.eventType === "candidate.completed")!;
    expect(await updateSessionStatus(completed as DomainEvent<"candidate.completed">)).toEqual({ changed: true, interviewCompleted: true });
    expect((await db.interview.findUniqueOrThrow({ where: { id: interview.id } })).status).toBe("completed");
  });

  it("past the deadline, answers are refused with 410", async () => {
    const email = uniqueEmail("cand");
    const { interview, tokens } = await interviewWithInvited([email]);
    const token = tokens[email]!;
    const { secret } = await startPersonal(token);
    const db = await getDb();
    await db.interview.update({ where: { id: interview.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const [, q] = await questionsOf(interview.currentVersionId!);
    expect((await rejection(submitTextAnswer({ token, secret, questionId: q!.id, text: "Too late" }))).status).toBe(410);
    expect((await getCandidateSession({ token, secret })).acceptsAnswers).toBe(false);
    expect(await db.response.count({ where: { questionId: q!.id } })).toBe(0);
  });

  it("checks the question, the length and the session; one answer per question", async () => {
    const email = uniqueEmail("cand");
    const { interview, tokens } = await interviewWithInvited([email]);
    const token = tokens[email]!;
    const { secret, sessionId } = await startPersonal(token);
    const [video, textQ] = await questionsOf(interview.currentVersionId!);

    expect((await rejection(submitTextAnswer({ token, secret: "x".repeat(43), questionId: textQ!.id, text: "hi" }))).status).toBe(404);
    expect((await rejection(submitTextAnswer({ token, secret, questionId: "not-a-uuid", text: "hi" }))).status).toBe(404);
    expect((await rejection(submitTextAnswer({ token, secret, questionId: crypto.randomUUID(), text: "hi" }))).status).toBe(404);
    expect((await rejection(submitTextAnswer({ token, secret, questionId: video!.id, text: "hi" }))).status).toBe(400);
    const tooLong = await rejection(submitTextAnswer({ token, secret, questionId: textQ!.id, text: "x".repeat(501) }));
    expect(tooLong.status).toBe(422);
    expect(tooLong.fieldErrors?.text).toBeDefined();
    expect((await rejection(submitTextAnswer({ token, secret, questionId: textQ!.id, text: "a\u0000b" }))).status).toBe(422);
    expect((await rejection(submitTextAnswer({ token, secret, questionId: textQ!.id, text: "   " }))).status).toBe(422);

    const { responseId } = await submitTextAnswer({ token, secret, questionId: textQ!.id, text: "Because\nI like it.", requestId: "req-answer" });
    const db = await getDb();
    expect(await db.response.findUniqueOrThrow({ where: { id: responseId } })).toMatchObject({ status: "ready", textAnswer: "Because\nI like it.", sessionId });
    expect((await rejection(submitTextAnswer({ token, secret, questionId: textQ!.id, text: "again" }))).status).toBe(409);
    const submitted = (await eventsOf(sessionId)).filter((e) => e.eventType === "candidate.response_submitted");
    expect(submitted.map((e) => e.data)).toEqual([{ responseId, questionId: textQ!.id, mediaFileId: null, duration: 0 }]);

    const view = await getCandidateSession({ token, secret });
    expect(view.questions.map((q) => q.answered)).toEqual([false, true]);
    expect(view.nextIndex).toBe(0);
    // The video question is still open: completing is refused.
    expect((await rejection(completeSession({ token, secret }))).status).toBe(409);
  });

  it("completes exactly once; the last invited candidate completes the interview; a finished session cannot be re-entered", async () => {
    const email = uniqueEmail("cand");
    const { interview, tokens } = await interviewWithInvited([email], {});
    const db = await getDb();
    // A text-only version so that the flow can finish without the recorder.
    const token = tokens[email]!;
    const version = await db.interviewVersion.findUniqueOrThrow({ where: { id: interview.currentVersionId! }, include: { questions: true } });
    await db.question.deleteMany({ where: { versionId: version.id, type: "video" } });
    const { secret, sessionId } = await startPersonal(token);
    const [textQ] = await questionsOf(interview.currentVersionId!);
    await submitTextAnswer({ token, secret, questionId: textQ!.id, text: "Done." });

    const [first, second] = await Promise.all([completeSession({ token, secret }), completeSession({ token, secret })]);
    expect([first.completed, second.completed].sort()).toEqual([false, true]);
    const completedEvents = (await eventsOf(sessionId)).filter((e) => e.eventType === "candidate.completed");
    expect(completedEvents).toHaveLength(1);
    expect(completedEvents[0]!.data).toMatchObject({ interviewId: interview.id, candidateEmail: email, responsesCount: 1, totalDuration: 0 });
    expect(await db.candidateSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ status: "completed", answeredCount: 1 });

    // The consumer: candidate row completed, then the interview (its only invited candidate).
    const result = await updateSessionStatus(completedEvents[0] as DomainEvent<"candidate.completed">);
    expect(result).toEqual({ changed: true, interviewCompleted: true });
    expect(await db.invitation.findFirstOrThrow({ where: { token } })).toMatchObject({ status: "completed", answeredCount: 1 });
    expect(await db.interview.findUniqueOrThrow({ where: { id: interview.id } })).toMatchObject({ status: "completed" });
    expect(await db.event.count({ where: { eventType: "interview.completed", data: { path: ["interviewId"], equals: interview.id } } })).toBe(1);

    // Re-entering: starting again is 409, answering again too.
    expect(await rejection(startPersonal(token))).toMatchObject({ status: 409, message: SESSION_COMPLETED });
    expect((await rejection(submitTextAnswer({ token, secret, questionId: textQ!.id, text: "more" }))).status).toBe(409);
  });
});
