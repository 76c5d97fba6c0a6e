import "server-only";
// A completed session's analysis: which answers it covers, which of them are not settled yet
// (the function waits for their analysis.completed), and the summary: the overall score
// computed in code from the answers' criterion scores (lib/server/analysis/overall-score.ts),
// the model writing only the prose.
import { getAiProvider, type AiProvider } from "@/lib/adapters/ai";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { sessionSummaryOutput, type Sentiment } from "@/lib/schemas/analysis";
import { prepareAnswer, providerFailure, type StepFailure } from "./analyse-answer";
import { overallScore } from "./overall-score";
import { inputHash, PROMPT_VERSION, sessionSummaryPrompt } from "./prompts";
import { ANALYSIS_TYPE, upsertAnalysis, type StoredScoring, type StoredSummary, type StoredTranscript } from "./stored";

export type SessionAnswerRef = { responseId: string; source: "recording" | "text" };

export type SessionTargets =
  | { state: "gone"; reason: string }
  | { state: "ready"; userId: string; interviewId: string; aiAnalysis: boolean; answers: SessionAnswerRef[] };

type Db = Awaited<ReturnType<typeof getDb>>;

/** The session's submitted answers (the last submitted attempt per question of its version), in question order. */
async function submittedAnswers(db: Db, sessionId: string) {
  const responses = await db.response.findMany({
    where: { sessionId, submittedAt: { not: null } },
    select: { id: true, questionId: true, attempt: true, mediaFileId: true, question: { select: { position: true, prompt: true } } },
    orderBy: [{ attempt: "asc" }],
  });
  const byQuestion = new Map<string, (typeof responses)[number]>();
  for (const r of responses) byQuestion.set(r.questionId, r);
  return [...byQuestion.values()].sort((a, b) => a.question.position - b.question.position);
}

export async function loadSessionTargets(sessionId: string): Promise<SessionTargets> {
  const db = await getDb();
  const session = await db.candidateSession.findUnique({
    where: { id: sessionId },
    select: { status: true, interview: { select: { id: true, userId: true, aiAnalysis: true, deletedAt: true } } },
  });
  if (!session || session.interview.deletedAt) return { state: "gone", reason: "the session or its interview was deleted" };
  if (session.status !== "completed") return { state: "gone", reason: `the session is ${session.status}, not completed` };
  const answers = await submittedAnswers(db, sessionId);
  return {
    state: "ready",
    userId: session.interview.userId,
    interviewId: session.interview.id,
    aiAnalysis: session.interview.aiAnalysis,
    answers: answers.map((r) => ({ responseId: r.id, source: r.mediaFileId ? "recording" : "text" })),
  };
}

const SETTLED = ["completed", "skipped", "failed"] as const;

/**
 * The answers whose analysis is not settled yet (no scoring row, or one pending or running).
 * A recording that failed processing or was deleted is settled here, with the reason: no
 * media.processed will come for it, so its own analysis would only end at its time-out.
 */
export async function unsettledAnswers(sessionId: string, responseIds: readonly string[]): Promise<string[]> {
  if (responseIds.length === 0) return [];
  const db = await getDb();
  const settledIds = async () =>
    new Set(
      (
        await db.analysis.findMany({
          where: { sessionId, responseId: { in: [...responseIds] }, analysisType: ANALYSIS_TYPE.scoring, status: { in: [...SETTLED] } },
          select: { responseId: true },
        })
      ).map((r) => r.responseId),
    );
  let done = await settledIds();
  const open = responseIds.filter((id) => !done.has(id));
  const unprocessable = await db.response.findMany({
    where: { id: { in: open }, mediaFile: { OR: [{ status: { in: ["failed", "deleted"] } }, { deletedAt: { not: null } }] } },
    select: { id: true },
  });
  if (unprocessable.length > 0) {
    for (const r of unprocessable) await prepareAnswer(r.id);
    done = await settledIds();
  }
  return responseIds.filter((id) => !done.has(id));
}

/**
 * The wait's deadline passed: what is still unsettled ends failed, with the reason. Only rows
 * still pending or running change (an analysis finishing at this moment keeps its result).
 * Returns the scoring rows' ids by answer.
 */
