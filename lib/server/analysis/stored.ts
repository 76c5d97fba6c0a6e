// How analysis results are stored (the `analyses` table) and read back as the API's views.
// One row per kind of work:
//   transcription  a recorded answer's transcript (result: StoredTranscript)
//   scoring        an answer's analysis, by a model or without one (result: StoredScoring)
//   summary        the session's overall score and summary (result: StoredSummary)
// Each row keeps the model, the prompt version and the hash of the input it came from.
import { NonRetriableError } from "inngest";
import type { getDb } from "@/lib/db/client";
import type { AnalysisStatus as DbStatus, Prisma } from "@/lib/generated/prisma/client";
import type { TranscriptSegment } from "@/lib/adapters/ai/types";
import type { AnalysisKind, AnalysisStatus, AnswerAnalysisView, EvidenceView, Sentiment, SessionAnalysisView } from "@/lib/schemas/analysis";

export const ANALYSIS_TYPE = { transcription: "transcription", scoring: "scoring", summary: "summary" } as const;
export type AnalysisType = (typeof ANALYSIS_TYPE)[keyof typeof ANALYSIS_TYPE];

export type StoredTranscript = { text: string; language: string | null; durationSec: number | null; segments: TranscriptSegment[] };

export type StoredCriterion = {
  name: string;
  score: number | null;
  weight: number;
  explanation: string | null;
  evidence: EvidenceView[];
  /** Quotes the model gave that do not occur in the answer (dropped, kept for the record). */
  dropped: { quote: string; reason: string }[];
};

export type StoredScoring = {
  summary: string | null;
  sentiment: Sentiment | null;
  skills: string[];
  criteria: StoredCriterion[];
  explanation: string | null;
  /** A limit of a no-model analysis (e.g. no lexicon for the language), shown as `reason`. */
  note?: string | null;
};

export type StoredSummary = { summary: string | null };

/** The columns the views read. */
export type AnalysisRow = {
  analysisType: string;
  status: DbStatus;
  kind: string | null;
  model: string | null;
  promptVersion: string | null;
  result: unknown;
  error: string | null;
  overallScore: number | null;
  completedAt: Date | null;
};

export const ANALYSIS_ROW_SELECT = {
  analysisType: true,
  status: true,
  kind: true,
  model: true,
  promptVersion: true,
  result: true,
  error: true,
  overallScore: true,
  completedAt: true,
} as const;

const asKind = (k: string | null | undefined, fallback: AnalysisKind): AnalysisKind => (k === "model" || k === "no-model" ? k : fallback);

/**
 * An answer's `analysis` from its rows (transcription and scoring; either may be missing).
 * `fallbackKind`: what will analyse it when nothing has yet (a written answer without a
 * provider is "no-model"; everything else "model").
 */
export function answerAnalysisView(rows: readonly AnalysisRow[], fallbackKind: AnalysisKind): AnswerAnalysisView {
  const transcription = rows.find((r) => r.analysisType === ANALYSIS_TYPE.transcription);
  const scoring = rows.find((r) => r.analysisType === ANALYSIS_TYPE.scoring);
  const transcript = transcription?.status === "completed" ? (transcription.result as StoredTranscript | null) : null;
  const scored = scoring?.status === "completed" ? (scoring.result as StoredScoring | null) : null;

  // A settled scoring decides; else a transcript that failed or was skipped; else whether any work has begun.
  const settled = (r: AnalysisRow | undefined) => r && (r.status === "completed" || r.status === "skipped" || r.status === "failed");
  const decisive = settled(scoring) ? scoring : transcription && (transcription.status === "failed" || transcription.status === "skipped") ? transcription : undefined;
  let status: AnalysisStatus = "pending";
  if (decisive) status = decisive.status;
  else if (scoring?.status === "running" || transcription?.status === "running" || transcription?.status === "completed") status = "running";
  const reason = decisive && decisive.status !== "completed" ? (decisive.error ?? undefined) : (scored?.note ?? undefined);

  const view: AnswerAnalysisView = {
    status,
    kind: asKind(scoring?.kind ?? transcription?.kind, fallbackKind),
    ...(reason ? { reason } : {}),
    ...(transcript ? { transcript: { text: transcript.text, segments: transcript.segments.map(({ start, end, text }) => ({ start, end, text })) } } : {}),
    summary: scored?.summary ?? null,
    sentiment: scored?.sentiment ?? null,
    skills: scored?.skills ?? [],
    criteria: (scored?.criteria ?? []).map((c) => ({ name: c.name, score: c.score, evidence: c.evidence })),
    model: scoring?.status === "completed" ? (scoring.model ?? null) : null,
    promptVersion: scoring?.status === "completed" ? (scoring.promptVersion ?? null) : null,
  };
  return view;
}

/** The session's `analysis` from its summary row (none yet: pending). */
export function sessionAnalysisView(row: AnalysisRow | null | undefined): SessionAnalysisView {
  if (!row) return { status: "pending", overallScore: null, summary: null, model: null, promptVersion: null, completedAt: null };
  const done = row.status === "completed";
  return {
    status: row.status,
    // Computed without the model: it stands when only the model's summary failed.
    overallScore: done || row.status === "failed" ? row.overallScore : null,
    summary: done ? ((row.result as StoredSummary | null)?.summary ?? null) : null,
    model: done ? row.model : null,
    promptVersion: done ? row.promptVersion : null,
    completedAt: done && row.completedAt ? row.completedAt.toISOString() : null,
  };
}

/** Which row: an answer's (responseId) of one type, or the session's summary (responseId null). */
export type AnalysisKey = { sessionId: string; userId: string; responseId: string | null; analysisType: AnalysisType };

/**
 * Writes the one row of `key` (the partial unique indexes of migration 20261207230000 allow no
 * other): updated when it exists, created otherwise; when two deliveries race to create it, the
 * other's row is updated. Returns its id.
 */
export async function upsertAnalysis(db: Awaited<ReturnType<typeof getDb>>, key: AnalysisKey, data: Prisma.AnalysisUncheckedUpdateInput): Promise<string> {
  const where = { sessionId: key.sessionId, responseId: key.responseId, analysisType: key.analysisType };
  // An analysis still running when HR erased the candidate stops here, writing nothing back.
  const session = await db.candidateSession.findUnique({ where: { id: key.sessionId }, select: { erasedAt: true } });
  if (!session || session.erasedAt) throw new NonRetriableError("The candidate's data was erased: the analysis stops without storing anything.");
  const update = async (id: string) => {
    await db.analysis.update({ where: { id }, data });
    return id;
  };
  const existing = await db.analysis.findFirst({ where, select: { id: true } });
  if (existing) return update(existing.id);
  try {
    const created = await db.analysis.create({ data: { ...(data as Prisma.AnalysisUncheckedCreateInput), ...where, userId: key.userId }, select: { id: true } });
    return created.id;
  } catch (err) {
    const again = await db.analysis.findFirst({ where, select: { id: true } });
    if (!again) throw err;
    return update(again.id);
  }
}
