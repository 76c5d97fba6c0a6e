// generate-report and refresh-report on both engines: the stored report follows
// interview.completed, a session's analysis.completed (not an answer's), candidate.reviewed and
// candidate.erased; a repeated delivery leaves the same figures.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateReportFn } from "./generate-report";
import { refreshReportFn } from "./refresh-report";
import { getDb } from "@/lib/db/client";
import type { DomainEvent } from "@/lib/events/catalog";
import { publish } from "@/lib/events/publish";
import type { ReportView } from "@/lib/schemas/report";
import { engines } from "@/tests/engines";
import { reportInterview } from "@/lib/server/reports/reports.fixtures";

const stored = async (interviewId: string) => {
  const row = await (await getDb()).report.findUnique({ where: { interviewId } });
  return row ? (row.content as ReportView) : null;
};

describe.each(engines)("report consumers on $name", ({ execute }) => {
  it("interview.completed generates the report; reviews, a session's analysis and an erasure refresh it", async () => {
    const { user, interview, sessions } = await reportInterview();
    const db = await getDb();
    expect(await stored(interview.id)).toBeNull();

    const completed = (await publish(db, {
      eventType: "interview.completed",
      userId: user.id,
      data: { interviewId: interview.id, completedCandidates: 4, completedAt: new Date().toISOString() },
    })) as DomainEvent;
    expect(await execute(generateReportFn, completed)).toEqual({ refreshed: true, interviewId: interview.id, candidates: 6 });
    const first = await stored(interview.id);
    expect(first?.funnel).toEqual({ invited: 8, opened: 7, started: 6, completed: 4 });
    expect(first?.candidates[0]?.sessionId).toBe(sessions.A);

    // HR advances C (rated 5): first in the ranking after the refresh, twice the same.
    await db.candidateSession.update({ where: { id: sessions.C! }, data: { decision: "advance", rating: 5 } });
    const reviewed = (await publish(db, {
      eventType: "candidate.reviewed",
      sessionId: sessions.C!,
      data: { interviewId: interview.id, reviewerId: user.id, rating: 5, decision: "advance", changes: ["rating", "decision"], reviewedAt: new Date().toISOString() },
    })) as DomainEvent;
    await execute(refreshReportFn, reviewed);
    await execute(refreshReportFn, reviewed);
    expect((await stored(interview.id))?.candidates.slice(0, 2).map((c) => [c.sessionId, c.decision])).toEqual([
      [sessions.C, "advance"],
      [sessions.A, "advance"],
    ]);

    // An answer's analysis changes nothing; the session's (with its overall score) refreshes.
    await db.candidateSession.update({ where: { id: sessions.E! }, data: { overallScore: 2.4 } });
    const analysis = (overall: Record<string, unknown>) =>
      publish(db, {
        eventType: "analysis.completed",
        userId: user.id,
        data: { analysisId: randomUUID(), sessionId: sessions.E!, transcription: "", sentiment: null, skills: [], overallScore: 2.4, completedAt: new Date().toISOString(), ...overall },
      }) as Promise<DomainEvent>;
    expect(await execute(refreshReportFn, await analysis({ responseId: randomUUID() }))).toEqual({ refreshed: false, reason: "an answer's analysis" });
    expect((await stored(interview.id))?.scoreDistribution[2]?.count).toBe(0);
    expect(await execute(refreshReportFn, await analysis({}))).toMatchObject({ refreshed: true });
    const afterAnalysis = await stored(interview.id);
    expect(afterAnalysis?.scoreDistribution[2]?.count).toBe(1);
    expect(afterAnalysis?.averageScore).toBe(6.65); // (8.5 + 6 + 9.7 + 2.4) / 4

    // Erased: still in the funnel, no name.
    await db.candidateSession.update({ where: { id: sessions.B! }, data: { erasedAt: new Date() } });
    const erased = (await publish(db, {
      eventType: "candidate.erased",
      sessionId: sessions.B!,
      data: { interviewId: interview.id, reason: "request", erasedBy: user.id, filesDeleted: 0, erasedAt: new Date().toISOString() },
    })) as DomainEvent;
    await execute(refreshReportFn, erased);
    const afterErasure = await stored(interview.id);
    expect(afterErasure?.funnel).toEqual({ invited: 8, opened: 7, started: 6, completed: 4 });
    expect(afterErasure?.candidates.find((c) => c.sessionId === sessions.B)).toMatchObject({ name: null, erased: true });
  });

  it("an event about a deleted interview refreshes nothing", async () => {
    const { user, interview } = await reportInterview();
    const db = await getDb();
    await db.interview.update({ where: { id: interview.id }, data: { deletedAt: new Date() } });
    const completed = (await publish(db, {
      eventType: "interview.completed",
      userId: user.id,
      data: { interviewId: interview.id, completedCandidates: 0, completedAt: new Date().toISOString() },
    })) as DomainEvent;
    expect(await execute(generateReportFn, completed)).toEqual({ refreshed: false, reason: "interview deleted" });
    expect(await stored(interview.id)).toBeNull();
  });
});
