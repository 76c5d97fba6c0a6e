import "server-only";
import type { DomainEvent } from "@/lib/events/catalog";
import { applyOnce } from "@/lib/server/consumers/apply-once";

export const STORAGE_ACCOUNTING = "storage-accounting";

type StorageEvent = DomainEvent<"user.avatar_uploaded" | "media.uploaded" | "media.processed" | "media.deleted">;

/** The change an event makes to its owner's storage_used, in bytes. */
export function storageDelta(event: StorageEvent): number {
  switch (event.eventType) {
    case "media.deleted":
      return -event.data.fileSize;
    case "media.processed":
      // The derived files (MP4, poster, strip, speech track); the original leaves with its own media.deleted.
      return event.data.processedSize;
    default:
      return event.data.fileSize;
  }
}

/**
 * Keeps users.storage_used in step with stored files: + on avatar and media uploads and on
 * processed media's derived files, − on
 * deletions (a replaced avatar is deleted with media.deleted). Each event counts once, and the
 * total never goes below zero even if a deletion arrives before its upload was counted.
 */
export async function accountStorage(event: StorageEvent): Promise<{ applied: boolean; delta: number }> {
  const delta = storageDelta(event);
  const applied = await applyOnce(STORAGE_ACCOUNTING, event.eventId, async (tx) => {
    await tx.$executeRaw`
      UPDATE users SET storage_used = GREATEST(storage_used + ${delta}::bigint, 0), updated_at = now()
      WHERE id = ${event.userId}::uuid`;
  });
  return { applied, delta };
}
