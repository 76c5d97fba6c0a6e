// GET /api/sessions/{id}/answers/{questionId}/captions: an answer's transcript as WebVTT for the
// session's owner. Another account, unknown or malformed ids, an unanswered question and an
// answer without a timed transcript are 404; signed out is 401; GET only.
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { User } from "@/lib/generated/prisma/client";
import { CAPTIONS_NOT_FOUND } from "@/lib/server/captions/get-answer-captions";
import { ANALYSIS_TYPE, upsertAnalysis, type StoredTranscript } from "@/lib/server/analysis/stored";
import { questionsOf } from "@/lib/server/candidates/candidates.fixtures";
import { submittedAnswer } from "@/lib/server/media/media.fixtures";
import { createAccount, uniqueEmail } from "@/tests/fixtures";

let current: User | null = null;
vi.mock("@/lib/auth/current-user", () => ({
  requireApiUser: async () => {
    if (!current) throw new AppError("UNAUTHORIZED", "Sign in to continue.");
    return current;
  },
  getCurrentUser: async () => current,
}));
const routeModule = await import("./route");

const get = (id: string, questionId: string) =>
  routeModule.GET(new NextRequest(`http://localhost/api/sessions/${id}/answers/${questionId}/captions`), { params: Promise.resolve({ id, questionId }) });

const TRANSCRIPT: StoredTranscript = {
  text: "I led the <migration>. We cut --> costs.",
  language: "english",
  durationSec: 9.5,
  segments: [
    { start: 0, end: 4.79, text: " I led the <migration>." },
    { start: 4.79, end: 9.5, text: " We cut --> costs." },
  ],
};

let owner: User;
let sessionId: string;
let questionId: string;
let otherQuestionId: string;
let responseId: string;

beforeAll(async () => {
  const answer = await submittedAnswer(Buffer.from("not really a video"));
  owner = answer.user;
  responseId = answer.responseId;
  const db = await getDb();
  const response = await db.response.findUniqueOrThrow({ where: { id: responseId }, include: { session: true } });
  sessionId = response.sessionId;
  questionId = response.questionId;
  const questions = await questionsOf(response.session.versionId!);
  otherQuestionId = questions.find((q) => q.id !== questionId)!.id;
});

async function transcribe(result: StoredTranscript | null, status: "completed" | "running" = "completed") {
  const db = await getDb();
  await upsertAnalysis(db, { sessionId, userId: owner.id, responseId, analysisType: ANALYSIS_TYPE.transcription }, { status, kind: "model", result: result ?? undefined, completedAt: status === "completed" ? new Date() : null });
}

describe("GET /api/sessions/{id}/answers/{questionId}/captions", () => {
  it("is a 404 while the answer has no transcript, then serves its cues as escaped WebVTT", async () => {
    current = owner;
    await transcribe(null, "running");
    const before = await get(sessionId, questionId);
    expect(before.status).toBe(404);
    expect((await before.json()).error.message).toBe(CAPTIONS_NOT_FOUND);

    await transcribe(TRANSCRIPT);
    const res = await get(sessionId, questionId);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/vtt; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(await res.text()).toBe(
      "WEBVTT\n\n1\n00:00:00.000 --> 00:00:04.790\nI led the &lt;migration&gt;.\n\n2\n00:00:04.790 --> 00:00:09.500\nWe cut --&gt; costs.\n",
    );
  });

  it("a transcript without times has no captions", async () => {
    current = owner;
    await transcribe({ ...TRANSCRIPT, segments: [] });
    expect((await get(sessionId, questionId)).status).toBe(404);
    await transcribe(TRANSCRIPT);
  });

  it("is the same 404 for another account, an unanswered or unknown question and malformed ids; 401 signed out", async () => {
    current = await createAccount({ email: uniqueEmail("stranger") });
    const stranger = await get(sessionId, questionId);
    expect(stranger.status).toBe(404);
    expect((await stranger.json()).error.message).toBe(CAPTIONS_NOT_FOUND);

    current = owner;
    for (const [id, q] of [
      [sessionId, otherQuestionId],
      [sessionId, randomUUID()],
      [randomUUID(), questionId],
      ["not-a-uuid", questionId],
      [sessionId, "1 OR 1=1"],
    ] as const) {
      const res = await get(id, q);
      expect(res.status, `${id} ${q}`).toBe(404);
      expect((await res.json()).error.message).toBe(CAPTIONS_NOT_FOUND);
    }
    current = null;
    expect((await get(sessionId, questionId)).status).toBe(401);
  });

  it("serves GET only", () => {
    expect(Object.keys(routeModule).filter((k) => /^[A-Z]+$/.test(k))).toEqual(["GET"]);
  });
});
