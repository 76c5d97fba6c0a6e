// The AI analysis on both engines, with real ffmpeg and the real `openai` SDK against the local
// OpenAI-compatible server (tests/openai-server.ts): a recorded answer is transcribed and scored
// with evidence located in the transcript (a made-up quote dropped); a completed session gets
// its overall score computed in code and the model's summary; repeated deliveries call the
// provider no more; without a provider recordings are skipped with the reason and written
// answers get the no-model analysis; AI switched off skips everything; a provider that refuses
// the key fails the answer with a readable reason and the session is still summarised.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getStorage } from "@/lib/adapters/storage";
import { getDb, getDbHandle } from "@/lib/db/client";
import { describeFunction } from "@/lib/engine/functions";
import { EventRunner } from "@/lib/engine/runner";
import { env } from "@/lib/env";
import type { DomainEvent } from "@/lib/events/catalog";
import { publish } from "@/lib/events/publish";
import { toDomainEvent } from "@/lib/events/stored";
import { PROMPT_VERSION } from "@/lib/server/analysis/prompts";
import { requestAnalysis } from "@/lib/server/analysis/request-analysis";
import type { StoredScoring, StoredTranscript } from "@/lib/server/analysis/stored";
import { questionsOf } from "@/lib/server/candidates/candidates.fixtures";
import { hrWithInterview } from "@/lib/server/invitations/invitations.fixtures";
import { submittedAnswer, webm } from "@/lib/server/media/media.fixtures";
import { embeddedRunner, engines } from "@/tests/engines";
import { waitFor } from "@/tests/wait-for";
import { BASE_SCORE, analystReply } from "@/tests/openai-analyst";
import { CHAT_COMPLETIONS, DEFAULT_TRANSCRIPT, startOpenAiServer, TRANSCRIPTIONS, type OpenAiServer } from "@/tests/openai-server";
import { analyseSessionFn } from "./analyse-session";
import { processMediaFn } from "./process-media";
import { transcribeMediaFn } from "./transcribe-media";

const dir = mkdtempSync(join(tmpdir(), "analysis-"));
let ai: OpenAiServer;
const saved = { key: env.OPENAI_API_KEY, url: env.OPENAI_BASE_URL };

beforeAll(async () => {
  ai = await startOpenAiServer();
});
afterAll(async () => {
  await ai.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  withoutProvider();
  ai.reset();
});

function withProvider() {
  env.OPENAI_API_KEY = ai.apiKey!;
  env.OPENAI_BASE_URL = ai.url;
  ai.setChatReply(analystReply);
}
function withoutProvider() {
  env.OPENAI_API_KEY = saved.key;
  env.OPENAI_BASE_URL = saved.url;
}
const calls = (path: string) => ai.requests.filter((r) => r.path === path).length;

/** A processed recorded answer and its media.uploaded (the function's trigger). */
async function processedAnswer(execute: (fn: never, e: DomainEvent) => Promise<unknown>) {
  const answer = await submittedAnswer(webm(dir));
  await execute(processMediaFn as never, answer.event);
  const uploaded = await publish(await getDb(), {
    eventType: "media.uploaded",
    userId: answer.user.id,
    data: { fileId: answer.mediaId, fileName: "answer.webm", fileSize: 1000, mimeType: "video/webm", bucket: "responses", path: answer.key },
  });
  return { ...answer, uploaded: uploaded as DomainEvent<"media.uploaded"> };
}

/** The text question answered and the session completed: candidate.completed. */
async function complete(sessionId: string, text = "I would talk to the customer first. Then I would fix the excellent root cause."): Promise<DomainEvent<"candidate.completed">> {
  const db = await getDb();
  const session = await db.candidateSession.findUniqueOrThrow({ where: { id: sessionId } });
  const [, textQ] = await questionsOf(session.versionId!);
  return db.$transaction(async (tx) => {
    await tx.response.create({ data: { sessionId, questionId: textQ!.id, status: "ready", textAnswer: text, submittedAt: new Date() } });
    const completedAt = new Date();
    await tx.candidateSession.update({ where: { id: sessionId }, data: { status: "completed", completedAt, answeredCount: 2 } });
    return (await publish(tx, {
      eventType: "candidate.completed",
      sessionId,
      data: { interviewId: session.interviewId, candidateEmail: session.candidateEmail, completedAt: completedAt.toISOString(), totalDuration: 2, responsesCount: 2 },
    })) as DomainEvent<"candidate.completed">;
  });
}

