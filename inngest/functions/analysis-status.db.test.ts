// analysis-status on both engines: the session's analysis status and overall score follow the
// analysis events, the same under repeated deliveries; an answer's completion leaves the session running.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { DomainEvent } from "@/lib/events/catalog";
import { publish } from "@/lib/events/publish";
import { interviewWithInvited, startPersonal } from "@/lib/server/candidates/candidates.fixtures";
import { engines } from "@/tests/engines";
import { uniqueEmail } from "@/tests/fixtures";
import { analysisStatusFn } from "./analysis-status";

async function session() {
  const email = uniqueEmail("cand");
  const { user, tokens } = await interviewWithInvited([email]);
  const { sessionId } = await startPersonal(tokens[email]!);
  return { userId: user.id, sessionId };
}

const read = async (id: string) => (await getDb()).candidateSession.findUniqueOrThrow({ where: { id }, select: { analysisStatus: true, overallScore: true } });

describe.each(engines)("analysis-status on $name", ({ execute }) => {
  it("running on a start, completed with the score on the session's completion, once under repeats", async () => {
    const { userId, sessionId } = await session();
    const db = await getDb();
    const started = (await publish(db, { eventType: "analysis.started", userId, data: { analysisId: randomUUID(), sessionId, responseId: randomUUID(), analysisType: "transcription" } })) as DomainEvent;
    expect(await execute(analysisStatusFn, started)).toEqual({ changed: 1 });
    expect(await execute(analysisStatusFn, started)).toEqual({ changed: 0 });
    expect(await read(sessionId)).toEqual({ analysisStatus: "running", overallScore: null });

    const answerDone = (await publish(db, {
      eventType: "analysis.completed",
      userId,
      data: { analysisId: randomUUID(), sessionId, responseId: randomUUID(), transcription: "t", sentiment: "positive", skills: [], overallScore: 6, completedAt: new Date().toISOString() },
    })) as DomainEvent;
    expect(await execute(analysisStatusFn, answerDone)).toEqual({ changed: 0 });
    expect(await read(sessionId)).toEqual({ analysisStatus: "running", overallScore: null });

    const sessionDone = (await publish(db, {
      eventType: "analysis.completed",
      userId,
      data: { analysisId: randomUUID(), sessionId, transcription: "t", sentiment: "mixed", skills: ["Go"], overallScore: 7.5, completedAt: new Date().toISOString() },
    })) as DomainEvent;
    await execute(analysisStatusFn, sessionDone);
    await execute(analysisStatusFn, sessionDone);
    expect(await read(sessionId)).toEqual({ analysisStatus: "completed", overallScore: 7.5 });
  });
});
