import "server-only";
import { getDb } from "@/lib/db/client";
import type { DomainEvent } from "@/lib/events/catalog";
import { deleteObjects, FILE_COLUMNS, type FileRow } from "@/lib/server/users/purge-user-media";

/** The catalog's consumer id of candidate.erased that deletes the erased files' objects. */
export const ERASE_CANDIDATE_MEDIA = "erase-candidate-media";

/**
 * The objects of an erased session's files (uploads and everything processing derived from
 * them), deleted from storage. The erasure already took the rows offline and published their
 * media.deleted; this is the durable half of the byte deletion (the erasure's own attempt after
 * its commit is best effort). A missing object is no error, so a second run changes nothing.
 */
export async function eraseCandidateMedia({ event }: { event: DomainEvent<"candidate.erased"> }): Promise<{ files: number }> {
  const db = await getDb();
  const rows = await db.$queryRaw<FileRow[]>`
    SELECT ${FILE_COLUMNS} FROM media_files
    WHERE id IN (SELECT media_file_id FROM responses WHERE session_id = ${event.sessionId}::uuid AND media_file_id IS NOT NULL)
      AND status = 'deleted'
    ORDER BY id`;
  await deleteObjects(rows);
  return { files: rows.length };
}
