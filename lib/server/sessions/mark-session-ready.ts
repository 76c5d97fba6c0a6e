import "server-only";
import { getDb, type Tx } from "@/lib/db/client";

export const INTERVIEW_READY_COUNTS = "interview-ready-counts"; // the catalog's consumer id

/**
 * A session is ready for review once it is completed and none of its submitted recordings is
 * still waiting for media processing (processed, failed, or deleted all count as settled).
 * It reads the media file's status, which the processing step sets in the same transaction
 * that publishes media.processed (the answer's own status is another consumer's, and may lag).
 * The migration that added ready_at backfills with the same rule.
 *
 * One conditional UPDATE, so it is exact however the triggers interleave: the last of
 * "candidate completed" and "last recording settled" to commit sees both, and a repeat or a
 * late delivery finds ready_at set and changes nothing.
 */
async function markReady(db: Pick<Tx, "$executeRaw">, sessionId: string): Promise<boolean> {
  const changed = await db.$executeRaw`
    UPDATE candidate_sessions s SET ready_at = now(), updated_at = now()
     WHERE s.id = ${sessionId}::uuid AND s.status = 'completed' AND s.ready_at IS NULL
       AND NOT EXISTS (
         SELECT 1 FROM responses r JOIN media_files f ON f.id = r.media_file_id
          WHERE r.session_id = s.id AND r.submitted_at IS NOT NULL
            AND f.status IN ('uploading', 'uploaded', 'processing') AND f.deleted_at IS NULL)`;
  return changed === 1;
}

/** candidate.completed: a session without recordings (or whose recordings were all processed first). */
export async function markSessionReady(sessionId: string): Promise<{ changed: boolean }> {
  return { changed: await markReady(await getDb(), sessionId) };
}

/** media.processed, or a recording that failed for good: the session that recording belongs to. */
export async function markSessionReadyForFile(fileId: string): Promise<{ changed: boolean; sessionId: string | null }> {
  const db = await getDb();
  const response = await db.response.findUnique({ where: { mediaFileId: fileId }, select: { sessionId: true } });
  if (!response) return { changed: false, sessionId: null };
  return { changed: await markReady(db, response.sessionId), sessionId: response.sessionId };
}