export async function failUnsettled(sessionId: string, userId: string, responseIds: readonly string[], reason: string): Promise<Record<string, string>> {
  const db = await getDb();
  const ids: Record<string, string> = {};
  for (const responseId of responseIds) {
    // The row made if missing (as pending), then failed only if it is still not settled.
    const id = await upsertAnalysis(db, { sessionId, userId, responseId, analysisType: ANALYSIS_TYPE.scoring }, {});
    await db.analysis.updateMany({ where: { id, status: { in: ["pending", "running"] } }, data: { status: "failed", kind: "model", error: reason, completedAt: new Date() } });
    ids[responseId] = id;
  }
  return ids;
}

export type SummaryOutcome = {
  analysisId: string;
  calls: number;
  /** failed: the model's summary failed; the overall score, computed without it, stands. */
  status: "completed" | "failed";
  failed?: StepFailure["failed"];
  overallScore: number | null;
  sentiment: Sentiment | "mixed" | null;
  skills: string[];
  transcription: string;
  completedAt: string;
};

/** Events carry at most this much transcript; the API has all of it. */
const EVENT_TRANSCRIPT_CHARS = 20_000;

function sessionSentiment(values: readonly (string | null)[]): Sentiment | "mixed" | null {
  const known = [...new Set(values.filter((v): v is Sentiment => v === "positive" || v === "neutral" || v === "negative"))];
  if (known.length === 0) return null;
  return known.length === 1 ? known[0]! : "mixed";
}

function upsertSummary(db: Db, ids: { sessionId: string; userId: string }, data: Prisma.AnalysisUncheckedUpdateInput): Promise<string> {
  return upsertAnalysis(db, { ...ids, responseId: null, analysisType: ANALYSIS_TYPE.summary }, data);
}

/** The summary row's id, created pending (analysis.started names it). */
export async function openSessionSummary(sessionId: string, userId: string): Promise<string> {
  const db = await getDb();
  const existing = await db.analysis.findFirst({ where: { sessionId, responseId: null, analysisType: ANALYSIS_TYPE.summary }, select: { id: true } });
  return existing?.id ?? upsertSummary(db, { sessionId, userId }, { status: "pending" });
}

/** AI switched off for the interview: the session's analysis is skipped, with the reason. */
export async function skipSessionSummary(sessionId: string, userId: string, reason: string): Promise<string> {
  const db = await getDb();
  const id = await upsertSummary(db, { sessionId, userId }, { status: "skipped", error: reason, overallScore: null, result: { summary: null }, completedAt: new Date() });
  // No analysis.completed follows a skipped session: its status is final here.
  await db.candidateSession.update({ where: { id: sessionId }, data: { analysisStatus: "skipped", overallScore: null } });
  return id;
}

/**
 * The overall score from the answers' criterion scores and rubric weights (every question
 * weighs 1), then the model's summary of the answers' analyses. Unchanged input (same answers'
 * results, same model and prompt version) reuses the stored summary without a call.
 */