async function rows(sessionId: string) {
  const db = await getDb();
  return db.analysis.findMany({ where: { sessionId }, orderBy: { createdAt: "asc" } });
}
async function completedEvents(sessionId: string) {
  const db = await getDb();
  const stored = await db.event.findMany({ where: { eventType: "analysis.completed", data: { path: ["sessionId"], equals: sessionId } }, orderBy: { seq: "asc" } });
  return stored.map((e) => toDomainEvent(e) as DomainEvent<"analysis.completed">);
}

describe.each(engines)("AI analysis on $name", ({ execute }) => {
  it("transcribes and scores a recording with located evidence, summarises the session, and calls the provider no more on repeats", { timeout: 180_000 }, async () => {
    withProvider();
    const a = await processedAnswer(execute as never);
    const result = (await execute(transcribeMediaFn, a.uploaded)) as { outcome: string; calls: number };
    expect(result).toMatchObject({ outcome: "completed", calls: 2 });
    expect([calls(TRANSCRIPTIONS), calls(CHAT_COMPLETIONS)]).toEqual([1, 1]);

    // The request: the pipeline's speech track (FLAC), Whisper's segment timestamps.
    const t = ai.requests.find((r) => r.path === TRANSCRIPTIONS)!.transcription!;
    expect(t).toMatchObject({ model: "whisper-1", fileName: "speech.flac", responseFormat: "verbose_json", language: "en" });
    expect(t.timestampGranularities).toContain("segment");

    const [transcription, scoring] = [
      (await rows(a.event.sessionId)).find((r) => r.analysisType === "transcription")!,
      (await rows(a.event.sessionId)).find((r) => r.analysisType === "scoring")!,
    ];
    expect(transcription).toMatchObject({ status: "completed", kind: "model", model: "whisper-1", responseId: a.responseId });
    const transcript = transcription.result as unknown as StoredTranscript;
    expect(transcript.text).toBe(DEFAULT_TRANSCRIPT.text);
    expect(transcript.segments.length).toBeGreaterThan(1);
    expect(scoring).toMatchObject({ status: "completed", kind: "model", promptVersion: PROMPT_VERSION.answer, overallScore: BASE_SCORE });
    expect(scoring.inputHash).toMatch(/^[0-9a-f]{64}$/);
    const scored = scoring.result as unknown as StoredScoring;
    const [criterion] = scored.criteria;
    // The real quote kept with the time of the segment it is in; the invented one dropped.
    expect(criterion!.evidence).toEqual([{ quote: "I led the migration of our billing system", start: 0, end: transcript.segments[0]!.end }]);
    expect(criterion!.dropped).toEqual([{ quote: "I have twenty years of experience with Kubernetes", reason: "not_in_transcript" }]);
    expect(scored.skills).toEqual(["Communication", "PostgreSQL"]);

    // analysis.started (transcription, scoring), then the answer's analysis.completed.
    const [answerDone] = await completedEvents(a.event.sessionId);
    expect(answerDone!.data).toMatchObject({ responseId: a.responseId, transcription: DEFAULT_TRANSCRIPT.text, overallScore: BASE_SCORE, sentiment: "positive" });
    const started = await (await getDb()).event.findMany({ where: { eventType: "analysis.started", data: { path: ["responseId"], equals: a.responseId } } });
    expect(started.map((e) => (e.data as { analysisType: string }).analysisType).sort()).toEqual(["scoring", "transcription"]);

    // The same delivery again: nothing new is asked of the provider, nothing is added.
    expect(await execute(transcribeMediaFn, a.uploaded)).toMatchObject({ outcome: "completed", calls: 0 });
    expect([calls(TRANSCRIPTIONS), calls(CHAT_COMPLETIONS)]).toEqual([1, 1]);
    expect((await rows(a.event.sessionId)).length).toBe(2);

    // The session: the written answer scored here (1 call), the summary (1 call).
    const completed = await complete(a.event.sessionId);
    const session = (await execute(analyseSessionFn, completed)) as { overallScore: number; calls: number };
    expect(session).toMatchObject({ calls: 2 });
    // Answers 7 and 9 ("excellent"), every criterion weight 1: (7 + 9) / 2.
    expect(session.overallScore).toBe(8);
    const summary = (await rows(a.event.sessionId)).find((r) => r.analysisType === "summary")!;
    expect(summary).toMatchObject({ status: "completed", promptVersion: PROMPT_VERSION.session, overallScore: 8, responseId: null });
    expect((summary.result as { summary: string }).summary).toMatch(/answered 2 questions/);
    const sessionDone = (await completedEvents(a.event.sessionId)).find((e) => !e.data.responseId)!;
    expect(sessionDone.data).toMatchObject({ analysisId: summary.id, overallScore: 8, sentiment: "positive", transcription: DEFAULT_TRANSCRIPT.text });
    expect(sessionDone.data.skills).toEqual(["Communication", "PostgreSQL"]);

    // Delivered again: no call (same hashes), same result.
    expect(await execute(analyseSessionFn, completed)).toMatchObject({ overallScore: 8, calls: 0 });
    expect([calls(TRANSCRIPTIONS), calls(CHAT_COMPLETIONS)]).toEqual([1, 3]);
  });

  it("without a provider: the recording is skipped with the reason, the written answer gets the no-model analysis", { timeout: 120_000 }, async () => {
    const a = await processedAnswer(execute as never);
    expect(await execute(transcribeMediaFn, a.uploaded)).toMatchObject({ outcome: "skipped", calls: 0 });
    const completed = await complete(a.event.sessionId, "I am happy to lead the team and I love solving problems with customers.");
    expect(await execute(analyseSessionFn, completed)).toMatchObject({ overallScore: null, calls: 0 });
    const all = await rows(a.event.sessionId);
    const video = all.filter((r) => r.responseId === a.responseId);
    expect(video.map((r) => [r.analysisType, r.status, r.error])).toEqual(
      expect.arrayContaining([
        ["transcription", "skipped", expect.stringMatching(/needs an AI provider/)],
        ["scoring", "skipped", expect.stringMatching(/needs an AI provider/)],
      ]),
    );
    const text = all.find((r) => r.analysisType === "scoring" && r.responseId !== a.responseId)!;
    expect(text).toMatchObject({ status: "completed", kind: "no-model", sentiment: "positive", overallScore: null, model: null });
    expect(all.find((r) => r.analysisType === "summary")).toMatchObject({ status: "completed", kind: "no-model", overallScore: null });
    expect(ai.requests).toHaveLength(0);
  });

  it("AI switched off for the interview: every answer and the session skipped, no call", { timeout: 120_000 }, async () => {
    withProvider();
    const a = await processedAnswer(execute as never);
    const db = await getDb();
    const session = await db.candidateSession.findUniqueOrThrow({ where: { id: a.event.sessionId } });
    await db.interview.update({ where: { id: session.interviewId }, data: { aiAnalysis: false } });
    expect(await execute(transcribeMediaFn, a.uploaded)).toMatchObject({ outcome: "skipped" });
    expect(await execute(analyseSessionFn, await complete(a.event.sessionId))).toEqual({ skipped: "AI analysis is off for this interview" });
    const all = await rows(a.event.sessionId);
    expect(all.every((r) => r.status === "skipped" && /switched off/.test(r.error ?? ""))).toBe(true);
    expect(all.map((r) => r.analysisType).sort()).toEqual(["scoring", "scoring", "summary"]);
    expect(ai.requests).toHaveLength(0);
  });

  it("a recording that failed processing is settled with the reason: the session does not wait for it", { timeout: 120_000 }, async () => {
    withProvider();
    const bad = await submittedAnswer(randomBytes(16 * 1024));
    expect(((await execute(processMediaFn, bad.event)) as { failed?: string }).failed).toMatch(/could not be read/);
    // No media.processed will come; the session's analysis settles the answer and goes on at once.
    expect(await execute(analyseSessionFn, await complete(bad.event.sessionId))).toMatchObject({ overallScore: 9, calls: 2 });
    const scoring = (await rows(bad.event.sessionId)).find((r) => r.responseId === bad.responseId && r.analysisType === "scoring");
    expect(scoring).toMatchObject({ status: "skipped", error: expect.stringMatching(/could not be processed/) });
  });

  it("a candidate who was never asked to consent (AI was off when they started) is not analysed after HR switches it on", { timeout: 120_000 }, async () => {
    withProvider();
    const a = await processedAnswer(execute as never);
    const db = await getDb();
    // Started with AI on: the consent was given and kept.
    expect((await db.candidateSession.findUniqueOrThrow({ where: { id: a.event.sessionId } })).aiConsentAt).not.toBeNull();
    await db.candidateSession.update({ where: { id: a.event.sessionId }, data: { aiConsentAt: null } });
    expect(await execute(transcribeMediaFn, a.uploaded)).toMatchObject({ outcome: "skipped", calls: 0 });
    expect(await execute(analyseSessionFn, await complete(a.event.sessionId))).toMatchObject({ overallScore: null, calls: 0 });
    const scorings = (await rows(a.event.sessionId)).filter((r) => r.analysisType === "scoring");
    expect(scorings.map((r) => [r.status, r.error])).toEqual([
      ["skipped", expect.stringMatching(/not asked to consent/)],
      ["skipped", expect.stringMatching(/not asked to consent/)],
    ]);
    expect(ai.requests).toHaveLength(0);
  });

  it("a provider refusing the key fails the answer with a readable reason (no retry), and the session is still summarised", { timeout: 120_000 }, async () => {
    withProvider();
    env.OPENAI_API_KEY = "sk-wrong-key";
    const a = await processedAnswer(execute as never);
    expect(await execute(transcribeMediaFn, a.uploaded)).toMatchObject({ outcome: expect.stringMatching(/^failed|skipped/) });
    const video = (await rows(a.event.sessionId)).filter((r) => r.responseId === a.responseId);
    const transcription = video.find((r) => r.analysisType === "transcription")!;
    expect(transcription.status).toBe("failed");
    expect(transcription.error).toMatch(/Transcription failed: .*401/);
    expect(transcription.error).not.toContain("sk-wrong-key");
    expect(video.find((r) => r.analysisType === "scoring")).toMatchObject({ status: "failed" });
    expect(calls(TRANSCRIPTIONS)).toBe(1);

    // The key fixed, the session goes on: the written answer and the summary are done, the score from what was scored.
    env.OPENAI_API_KEY = ai.apiKey!;
    const result = (await execute(analyseSessionFn, await complete(a.event.sessionId))) as { overallScore: number };
    expect(result.overallScore).toBe(9);
  });
});

