import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { CandidateSession, Interview, MediaFile, Question, Response } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/server/interviews/owned-interview";
import { playbackUrl } from "@/lib/server/media/playback-url";
import { playableVideoType } from "@/lib/server/media/video-mime";
import type { SessionAnswer } from "./session-dto";

export const SESSION_NOT_FOUND = "This session does not exist or was deleted.";

export type SubmittedResponse = Response & { mediaFile: MediaFile | null };

export type OwnedSession = {
  session: CandidateSession & { interview: Pick<Interview, "id" | "title" | "currentVersionId"> };
  /** The questions of the version the candidate answers, in order. */
  questions: Question[];
  /** Per question, the submitted answer (never a take still recording or abandoned). */
  submitted: Map<string, SubmittedResponse>;
  /** Per question, the latest attempt, submitted or not. */
  latest: Map<string, Response>;
  /** The number (1, 2, ...) of the version the candidate answers; null if unknown. */
  versionNumber: number | null;
};

/**
 * A session of one of the actor's live interviews with its questions and submitted answers.
 * Anyone else's session, one of a deleted interview and a malformed id are the same 404.
 */
export async function loadOwnedSession(actor: { id: string }, sessionId: unknown): Promise<OwnedSession> {
  if (!isUuid(sessionId) || !isUuid(actor.id)) throw new AppError("NOT_FOUND", SESSION_NOT_FOUND);
  const db = await getDb();
  const session = await db.candidateSession.findFirst({
    where: { id: sessionId, interview: { userId: actor.id, deletedAt: null } },
    include: { interview: { select: { id: true, title: true, currentVersionId: true } }, version: { select: { number: true } } },
  });
  if (!session) throw new AppError("NOT_FOUND", SESSION_NOT_FOUND);
  const versionId = session.versionId ?? session.interview.currentVersionId;
  const [questions, responses] = await Promise.all([
    versionId ? db.question.findMany({ where: { versionId }, orderBy: { position: "asc" } }) : Promise.resolve([]),
    db.response.findMany({
      where: { sessionId: session.id },
      include: { mediaFile: true },
      orderBy: { attempt: "asc" },
    }),
  ]);
  const submitted = new Map<string, SubmittedResponse>();
  const latest = new Map<string, Response>();
  for (const r of responses) {
    latest.set(r.questionId, r); // ascending attempts: the last one wins
    if (r.submittedAt !== null) submitted.set(r.questionId, r); // one per question; were there two, the last attempt counts
  }
  const { version, ...rest } = session;
  return { session: rest, questions, submitted, latest, versionNumber: version?.number ?? null };
}

/**
 * A submitted answer as /api/v1 and the dashboard show it: `text` for a written answer,
 * `media` for a recording, with a signed playback URL (null once the file is deleted).
 */
export async function toAnswer(question: Question, response: SubmittedResponse, { absolute }: { absolute: boolean }): Promise<SessionAnswer> {
  const answer: SessionAnswer = { questionId: question.id, type: question.type };
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
  return answer;
}

/** The stored flags (JSON written by media processing), read defensively. */
function flagReasons(value: unknown): { flag: string; reason: string }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v: unknown) => {
    const f = v as { flag?: unknown; reason?: unknown } | null;
    return f && typeof f.flag === "string" && typeof f.reason === "string" ? [{ flag: f.flag, reason: f.reason }] : [];
  });
}
