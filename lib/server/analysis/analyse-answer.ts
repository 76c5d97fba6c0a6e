import "server-only";
// One answer's analysis, in the three steps the analysis functions run it in (each a durable,
// memoised step, each safe to run again):
//   prepareAnswer   what there is to do: a settled outcome written at once (AI off, a silent
//                   recording, no provider to transcribe, an empty answer), or the work left;
//   transcribeAnswer  the recording's 16 kHz speech track → the provider → the transcription row;
//   scoreAnswer     the transcript or the written text → the model's scoring (or the no-model
//                   analysis) with evidence located in the answer → the scoring row.
// Every row records the model, prompt version and input hash. A stored completed result with
// the same hash is reused: a repeated delivery or a re-run on unchanged input calls no provider.
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { getAiProvider, type AiProvider } from "@/lib/adapters/ai";
import { ProviderError } from "@/lib/adapters/ai/errors";
import { getStorage } from "@/lib/adapters/storage";
import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { answerScoringOutput, type Sentiment } from "@/lib/schemas/analysis";
import { locateEvidence } from "./evidence";
import { analyseWithoutModel, NO_MODEL_VERSION } from "./no-model";
import { answerScore } from "./overall-score";
import { answerScoringPrompt, DEFAULT_CRITERION, inputHash, PROMPT_VERSION, type PromptCriterion } from "./prompts";
import { transcribeSpeech } from "./transcribe-long";
import { ANALYSIS_TYPE, upsertAnalysis, type AnalysisType, type StoredCriterion, type StoredScoring, type StoredTranscript } from "./stored";

/** The pipeline's flags that mean there is nothing to transcribe. */
const NOTHING_TO_HEAR = new Set(["silent", "no_audio"]);
export const TRANSCRIPTION_VERSION = "transcription-v1";

export const REASONS = {
  aiOff: "AI analysis is switched off for this interview.",
  noConsent: "Not analysed: AI analysis was off when the candidate started, so they were not asked to consent to it.",
  needsProvider: "Transcription needs an AI provider: none is configured (see docs/configuration.md, AI analysis).",
  empty: "The answer is empty.",
  notProcessed: "The recording could not be processed, so there is nothing to transcribe.",
  deleted: "The recording was deleted.",
} as const;

export type AnswerWork = {
  responseId: string;
  sessionId: string;
  userId: string;
  source: "recording" | "text";
  /** The transcription row to fill (recordings only), or null when a stored transcript is reused. */
  transcriptionId: string | null;
  scoringId: string;
};

export type PreparedAnswer =
  | { state: "gone"; reason: string }
  | { state: "settled"; analysisId: string; status: "completed" | "skipped" | "failed"; userId: string; sessionId: string }
  | { state: "work"; work: AnswerWork };

type Db = Awaited<ReturnType<typeof getDb>>;

async function loadAnswer(db: Db, responseId: string) {
  return db.response.findUnique({
    where: { id: responseId },
    include: {
      mediaFile: true,
      question: true,
      session: { include: { interview: { select: { id: true, userId: true, title: true, language: true, aiAnalysis: true, deletedAt: true } } } },
    },
  });
}

export function rubricOf(q: { rubric: unknown }): (PromptCriterion & { weight: number })[] {
  const list = Array.isArray(q.rubric) ? (q.rubric as { name?: unknown; description?: unknown; weight?: unknown }[]) : [];
  const criteria = list
    .filter((c) => typeof c?.name === "string" && c.name.trim())
    .map((c) => ({
      name: String(c.name),
      description: typeof c.description === "string" ? c.description : null,
      weight: typeof c.weight === "number" && c.weight >= 0 ? c.weight : 1,
    }));
  return criteria.length > 0 ? criteria : [{ ...DEFAULT_CRITERION, weight: 1 }];
}

type RowWrite = {
  status: "pending" | "running" | "completed" | "failed" | "skipped";
  kind?: "model" | "no-model";
  model?: string | null;
  promptVersion?: string | null;
  inputHash?: string | null;
  result?: Prisma.InputJsonValue | typeof NULL_JSON;
  error?: string | null;
  transcription?: string | null;
  sentiment?: string | null;
  skills?: string[];
  overallScore?: number | null;
  evidence?: Prisma.InputJsonValue | typeof NULL_JSON;
  startedAt?: Date | null;
  completedAt?: Date | null;
};
const NULL_JSON = "__null__" as const;