describe.each(engines)("HR's re-run on $name", ({ execute }) => {
  it("redoes only what changed: unchanged answers reuse their results, a stale one is sent again", { timeout: 180_000 }, async () => {
    withProvider();
    const a = await processedAnswer(execute as never);
    await execute(transcribeMediaFn, a.uploaded);
    const completed = await complete(a.event.sessionId);
    await execute(analyseSessionFn, completed);
    const before = ai.requests.length;
    const owner = { id: a.user.id };

    // Someone else's session, an unfinished one and a malformed id are refused, nothing published.
    const other = await submittedAnswer(webm(dir));
    await expect(requestAnalysis({ actor: { id: other.user.id }, sessionId: a.event.sessionId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(requestAnalysis({ actor: other.user, sessionId: other.event.sessionId })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/not finished/) });
    await expect(requestAnalysis({ actor: owner, sessionId: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const request = await requestAnalysis({ actor: owner, sessionId: a.event.sessionId });
    expect(request).toMatchObject({ sessionId: a.event.sessionId, status: "queued" });
    // One run at a time.
    await expect(requestAnalysis({ actor: owner, sessionId: a.event.sessionId })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/being analysed/) });
    const db = await getDb();
    const stored = await db.event.findFirstOrThrow({ where: { eventType: "analysis.requested", data: { path: ["sessionId"], equals: a.event.sessionId } } });
    const requested = toDomainEvent(stored) as DomainEvent<"analysis.requested">;
    expect(requested.data).toEqual({ sessionId: a.event.sessionId, requestedBy: owner.id, reason: "rerun" });

    // Nothing changed: no call at all.
    expect(await execute(analyseSessionFn, requested)).toMatchObject({ overallScore: 8, calls: 0 });
    expect(ai.requests.length).toBe(before);

    // The recording's scoring is from an older prompt (another hash): it alone is scored again, then the summary.
    await db.analysis.updateMany({ where: { responseId: a.responseId, analysisType: "scoring" }, data: { inputHash: "from-answer-v0" } });
    ai.setChatReply(analystReply);
    const again = await publish(db, { eventType: "analysis.requested", userId: owner.id, data: { sessionId: a.event.sessionId, requestedBy: owner.id, reason: "rerun" } });
    expect(await execute(analyseSessionFn, again as DomainEvent)).toMatchObject({ overallScore: 8, calls: 1 });
    expect(ai.requests.slice(before).map((r) => r.path)).toEqual([CHAT_COMPLETIONS]);

    // AI switched off: refused with the reason.
    const session = await db.candidateSession.findUniqueOrThrow({ where: { id: a.event.sessionId } });
    await db.interview.update({ where: { id: session.interviewId }, data: { aiAnalysis: false } });
    await expect(requestAnalysis({ actor: owner, sessionId: a.event.sessionId })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/switched off/) });
  });
});

