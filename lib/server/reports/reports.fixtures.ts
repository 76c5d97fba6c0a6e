// A small interview whose every report figure is worked out by hand in reports.db.test.ts.
// The candidates' rows are written directly: the report reads rows, and this sets every column
// it reads (timings, scores, decisions) to a known value.
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { addInvitations } from "@/lib/server/invitations/add-invitations";
import { hrWithInterview } from "@/lib/server/invitations/invitations.fixtures";

const T0 = new Date("2026-12-01T09:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

type Criterion = { name: string; score: number | null };
type Answer = { q: 0 | 1; attempt?: number; submitted?: boolean; score?: number | null; criteria?: Criterion[]; status?: "completed" | "skipped" };
type Candidate = {
  key: string;
  name: string;
  invitation?: "invited" | "opened" | "revoked" | null;
  session?: {
    status: "started" | "in_progress" | "completed" | "abandoned";
    seconds?: number;
    overallScore?: number | null;
    rating?: number | null;
    decision?: "advance" | "hold" | "reject" | null;
    erased?: boolean;
    answers: Answer[];
  };
};

export const CANDIDATES: Candidate[] = [
  {
    key: "A",
    name: "=HYPERLINK(\"http://evil\")",
    session: {
      status: "completed",
      seconds: 600,
      overallScore: 8.5,
      rating: 4,
      decision: "advance",
      answers: [
        // An earlier attempt: never counted.
        { q: 0, attempt: 1, score: 2, criteria: [{ name: "Clarity", score: 1 }] },
        { q: 0, attempt: 2, score: 8, criteria: [{ name: "Clarity", score: 8 }, { name: "Depth", score: 8 }] },
        { q: 1, score: 9, criteria: [{ name: "Clarity", score: 9 }] },
      ],
    },
  },
  {
    key: "B",
    name: "Иван Петров, \"senior\"",
    session: {
      status: "completed",
      seconds: 1200,
      overallScore: 6,
      rating: 5,
      decision: "hold",
      answers: [
        { q: 0, score: 6, criteria: [{ name: "Clarity", score: 5 }, { name: "Depth", score: 7 }] },
        { q: 1, score: 7, criteria: [{ name: "Clarity", score: 7 }] },
      ],
    },
  },
  {
    key: "C",
    name: "Carol",
    session: {
      status: "completed",
      seconds: 300,
      overallScore: 9.7,
      rating: null,
      decision: "reject",
      answers: [
        { q: 0, score: 10, criteria: [{ name: "Clarity", score: 10 }, { name: "Depth", score: 10 }, { name: "Examples", score: null }] },
        { q: 1, score: 9.4, criteria: [{ name: "Clarity", score: 9.4 }] },
      ],
    },
  },
  {
    key: "D",
    name: "Dave Erased",
    session: {
      status: "completed",
      seconds: 900,
      overallScore: null,
      rating: 3,
      decision: null,
      erased: true,
      answers: [{ q: 0, status: "skipped", score: null }, { q: 1 }],
    },
  },
  // Answered the first question, recording the second: stopped at Q2.
  { key: "E", name: "Eve", session: { status: "in_progress", answers: [{ q: 0 }, { q: 1, submitted: false }] } },
  { key: "F", name: "Frank", invitation: "opened" },
  { key: "G", name: "Grace", invitation: "invited" },
  { key: "H", name: "Heidi", invitation: "revoked" },
  // A session whose invitation is gone: a candidate of its own, stopped at Q1.
  { key: "O", name: "Orphan", invitation: null, session: { status: "abandoned", answers: [] } },
];

export async function reportInterview(options: Parameters<typeof hrWithInterview>[0] = {}) {
  const { user, interview } = await hrWithInterview(options);
  const db = await getDb();
  const fresh = await db.interview.findUniqueOrThrow({ where: { id: interview.id } });
  const versionId = fresh.currentVersionId!;
  const questions = await db.question.findMany({ where: { versionId }, orderBy: { position: "asc" } });
  const invited = CANDIDATES.filter((c) => c.invitation !== null);
  const email = (c: Candidate) => `${c.key.toLowerCase()}-${interview.id.slice(0, 8)}@example.com`;
  await addInvitations({ actor: user, interviewId: interview.id, input: { candidates: invited.map((c) => ({ email: email(c), name: c.key })) } });

  const sessions: Record<string, string> = {};
  for (const c of CANDIDATES) {
    let invitationId: string | null = null;
    if (c.invitation !== null) {
      const s = c.session;
      const data: Prisma.InvitationUpdateManyMutationInput = {
        name: c.name,
        openedAt: c.invitation === "opened" || s ? at(-60) : null,
        startedAt: s ? at(0) : null,
        completedAt: s?.status === "completed" ? at(s.seconds ?? 0) : null,
        ...(c.invitation === "revoked" ? { status: "revoked", revokedAt: at(0) } : {}),
      };
      const row = await db.invitation.update({ where: { interviewId_email: { interviewId: interview.id, email: email(c) } }, data, select: { id: true } });
      invitationId = row.id;
    }
    const s = c.session;
    if (!s) continue;
    const session = await db.candidateSession.create({
      data: {
        interviewId: interview.id,
        invitationId,
        versionId,
        candidateEmail: email(c),
        candidateName: c.name,
        status: s.status,
        startedAt: at(0),
        completedAt: s.status === "completed" ? at(s.seconds ?? 0) : null,
        overallScore: s.overallScore ?? null,
        rating: s.rating ?? null,
        decision: s.decision ?? null,
        erasedAt: s.erased ? at(5000) : null,
      },
    });
    sessions[c.key] = session.id;
    for (const a of s.answers) {
      const submitted = a.submitted ?? true;
      const response = await db.response.create({
        data: {
          sessionId: session.id,
          questionId: questions[a.q]!.id,
          attempt: a.attempt ?? 1,
          status: submitted ? "ready" : "recording",
          textAnswer: "an answer",
          submittedAt: submitted ? at(100) : null,
        },
      });
      if (a.score === undefined && a.status === undefined) continue;
      await db.analysis.create({
        data: {
          userId: user.id,
          sessionId: session.id,
          responseId: response.id,
          analysisType: "scoring",
          status: a.status ?? "completed",
          kind: "model",
          overallScore: a.score ?? null,
          result: a.status === "skipped" ? undefined : { summary: "s", sentiment: "neutral", skills: [], explanation: null, criteria: (a.criteria ?? []).map((cr) => ({ ...cr, weight: 1, explanation: null, evidence: [], dropped: [] })) },
        },
      });
    }
  }
  return { user, interview: fresh, questions, sessions };
}