/** The answer's row of one type (one per answer however often this runs). */
async function writeAnswerRow(db: Db, a: { sessionId: string; userId: string; responseId: string }, type: AnalysisType, row: RowWrite): Promise<string> {
  const json = (v: RowWrite["result"]) => (v === NULL_JSON ? Prisma.DbNull : v);
  const data = {
    ...row,
    ...(row.result !== undefined ? { result: json(row.result) } : {}),
    ...(row.evidence !== undefined ? { evidence: json(row.evidence) } : {}),
  };
  return upsertAnalysis(db, { ...a, analysisType: type }, data);
}

function transcriptionHash(file: { id: string; checksum: string | null; speechPath: string | null }, model: string, language: string): string {
  return inputHash({ model, promptVersion: TRANSCRIPTION_VERSION, input: { fileId: file.id, speech: file.speechPath, checksum: file.checksum, language } });
}

/**
 * Decides what an answer needs. Outcomes that need no provider are written here and settle the
 * answer: AI off, a recording that is silent, failed or deleted, or that no provider can
 * transcribe, and an empty written answer. `rerun`: redo what is not current (a stored result
 * with the same input hash is still reused).
 */
export async function prepareAnswer(responseId: string, opts: { provider?: AiProvider } = {}): Promise<PreparedAnswer> {
  const db = await getDb();
  const a = await loadAnswer(db, responseId);
  if (!a || a.submittedAt === null) return { state: "gone", reason: "the answer does not exist or was not submitted" };
  if (a.session.interview.deletedAt) return { state: "gone", reason: "the interview was deleted" };
  const provider = opts.provider ?? getAiProvider();
  const ids = { sessionId: a.sessionId, userId: a.session.interview.userId, responseId: a.id };
  const now = new Date();
  const settle = async (status: "skipped" | "failed", reason: string, kind: "model" | "no-model" = "model") => {
    const analysisId = await writeAnswerRow(db, ids, ANALYSIS_TYPE.scoring, {
      status,
      kind,
      error: reason,
      result: NULL_JSON,
      model: null,
      promptVersion: null,
      inputHash: null,
      sentiment: null,
      skills: [],
      overallScore: null,
      completedAt: now,
    });
    return { state: "settled" as const, analysisId, status, userId: ids.userId, sessionId: ids.sessionId };
  };

  if (!a.session.interview.aiAnalysis) return settle("skipped", REASONS.aiOff, provider.kind === "none" && !a.mediaFileId ? "no-model" : "model");
  if (!a.session.aiConsentAt) return settle("skipped", REASONS.noConsent, provider.kind === "none" && !a.mediaFileId ? "no-model" : "model");

  if (a.mediaFileId) {
    const file = a.mediaFile;
    if (!file || file.deletedAt || file.status === "deleted") return settle("skipped", REASONS.deleted);
    if (file.status === "failed") return settle("skipped", REASONS.notProcessed);
    const flags = Array.isArray(file.flags) ? (file.flags as { flag?: string; reason?: string }[]) : [];
    const mute = flags.find((f) => f.flag && NOTHING_TO_HEAR.has(f.flag));
    if (mute || (file.status === "ready" && !file.speechPath)) {
      return settle("skipped", `Nothing to transcribe: ${mute?.reason ?? "the recording has no sound"}`);
    }
    if (provider.kind === "none") {
      // A re-run after the provider was removed keeps what a model made before.
      const kept = await db.analysis.findFirst({ where: { responseId: a.id, analysisType: ANALYSIS_TYPE.scoring, status: "completed", kind: "model" }, select: { id: true } });
      if (kept) return { state: "settled", analysisId: kept.id, status: "completed", userId: ids.userId, sessionId: ids.sessionId };
      await writeAnswerRow(db, ids, ANALYSIS_TYPE.transcription, { status: "skipped", kind: "model", error: REASONS.needsProvider, result: NULL_JSON, completedAt: now });
      return settle("skipped", REASONS.needsProvider);
    }
    if (file.status !== "ready") return { state: "gone", reason: `the recording is not processed yet (${file.status})` };
    const hash = transcriptionHash(file, provider.models.transcription, a.session.interview.language);
    const stored = await db.analysis.findFirst({ where: { responseId: a.id, analysisType: ANALYSIS_TYPE.transcription }, select: { id: true, status: true, inputHash: true } });
    const reuse = stored?.status === "completed" && stored.inputHash === hash;
    // A completed transcript from other input stays shown (and used) until a new one replaces it.
    const transcriptionId = reuse
      ? null
      : stored?.status === "completed"
        ? stored.id
        : await writeAnswerRow(db, ids, ANALYSIS_TYPE.transcription, { status: "pending", kind: "model", error: null, startedAt: null, completedAt: null });
    const scoringId = await ensureScoringRow(db, ids);
    return { state: "work", work: { ...ids, source: "recording", transcriptionId, scoringId } };
  }

  if (!(a.textAnswer ?? "").trim()) return settle("skipped", REASONS.empty, provider.kind === "none" ? "no-model" : "model");
  const scoringId = await ensureScoringRow(db, ids);
  return { state: "work", work: { ...ids, source: "text", transcriptionId: null, scoringId } };
}