export async function summariseSession(sessionId: string, opts: { lastTry: boolean; provider?: AiProvider }): Promise<SummaryOutcome> {
  const db = await getDb();
  const session = await db.candidateSession.findUnique({
    where: { id: sessionId },
    select: { interview: { select: { userId: true, title: true, language: true } } },
  });
  if (!session) throw new Error(`session ${sessionId} is gone`);
  const ids = { sessionId, userId: session.interview.userId };
  const answers = await submittedAnswers(db, sessionId);
  const rows = await db.analysis.findMany({
    where: { sessionId, responseId: { in: answers.map((a) => a.id) } },
    select: { responseId: true, analysisType: true, status: true, result: true, sentiment: true, skills: true, error: true },
  });
  const scoringOf = new Map(rows.filter((r) => r.analysisType === ANALYSIS_TYPE.scoring).map((r) => [r.responseId, r]));
  const transcriptOf = new Map(rows.filter((r) => r.analysisType === ANALYSIS_TYPE.transcription && r.status === "completed").map((r) => [r.responseId, r]));

  const perAnswer = answers.map((a) => {
    const row = scoringOf.get(a.id);
    const result = row?.status === "completed" ? (row.result as unknown as StoredScoring | null) : null;
    return {
      question: a.question.prompt,
      status: (row?.status === "completed" ? "completed" : row?.status === "skipped" ? "skipped" : "failed") as "completed" | "skipped" | "failed",
      summary: result?.summary ?? null,
      skills: result?.skills ?? [],
      criteria: (result?.criteria ?? []).map((c) => ({ name: c.name, score: c.score, weight: c.weight })),
      sentiment: row?.sentiment ?? null,
      transcript: (transcriptOf.get(a.id)?.result as unknown as StoredTranscript | undefined)?.text ?? "",
    };
  });
  const overall = overallScore(perAnswer.map((a) => ({ criteria: a.criteria })));
  const skills = [...new Set(perAnswer.flatMap((a) => a.skills))].slice(0, 50);
  const sentiment = sessionSentiment(perAnswer.map((a) => a.sentiment));
  const joined = perAnswer
    .map((a) => a.transcript)
    .filter(Boolean)
    .join("\n\n");
  const transcription = joined.length > EVENT_TRANSCRIPT_CHARS ? `${joined.slice(0, EVENT_TRANSCRIPT_CHARS - 1)}…` : joined;
  const provider = opts.provider ?? getAiProvider();
  const scoredAny = perAnswer.some((a) => a.status === "completed" && a.summary !== null);
  const completedAt = new Date();
  const common = { analysisId: "", calls: 0, overallScore: overall, sentiment, skills, transcription, completedAt: completedAt.toISOString() };

  // Nothing for a model to summarise (no provider, or no answer was analysed by one): the
  // score (if any) stands alone.
  if (provider.kind === "none" || !scoredAny) {
    const analysisId = await upsertSummary(db, ids, {
      status: "completed",
      kind: provider.kind === "none" ? "no-model" : "model",
      model: null,
      promptVersion: null,
      inputHash: null,
      result: { summary: null } satisfies StoredSummary,
      overallScore: overall,
      sentiment,
      skills,
      error: null,
      completedAt,
    });
    return { ...common, analysisId, status: "completed" };
  }

  const prompt = sessionSummaryPrompt({
    language: session.interview.language,
    interviewTitle: session.interview.title,
    answers: perAnswer.map(({ question, status, summary, skills: s, criteria }) => ({ question, status, summary, skills: s, criteria })),
    overallScore: overall,
  });
  const hash = inputHash({ model: provider.models.scoring, promptVersion: PROMPT_VERSION.session, input: prompt });
  const stored = await db.analysis.findFirst({
    where: { sessionId, responseId: null, analysisType: ANALYSIS_TYPE.summary },
    select: { id: true, status: true, inputHash: true, completedAt: true },
  });
  if (stored?.status === "completed" && stored.inputHash === hash) {
    return { ...common, analysisId: stored.id, status: "completed", completedAt: (stored.completedAt ?? completedAt).toISOString() };
  }
  const openId = await upsertSummary(db, ids, { status: "running", startedAt: new Date(), error: null });
  let summary;
  try {
    summary = await provider.score({ ...prompt, schema: sessionSummaryOutput, schemaName: "session_summary" });
  } catch (err) {
    const failure = providerFailure(err, opts.lastTry, "The session summary");
    // The score is computed without the model: it stands even when the summary failed.
    await upsertSummary(db, ids, { status: "failed", error: failure.failed, overallScore: overall, sentiment, skills, completedAt: new Date() });
    return { ...common, analysisId: openId, status: "failed", failed: failure.failed };
  }
  const analysisId = await upsertSummary(db, ids, {
    status: "completed",
    kind: "model",
    model: summary.model,
    promptVersion: PROMPT_VERSION.session,
    inputHash: hash,
    result: { summary: summary.value.summary } satisfies StoredSummary,
    overallScore: overall,
    sentiment,
    skills,
    error: null,
    completedAt,
  });
  return { ...common, analysisId, calls: 1, status: "completed" };
}
