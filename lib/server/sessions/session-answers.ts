import "server-only";
import { getAiProvider } from "@/lib/adapters/ai";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { CandidateSession, Interview, MediaFile, Question, Response } from "@/lib/generated/prisma/client";
import { ANALYSIS_ROW_SELECT, ANALYSIS_TYPE, answerAnalysisView, type AnalysisRow } from "@/lib/server/analysis/stored";
import { isUuid } from "@/lib/server/interviews/owned-interview";
import { playbackUrl } from "@/lib/server/media/playback-url";
import { playableVideoType } from "@/lib/server/media/video-mime";
import type { SessionAnswer } from "./session-dto";

export const SESSION_NOT_FOUND = "This session does not exist or was deleted.";

export type SubmittedResponse = Response & { mediaFile: MediaFile | null };

export type OwnedSession = {
  session: CandidateSession & { interview: Pick<Interview, "id" | "title" | "currentVersionId" | "aiAnalysis" | "blindReview"> };
  /** The questions of the version the candidate answers, in order. */
  questions: Question[];
  /** Per question, the submitted answer (never a take still recording or abandoned). */
  submitted: Map<string, SubmittedResponse>;
  /** Per question, the latest attempt, submitted or not. */
  latest: Map<string, Response>;
  /** The number (1, 2, ...) of the version the candidate answers; null if unknown. */
  versionNumber: number | null;
  /** The session's analysis rows: per answer (response id) its transcription and scoring, and the session's summary. */
  analyses: SessionAnalysisRows;
};

export type SessionAnalysisRows = { byResponse: Map<string, AnalysisRow[]>; summary: AnalysisRow | null };

/**
 * A session of one of the actor's live interviews with its questions and submitted answers.
 * Anyone else's session, one of a deleted interview and a malformed id are the same 404.
 */
export async function loadOwnedSession(actor: { id: string }, sessionId: unknown): Promise<OwnedSession> {
  if (!isUuid(sessionId) || !isUuid(actor.id)) throw new AppError("NOT_FOUND", SESSION_NOT_FOUND);
  const db = await getDb();
  const session = await db.candidateSession.findFirst({
    where: { id: sessionId, interview: { userId: actor.id, deletedAt: null } },
    include: { interview: { select: { id: true, title: true, currentVersionId: true, aiAnalysis: true, blindReview: true } }, version: { select: { number: true } } },
  });
  if (!session) throw new AppError("NOT_FOUND", SESSION_NOT_FOUND);
  const versionId = session.versionId ?? session.interview.currentVersionId;
  const [questions, responses, analysisRows] = await Promise.all([
    versionId ? db.question.findMany({ where: { versionId }, orderBy: { position: "asc" } }) : Promise.resolve([]),
    db.response.findMany({
      where: { sessionId: session.id },
      include: { mediaFile: true },
      orderBy: { attempt: "asc" },
    }),
    // Every answer's rows and the summary in one query, however many answers there are.
    db.analysis.findMany({ where: { sessionId: session.id }, select: { responseId: true, ...ANALYSIS_ROW_SELECT } }),
  ]);
  const submitted = new Map<string, SubmittedResponse>();
  const latest = new Map<string, Response>();
  for (const r of responses) {
    latest.set(r.questionId, r); // ascending attempts: the last one wins
    if (r.submittedAt !== null) submitted.set(r.questionId, r); // one per question; were there two, the last attempt counts
  }
  const analyses: SessionAnalysisRows = { byResponse: new Map(), summary: null };
  for (const { responseId, ...row } of analysisRows) {
    if (responseId === null) {
      if (row.analysisType === ANALYSIS_TYPE.summary) analyses.summary = row;
    } else {
      const rows = analyses.byResponse.get(responseId);
      if (rows) rows.push(row);
      else analyses.byResponse.set(responseId, [row]);
    }
  }
  const { version, ...rest } = session;
  return { session: rest, questions, submitted, latest, versionNumber: version?.number ?? null, analyses };
}

/**
 * A submitted answer as /api/v1 and the dashboard show it: `text` for a written answer,
 * `media` for a recording, with a signed playback URL (null once the file is deleted), and its
 * `analysis` from its rows (`analyses.byResponse` of loadOwnedSession).
 */
export async function toAnswer(
  question: Question,
  response: SubmittedResponse,
  { absolute, analysisRows }: { absolute: boolean; analysisRows: readonly AnalysisRow[] | undefined },
): Promise<SessionAnswer> {
  // Before any row exists, what will analyse it: a written answer without a provider gets the
  // no-model analysis; a recording needs a model to be transcribed at all.
  const fallbackKind = question.type === "text" && getAiProvider().kind === "none" ? "no-model" : "model";
  const answer: Omit<SessionAnswer, "analysis"> = { questionId: question.id, type: question.type };
  if (response.textAnswer !== null) answer.text = response.textAnswer;
  const file = response.mediaFile;
  if (file) {
    const gone = file.status === "deleted" || file.deletedAt !== null;
    const processed = file.status === "ready" && file.processedPath !== null;
    // Normalised as playback URLs sign it; a type stored before types were normalised falls
    // back to video/<container> rather than break the whole session's answer.
    const mimeType = processed ? "video/mp4" : playableVideoType(file);
    const playable = processed ? { bucket: file.bucket, path: file.processedPath!, mimeType: "video/mp4" } : mimeType ? { ...file, mimeType } : null;
    const reasons = flagReasons(file.flags);
    answer.media = {
      status: file.status === "ready" ? "processed" : file.status,
      size: Number(file.originalSize),
      processedSize: file.processedSize === null ? null : Number(file.processedSize),
      durationSeconds: file.durationSeconds ?? response.durationSeconds,
      mimeType: mimeType ?? file.mimeType,
      playbackUrl: gone || !playable ? null : await playbackUrl(playable, { absolute }),
      thumbnailUrl:
        gone || !processed || !file.thumbnailPath
          ? null
          : await playbackUrl({ bucket: file.bucket, path: file.thumbnailPath, mimeType: "image/jpeg" }, { absolute }),
      flags: reasons.map((r) => r.flag),
      flagReasons: reasons,
      ...(file.status === "failed" ? { error: file.processingError ?? "The recording could not be processed." } : {}),
    };
  }
  return { ...answer, analysis: answerAnalysisView(analysisRows ?? [], fallbackKind) };
}

/** The stored flags (JSON written by media processing), read defensively. */
function flagReasons(value: unknown): { flag: string; reason: string }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v: unknown) => {
    const f = v as { flag?: unknown; reason?: unknown } | null;
    return f && typeof f.flag === "string" && typeof f.reason === "string" ? [{ flag: f.flag, reason: f.reason }] : [];
  });
}
