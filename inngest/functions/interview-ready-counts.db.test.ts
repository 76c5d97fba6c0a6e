// interview-ready-counts on both engines, with real ffmpeg: a completed session becomes "ready
// for review" when the last of its recordings is processed (or fails), whichever of completion
// and processing comes last, once under repeated deliveries; the interview's counts and HR's
// candidate rows follow.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { DomainEvent } from "@/lib/events/catalog";
import { publish } from "@/lib/events/publish";
import { toDomainEvent } from "@/lib/events/stored";
import { questionsOf } from "@/lib/server/candidates/candidates.fixtures";
import { listCandidates } from "@/lib/server/invitations/list-candidates";
import { getInterview } from "@/lib/server/interviews/get-interview";
import { submittedAnswer, webm } from "@/lib/server/media/media.fixtures";
import { engines } from "@/tests/engines";
import { interviewReadyCountsFn } from "./interview-ready-counts";
import { processMediaFn } from "./process-media";

const dir = mkdtempSync(join(tmpdir(), "ready-counts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The text question answered and the session completed, as completeSession leaves it: candidate.completed. */
async function complete(sessionId: string): Promise<DomainEvent<"candidate.completed">> {
  const db = await getDb();
  const session = await db.candidateSession.findUniqueOrThrow({ where: { id: sessionId } });
  const [, textQ] = await questionsOf(session.versionId!);
  return db.$transaction(async (tx) => {
    await tx.response.create({ data: { sessionId, questionId: textQ!.id, status: "ready", textAnswer: "Because.", submittedAt: new Date() } });
    const completedAt = new Date();
    await tx.candidateSession.update({ where: { id: sessionId }, data: { status: "completed", completedAt, answeredCount: 2 } });
    const stored = await publish(tx, {
      eventType: "candidate.completed",
      sessionId,
      data: { interviewId: session.interviewId, candidateEmail: session.candidateEmail, completedAt: completedAt.toISOString(), totalDuration: 2, responsesCount: 2 },
    });
    return stored as DomainEvent<"candidate.completed">;
  });
}

async function processedEvent(fileId: string): Promise<DomainEvent<"media.processed">> {
  const db = await getDb();
  const row = await db.event.findFirstOrThrow({ where: { eventType: "media.processed", data: { path: ["fileId"], equals: fileId } } });
  return toDomainEvent(row) as DomainEvent<"media.processed">;
}

async function state(user: { id: string }, interviewId: string) {
  const [interview, page] = await Promise.all([getInterview({ actor: user, interviewId }), listCandidates({ actor: user, interviewId })]);
  const row = page.data.find((r) => r.sessionId)!;
  return { counts: interview.counts, row };
}

describe.each(engines)("interview-ready-counts on $name", ({ execute }) => {
  it("marks the session ready when its last recording is processed after completion, once", { timeout: 120_000 }, async () => {
    const { user, event, mediaId } = await submittedAnswer(webm(dir));
    const interviewId = (await (await getDb()).candidateSession.findUniqueOrThrow({ where: { id: event.sessionId } })).interviewId;
    const completed = await complete(event.sessionId);

    // Completed, the recording not processed yet: not ready; HR sees it processing.
    expect(await execute(interviewReadyCountsFn, completed)).toEqual({ changed: false });
    let now = await state(user, interviewId);
    expect(now.counts).toMatchObject({ awaitingReview: 1, readyForReview: 0, processing: 1 });
    expect(now.row).toMatchObject({ answersProcessing: 1, answersFailed: 0, readyAt: null });

    await execute(processMediaFn, event);
    const processed = await processedEvent(mediaId);
    expect(await execute(interviewReadyCountsFn, processed)).toEqual({ changed: true, sessionId: event.sessionId });
    // Repeats of either event change nothing.
    expect(await execute(interviewReadyCountsFn, processed)).toEqual({ changed: false, sessionId: event.sessionId });
    expect(await execute(interviewReadyCountsFn, completed)).toEqual({ changed: false });

    now = await state(user, interviewId);
    expect(now.counts).toMatchObject({ awaitingReview: 1, readyForReview: 1, processing: 0 });
    expect(now.row.answersProcessing).toBe(0);
    expect(now.row.readyAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const readyAt = (await (await getDb()).candidateSession.findUniqueOrThrow({ where: { id: event.sessionId } })).readyAt;
    expect(readyAt?.toISOString()).toBe(now.row.readyAt);

    // Rated by HR: no longer waiting for review.
    await (await getDb()).candidateSession.update({ where: { id: event.sessionId }, data: { rating: 4 } });
    expect((await state(user, interviewId)).counts).toMatchObject({ awaitingReview: 0, readyForReview: 0, processing: 0 });
  });

  it("marks it on completion when the recording was processed first", { timeout: 120_000 }, async () => {
    const { event, mediaId } = await submittedAnswer(webm(dir));
    await execute(processMediaFn, event);
    // Processed before the candidate finished: the session is not completed, so not ready.
    expect(await execute(interviewReadyCountsFn, await processedEvent(mediaId))).toEqual({ changed: false, sessionId: event.sessionId });
    const completed = await complete(event.sessionId);
    expect(await execute(interviewReadyCountsFn, completed)).toEqual({ changed: true });
    expect(await execute(interviewReadyCountsFn, completed)).toEqual({ changed: false });
  });

  it("counts a recording that failed for good as settled (process-media checks after recording the failure)", { timeout: 60_000 }, async () => {
    const { user, event } = await submittedAnswer(randomBytes(16 * 1024));
    const interviewId = (await (await getDb()).candidateSession.findUniqueOrThrow({ where: { id: event.sessionId } })).interviewId;
    const completed = await complete(event.sessionId);
    expect(await execute(interviewReadyCountsFn, completed)).toEqual({ changed: false });
    const result = (await execute(processMediaFn, event)) as { failed?: string };
    expect(result.failed).toMatch(/could not be read/);
    const now = await state(user, interviewId);
    expect(now.row).toMatchObject({ answersProcessing: 0, answersFailed: 1 });
    expect(now.row.readyAt).not.toBeNull();
    expect(now.counts).toMatchObject({ readyForReview: 1, processing: 0 });
  });
});
