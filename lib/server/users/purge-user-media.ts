import "server-only";
import { getStorage } from "@/lib/adapters/storage";
import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { processedKeys } from "@/lib/server/media/processed-keys";
import type { DomainEvent, EventData } from "@/lib/events/catalog";
import { AccountNotDeletedError } from "./purge-user-interviews";

/** The catalog's consumer id of user.deleted that runs this. */
export const DELETE_USER_MEDIA = "delete-user-media";

/** Files per step: their objects deleted, then one media.deleted each, then the rows marked. */
export const MEDIA_LIMITS = { batchSize: 500 };

export type PurgedFile = { fileId: string; fileSize: number };

export type FileRow = {
  id: string;
  kind: string;
  bucket: string;
  path: string;
  processed_path: string | null;
  thumbnail_path: string | null;
  strip_path: string | null;
  speech_path: string | null;
  status: string;
  original_size: bigint;
  processed_size: bigint | null;
};

export const FILE_COLUMNS = Prisma.sql`id::text AS id, kind::text AS kind, bucket, path, processed_path, thumbnail_path, strip_path, speech_path,
  status::text AS status, original_size, processed_size`;

async function assertDeleted(userId: string): Promise<Date> {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { deletedAt: true } });
  if (!user?.deletedAt) throw new AccountNotDeletedError(userId);
  return user.deletedAt;
}

/**
 * Every object a row stands for: the upload and what media processing derived from it (MP4,
 * poster, strip, speech track), also those a processing run still in flight may have written
 * under the fixed keys without recording them.
 */
export async function deleteObjects(rows: FileRow[]): Promise<void> {
  const storage = getStorage();
  const keys = rows.flatMap((r) => {
    const derived = r.kind === "response" ? Object.values(processedKeys(r.id)) : [];
    const all = new Set([r.path, r.processed_path, r.thumbnail_path, r.strip_path, r.speech_path, ...derived].filter((k): k is string => !!k));
    return [...all].map((k) => [r.bucket, k] as const);
  });
  // A missing object is not an error (deleted before, or never written).
  for (let i = 0; i < keys.length; i += 20) {
    await Promise.all(keys.slice(i, i + 20).map(([bucket, key]) => storage.delete(bucket, key)));
  }
}

/**
 * The next batch of the files deleteAccount took offline (those whose deletedAt is the
 * account's) that still count against its storage (status not yet "deleted"): their objects are
 * deleted from storage, and the media.deleted each needs is returned. Files whose media.deleted
 * this deletion already stored (a run that stopped between emitting and marking) are marked
 * here and not returned, so no file is counted twice. `more`: another batch may follow.
 *
 * A file still uploading was never counted (media.uploaded comes when an upload is finalised):
 * its media.deleted carries 0 bytes. A picture replaced before the deletion is not in the set:
 * upload-avatar already published its media.deleted.
 */
export async function takeMediaBatch({
  event,
  limit = MEDIA_LIMITS.batchSize,
}: {
  event: DomainEvent<"user.deleted">;
  limit?: number;
}): Promise<{ files: PurgedFile[]; more: boolean }> {
  const deletedAt = await assertDeleted(event.userId);
  const db = await getDb();
  const rows = await db.$queryRaw<FileRow[]>`
    SELECT ${FILE_COLUMNS}
    FROM media_files
    WHERE user_id = ${event.userId}::uuid AND deleted_at = ${deletedAt} AND status <> 'deleted'
    ORDER BY id LIMIT ${limit}`;
  if (rows.length === 0) return { files: [], more: false };
  await deleteObjects(rows);
  const emitted = await db.$queryRaw<{ file_id: string }[]>`
    SELECT data->>'fileId' AS file_id FROM events
    WHERE causation_id = ${event.eventId}::uuid AND event_type = 'media.deleted'
      AND data->>'fileId' = ANY(${rows.map((r) => r.id)}::text[])`;
  const done = new Set(emitted.map((e) => e.file_id));
  if (done.size > 0) await markMediaDeleted({ fileIds: [...done] });
  const files = rows
    .filter((r) => !done.has(r.id))
    .map((r) => ({ fileId: r.id, fileSize: countedSize(r) }));
  return { files, more: rows.length === limit };
}

/**
 * What a file counts on storage_used now. A processed file counts its derived files
 * (media.processed); its original leaves by process-media's own media.deleted, which comes
 * after the record (already applied, or still to come): subtracting it here too would count it
 * twice.
 */
export function countedSize(r: FileRow): number {
  if (r.status === "uploading") return 0;
  if (r.status === "ready" && r.processed_size !== null) return Number(r.processed_size);
  return Number(r.original_size);
}

/** What storage accounting needs to take a purged file off the account's storage_used. */
export function mediaDeletedData(event: DomainEvent<"user.deleted">, file: PurgedFile): EventData<"media.deleted"> {
  return { fileId: file.fileId, fileSize: file.fileSize, deletedAt: event.data.deletedAt };
}

/** After their media.deleted is stored: the rows say so (status deleted; deletedAt unchanged). */
export async function markMediaDeleted({ fileIds }: { fileIds: string[] }): Promise<{ marked: number }> {
  if (fileIds.length === 0) return { marked: 0 };
  const db = await getDb();
  const marked = await db.$executeRaw`
    UPDATE media_files SET status = 'deleted', updated_at = now()
    WHERE id = ANY(${fileIds}::uuid[]) AND status <> 'deleted'`;
  return { marked };
}

/**
 * Files the account deleted before (a replaced picture): already off its storage_used, but
 * their objects may have survived (their removal after the commit is best effort). Deletes the
 * objects of the next batch after `after` (by id) and returns where to go on, or null when done.
 */
export async function sweepEarlierFiles({
  event,
  after,
  limit = MEDIA_LIMITS.batchSize,
}: {
  event: DomainEvent<"user.deleted">;
  after: string | null;
  limit?: number;
}): Promise<{ swept: number; next: string | null }> {
  const deletedAt = await assertDeleted(event.userId);
  const db = await getDb();
  const rows = await db.$queryRaw<FileRow[]>`
    SELECT ${FILE_COLUMNS}
    FROM media_files
    WHERE user_id = ${event.userId}::uuid AND deleted_at < ${deletedAt}
      AND (${after}::uuid IS NULL OR id > ${after}::uuid)
    ORDER BY id LIMIT ${limit}`;
  await deleteObjects(rows);
  return { swept: rows.length, next: rows.length < limit ? null : rows[rows.length - 1]!.id };
}

/** The account no longer points at a picture. */
export async function forgetAvatar({ event }: { event: DomainEvent<"user.deleted"> }): Promise<{ cleared: boolean }> {
  const db = await getDb();
  const { count } = await db.user.updateMany({
    where: { id: event.userId, deletedAt: { not: null }, OR: [{ avatarUrl: { not: null } }, { avatarFileId: { not: null } }] },
    data: { avatarUrl: null, avatarFileId: null },
  });
  return { cleared: count > 0 };
}