describe("on the embedded runner, with every function", () => {
  const runners: EventRunner[] = [];
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });

  it("a session of many recordings is summarised only once every one is analysed (each answer's event wakes the wait)", { timeout: 180_000 }, async () => {
    withProvider();
    const db = await getDb();
    const handle = await getDbHandle();
    const { user, interview } = await hrWithInterview();
    const version = await db.interviewVersion.findFirstOrThrow({ where: { interviewId: interview.id } });
    const base = await db.question.findFirstOrThrow({ where: { versionId: version.id }, orderBy: { position: "asc" } });
    const speech = execFileSync(process.env.FFMPEG_PATH ?? "ffmpeg", ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-t", "2", "-i", "sine=frequency=300:sample_rate=16000", "-ac", "1", "-f", "flac", "-"]);
    const session = await db.candidateSession.create({
      data: { interviewId: interview.id, versionId: version.id, candidateEmail: "many@example.com", candidateName: "Many", status: "completed", completedAt: new Date(), aiConsentAt: new Date() },
    });
    const ANSWERS = 12;
    const files: { id: string; path: string }[] = [];
    for (let i = 0; i < ANSWERS; i++) {
      const q = await db.question.create({ data: { interviewId: interview.id, versionId: version.id, position: 100 + i, prompt: `${base.prompt} (${i})`, type: "video" } });
      const key = `sessions/${session.id}/many-${i}`;
      await getStorage().put("responses", `${key}.flac`, Readable.from([speech]));
      const file = await db.mediaFile.create({
        data: { userId: user.id, kind: "response", status: "ready", bucket: "responses", path: `${key}.webm`, fileName: "a.webm", mimeType: "video/webm", speechPath: `${key}.flac`, durationSeconds: 2 },
      });
      await db.response.create({ data: { sessionId: session.id, questionId: q.id, status: "ready", mediaFileId: file.id, submittedAt: new Date() } });
      files.push({ id: file.id, path: file.path });
    }
    await handle.query("UPDATE events SET relayed_at = now() WHERE relayed_at IS NULL");
    const completed = await publish(db, {
      eventType: "candidate.completed",
      sessionId: session.id,
      data: { interviewId: interview.id, candidateEmail: "many@example.com", completedAt: new Date().toISOString(), responsesCount: ANSWERS, totalDuration: ANSWERS * 2 },
    });
    for (const f of files) {
      await publish(db, { eventType: "media.uploaded", userId: user.id, data: { fileId: f.id, fileName: "a.webm", fileSize: speech.length, mimeType: "video/webm", bucket: "responses", path: f.path } });
    }
    const runner = new EventRunner({ functions: [describeFunction(analyseSessionFn), describeFunction(transcribeMediaFn)], pollMs: 50, logger: { info() {}, warn() {}, error() {} } });
    runners.push(runner);
    void runner.start();
    await waitFor(
      async () => (await handle.query<{ status: string }>(`SELECT status FROM deliveries WHERE function_id = 'analyse-session' AND event_id = $1`, [completed.eventId]))[0]?.status === "completed",
      { what: "the session's analysis", timeoutMs: 150_000 },
    );
    const all = await rows(session.id);
    const scorings = all.filter((r) => r.analysisType === "scoring");
    expect(scorings.map((r) => [r.status, r.error])).toEqual(Array.from({ length: ANSWERS }, () => ["completed", null]));
    expect(all.find((r) => r.analysisType === "summary")).toMatchObject({ status: "completed", overallScore: BASE_SCORE });
    expect([calls(TRANSCRIPTIONS), calls(CHAT_COMPLETIONS)]).toEqual([ANSWERS, ANSWERS + 1]);
  });

  it("a 429 with Retry-After is retried by the engine after that wait, then the answer is transcribed", { timeout: 120_000 }, async () => {
    withProvider();
    const a = await processedAnswer(embeddedRunner.execute as never);
    const handle = await getDbHandle();
    await handle.query("UPDATE events SET relayed_at = now() WHERE relayed_at IS NULL");
    ai.failNext(TRANSCRIPTIONS, 429, 1, { "retry-after": "2" });
    const uploaded = await publish(await getDb(), {
      eventType: "media.uploaded",
      userId: a.user.id,
      data: { fileId: a.mediaId, fileName: "answer.webm", fileSize: 1000, mimeType: "video/webm", bucket: "responses", path: a.key },
    });
    // Plain failures would be retried after 20 ms: only Retry-After explains a longer pause.
    const runner = new EventRunner({ functions: [describeFunction(transcribeMediaFn)], pollMs: 50, backoffMs: () => 20, logger: { info() {}, warn() {}, error() {} } });
    runners.push(runner);
    void runner.start();
    const delivery = async () =>
      (await handle.query<{ id: string; status: string }>(`SELECT id::text AS id, status FROM deliveries WHERE function_id = 'transcribe-media' AND event_id = $1`, [uploaded.eventId]))[0];
    await waitFor(async () => (await delivery())?.status === "completed", { what: "transcribe-media to complete after the 429", timeoutMs: 90_000 });
    const attempts = await handle.query<{ outcome: string; started_at: Date; finished_at: Date }>(
      `SELECT outcome, started_at, finished_at FROM delivery_attempts WHERE delivery_id = $1 ORDER BY id`,
      [(await delivery())!.id],
    );
    // The first try met the 429; the next started no sooner than the provider asked.
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(attempts[1]!.started_at.getTime() - attempts[0]!.finished_at.getTime()).toBeGreaterThanOrEqual(1900);
    expect(ai.requests.filter((r) => r.path === TRANSCRIPTIONS).map((r) => r.status)).toEqual([429, 200]);
    expect((await rows(a.event.sessionId)).find((r) => r.analysisType === "transcription")).toMatchObject({ status: "completed" });
  });

  it("the session's analysis waits, durably, for a slow transcription, then summarises with it", { timeout: 180_000 }, async () => {
    withProvider();
    ai.setLatency(TRANSCRIPTIONS, 3000);
    const a = await processedAnswer(embeddedRunner.execute as never);
    const handle = await getDbHandle();
    // Only this test's events from here on.
    await handle.query("UPDATE events SET relayed_at = now() WHERE relayed_at IS NULL");
    const completed = await complete(a.event.sessionId);
    const runner = new EventRunner({ functions: [describeFunction(analyseSessionFn), describeFunction(transcribeMediaFn)], pollMs: 50, logger: { info() {}, warn() {}, error() {} } });
    runners.push(runner);
    void runner.start();
    const sessionDelivery = async () =>
      (await handle.query<{ id: string; status: string }>(`SELECT id::text AS id, status FROM deliveries WHERE function_id = 'analyse-session' AND event_id = $1`, [completed.eventId]))[0];
    // The written answer is analysed, then the session waits: the recording's analysis has not begun.
    await waitFor(async () => (await sessionDelivery())?.status === "waiting", { what: "analyse-session to wait for the recording's analysis", timeoutMs: 60_000 });
    expect((await rows(a.event.sessionId)).find((r) => r.analysisType === "summary")).toBeUndefined();
    await publish(await getDb(), {
      eventType: "media.uploaded",
      userId: a.user.id,
      data: { fileId: a.mediaId, fileName: "answer.webm", fileSize: 1000, mimeType: "video/webm", bucket: "responses", path: a.key },
    });
    await waitFor(async () => (await sessionDelivery())?.status === "completed", { what: "analyse-session to complete", timeoutMs: 120_000 });
    const all = await rows(a.event.sessionId);
    const transcription = all.find((r) => r.analysisType === "transcription")!;
    const summary = all.find((r) => r.analysisType === "summary")!;
    expect(transcription.status).toBe("completed");
    expect(summary).toMatchObject({ status: "completed", overallScore: 8 });
    expect(summary.completedAt!.getTime()).toBeGreaterThanOrEqual(transcription.completedAt!.getTime());
    const outcomes = await handle.query<{ outcome: string }>(`SELECT outcome FROM delivery_attempts WHERE delivery_id = $1 ORDER BY id`, [(await sessionDelivery())!.id]);
    expect(outcomes.map((o) => o.outcome)).toContain("suspended");
  });
});