async function ensureScoringRow(db: Db, ids: { sessionId: string; userId: string; responseId: string }): Promise<string> {
  const existing = await db.analysis.findFirst({ where: { responseId: ids.responseId, analysisType: ANALYSIS_TYPE.scoring }, select: { id: true } });
  return existing?.id ?? writeAnswerRow(db, ids, ANALYSIS_TYPE.scoring, { status: "pending" });
}

/** Provider failures: a retryable one is thrown (the engine retries, after Retry-After) until the last try, when it is recorded like a permanent one. */
export type StepFailure = { failed: string };

export function providerFailure(err: unknown, lastTry: boolean, what: string): StepFailure {
  if (err instanceof ProviderError && (!err.retryable || lastTry)) return { failed: `${what} failed: ${err.message}` };
  if (!(err instanceof ProviderError) && lastTry) return { failed: `${what} failed: ${(err as Error).message}` };
  throw err;
}

async function download(bucket: string, key: string): Promise<{ file: string; cleanup: () => Promise<void> }> {
  const object = await getStorage().get(bucket, key);
  if (!object) throw new Error(`the speech track ${bucket}/${key} is not in storage`);
  const dir = await mkdtemp(path.join(tmpdir(), "intervue-speech-"));
  const file = path.join(dir, "speech.flac");
  try {
    await pipeline(Readable.fromWeb(object.body as WebReadableStream<Uint8Array>), createWriteStream(file));
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return { file, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export type TranscribeOutcome = { transcribed: true; chars: number; calls: number } | StepFailure;

/** The recording's speech track → the transcription row. One provider call (none when reused). */
export async function transcribeAnswer(work: AnswerWork, opts: { lastTry: boolean; provider?: AiProvider }): Promise<TranscribeOutcome> {
  if (!work.transcriptionId) return { transcribed: true, chars: 0, calls: 0 };
  const db = await getDb();
  const a = await loadAnswer(db, work.responseId);
  const file = a?.mediaFile;
  const provider = opts.provider ?? getAiProvider();
  if (!a || !file?.speechPath || provider.kind === "none") return { failed: "The recording's speech track is gone." };
  const hash = transcriptionHash(file, provider.models.transcription, a.session.interview.language);
  const stored = await db.analysis.findUnique({ where: { id: work.transcriptionId }, select: { status: true, inputHash: true } });
  if (stored?.status === "completed" && stored.inputHash === hash) return { transcribed: true, chars: 0, calls: 0 };
  // A previous transcript (of other input) stays until this one succeeds.
  const kept = stored?.status === "completed";
  if (!kept) await db.analysis.update({ where: { id: work.transcriptionId }, data: { status: "running", startedAt: new Date(), error: null } });
  let transcript;
  let local: Awaited<ReturnType<typeof download>> | null = null;
  try {
    local = await download(file.bucket, file.speechPath);
    transcript = await transcribeSpeech(provider, { file: local.file, language: a.session.interview.language, durationSec: file.durationSeconds });
  } catch (err) {
    const failure = providerFailure(err, opts.lastTry, "Transcription");
    if (!kept) await db.analysis.update({ where: { id: work.transcriptionId }, data: { status: "failed", error: failure.failed, completedAt: new Date() } });
    return failure;
  } finally {
    await local?.cleanup();
  }
  const result: StoredTranscript = { text: transcript.text, language: transcript.language, durationSec: transcript.durationSec, segments: transcript.segments };
  await db.analysis.update({
    where: { id: work.transcriptionId },
    data: {
      status: "completed",
      kind: "model",
      model: transcript.model,
      promptVersion: TRANSCRIPTION_VERSION,
      inputHash: hash,
      transcription: transcript.text,
      result: result as unknown as Prisma.InputJsonValue,
      error: null,
      completedAt: new Date(),
    },
  });
  return { transcribed: true, chars: transcript.text.length, calls: transcript.calls };
}

export type ScoreOutcome =
  | { scored: true; analysisId: string; calls: number; transcription: string; sentiment: Sentiment | null; skills: string[]; score: number | null; status: "completed" | "skipped" | "failed" }
  | (StepFailure & { analysisId: string });

/** The transcript or written text → the scoring row (by the model, or without one for text when no provider is configured). */
export async function scoreAnswer(work: AnswerWork, opts: { lastTry: boolean; provider?: AiProvider }): Promise<ScoreOutcome> {
  const db = await getDb();
  const a = await loadAnswer(db, work.responseId);
  if (!a) return { failed: "The answer was deleted.", analysisId: work.scoringId };
  const provider = opts.provider ?? getAiProvider();
  const language = a.session.interview.language;
  const rubric = rubricOf(a.question);
  const ids = { sessionId: work.sessionId, userId: work.userId, responseId: work.responseId };

  let answerText: string;
  let segments: StoredTranscript["segments"] | null = null;
  if (work.source === "recording") {
    const row = await db.analysis.findFirst({ where: { responseId: a.id, analysisType: ANALYSIS_TYPE.transcription }, select: { status: true, error: true, result: true } });
    if (row?.status !== "completed") {
      const reason = row?.error ?? "The recording was not transcribed.";
      await writeAnswerRow(db, ids, ANALYSIS_TYPE.scoring, { status: row?.status === "skipped" ? "skipped" : "failed", kind: "model", error: reason, completedAt: new Date() });
      return { scored: true, analysisId: work.scoringId, calls: 0, transcription: "", sentiment: null, skills: [], score: null, status: row?.status === "skipped" ? "skipped" : "failed" };
    }
    const t = row.result as unknown as StoredTranscript;
    answerText = t.text;
    segments = t.segments;
    if (!answerText.trim()) {
      const reason = "Nothing to score: the transcript is empty (no words were recognised).";
      await writeAnswerRow(db, ids, ANALYSIS_TYPE.scoring, { status: "skipped", kind: "model", error: reason, result: NULL_JSON, overallScore: null, completedAt: new Date() });
      return { scored: true, analysisId: work.scoringId, calls: 0, transcription: "", sentiment: null, skills: [], score: null, status: "skipped" };
    }
  } else {
    answerText = a.textAnswer ?? "";
  }

  // Without a provider, a written answer gets the analysis that needs no model.
  if (provider.kind === "none") {
    const hash = inputHash({ model: "none", promptVersion: NO_MODEL_VERSION, input: { text: answerText, language, rubric } });
    const stored = await db.analysis.findUnique({ where: { id: work.scoringId }, select: { status: true, inputHash: true, sentiment: true, skills: true, kind: true } });
    // Unchanged, or made by a model before the provider was removed: kept.
    if (stored?.status === "completed" && (stored.inputHash === hash || stored.kind === "model")) {
      return { scored: true, analysisId: work.scoringId, calls: 0, transcription: "", sentiment: stored.sentiment as Sentiment | null, skills: stored.skills, score: null, status: "completed" };
    }
    const nm = await analyseWithoutModel({ text: answerText, language, rubric });
    const criteria: StoredCriterion[] = nm.criteria.map((c, i) => ({ name: c.name, score: null, weight: rubric[i]?.weight ?? 1, explanation: null, evidence: c.evidence, dropped: [] }));
    const result: StoredScoring = { summary: null, sentiment: nm.sentiment, skills: [], criteria, explanation: null, note: nm.reason ?? null };
    await writeAnswerRow(db, ids, ANALYSIS_TYPE.scoring, {
      status: nm.status === "completed" ? "completed" : "skipped",
      kind: "no-model",
      model: null,
      promptVersion: NO_MODEL_VERSION,
      inputHash: hash,
      result: result as unknown as Prisma.InputJsonValue,
      error: nm.status === "completed" ? null : (nm.reason ?? null),
      sentiment: nm.sentiment,
      skills: [],
      overallScore: null,
      completedAt: new Date(),
    });
    return { scored: true, analysisId: work.scoringId, calls: 0, transcription: "", sentiment: nm.sentiment, skills: [], score: null, status: nm.status === "completed" ? "completed" : "skipped" };
  }

  const prompt = answerScoringPrompt({ question: a.question.prompt, rubric, language, answer: { source: work.source === "recording" ? "transcript" : "text", text: answerText } });
  const hash = inputHash({ model: provider.models.scoring, promptVersion: PROMPT_VERSION.answer, input: prompt });
  const stored = await db.analysis.findUnique({ where: { id: work.scoringId }, select: { status: true, inputHash: true, sentiment: true, skills: true, overallScore: true } });
  const transcription = work.source === "recording" ? answerText : "";
  if (stored?.status === "completed" && stored.inputHash === hash) {
    return { scored: true, analysisId: work.scoringId, calls: 0, transcription, sentiment: stored.sentiment as Sentiment | null, skills: stored.skills, score: stored.overallScore, status: "completed" };
  }
  // A previous result (another prompt version) stays until this one succeeds.
  const kept = stored?.status === "completed";
  if (!kept) await db.analysis.update({ where: { id: work.scoringId }, data: { status: "running", startedAt: new Date(), error: null } });
  let scored;
  try {
    scored = await provider.score({ ...prompt, schema: answerScoringOutput, schemaName: "answer_analysis" });
  } catch (err) {
    const failure = providerFailure(err, opts.lastTry, "Scoring");
    if (!kept) await db.analysis.update({ where: { id: work.scoringId }, data: { status: "failed", kind: "model", error: failure.failed, completedAt: new Date() } });
    return { ...failure, analysisId: work.scoringId };
  }
  const out = scored.value;
  const source = { text: answerText, segments };
  // One entry per rubric criterion, matched by name; a criterion the model left out is unscored.
  const criteria: StoredCriterion[] = rubric.map((c) => {
    const given = out.criteria.find((g) => g.name.trim().toLowerCase() === c.name.trim().toLowerCase());
    const located = locateEvidence(given?.evidence.map((e) => e.quote) ?? [], source);
    if (located.dropped.length > 0) {
      // The quotes are the candidate's (supposed) words: kept in the result, not in the logs.
      const reasons = located.dropped.map((d) => d.reason).join(", ");
      console.warn(`[analysis] answer ${work.responseId}: dropped ${located.dropped.length} quote(s) for criterion ${c.name.length > 40 ? `${c.name.slice(0, 40)}…` : c.name} (${reasons})`);
    }
    return {
      name: c.name,
      score: given ? Math.round(given.score * 10) / 10 : null,
      weight: c.weight,
      explanation: given?.explanation ?? null,
      evidence: located.evidence,
      dropped: located.dropped,
    };
  });
  const score = answerScore(criteria);
  const result: StoredScoring = { summary: out.summary, sentiment: out.sentiment, skills: out.skills, criteria, explanation: out.explanation };
  await writeAnswerRow(db, ids, ANALYSIS_TYPE.scoring, {
    status: "completed",
    kind: "model",
    model: scored.model,
    promptVersion: PROMPT_VERSION.answer,
    inputHash: hash,
    result: result as unknown as Prisma.InputJsonValue,
    evidence: criteria.flatMap((c) => c.evidence.map((e) => ({ criterion: c.name, ...e }))) as unknown as Prisma.InputJsonValue,
    error: null,
    transcription: transcription || null,
    sentiment: out.sentiment,
    skills: out.skills,
    overallScore: score === null ? null : Math.round(score * 10) / 10,
    completedAt: new Date(),
  });
  return { scored: true, analysisId: work.scoringId, calls: 1, transcription, sentiment: out.sentiment, skills: out.skills, score: score === null ? null : Math.round(score * 10) / 10, status: "completed" };
}

export type RecordingState =
  | { state: "not-an-answer" }
  | { state: "processed" | "unprocessable" | "waiting"; responseId: string; sessionId: string; userId: string };

/** The submitted answer a recording belongs to, and whether media processing is done with it. */
export async function recordingState(fileId: string): Promise<RecordingState> {
  const db = await getDb();
  const r = await db.response.findUnique({
    where: { mediaFileId: fileId },
    select: { id: true, sessionId: true, submittedAt: true, mediaFile: { select: { status: true, kind: true, userId: true, deletedAt: true } } },
  });
  if (!r || !r.mediaFile || r.mediaFile.kind !== "response" || r.submittedAt === null) return { state: "not-an-answer" };
  const ids = { responseId: r.id, sessionId: r.sessionId, userId: r.mediaFile.userId };
  if (r.mediaFile.deletedAt || r.mediaFile.status === "failed" || r.mediaFile.status === "deleted") return { state: "unprocessable", ...ids };
  return { state: r.mediaFile.status === "ready" ? "processed" : "waiting", ...ids };
}
