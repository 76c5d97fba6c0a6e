// Fencing for resumable uploads: one writer per take. The page that writes an upload names
// itself with a random writer token (header Upload-Writer) and holds a lease on the upload in
// PostgreSQL (upload_locks), renewed by each of its requests. Another page (a second tab, a
// stale page after a reload) is refused while the lease runs, unless it takes over explicitly
// (Upload-Takeover: 1), which moves the lease to it: the old page is refused from then on.
// In the database, so every app instance sees the same lease.
import "server-only";
import { getDbHandle } from "@/lib/db/client";

/** How long a writer keeps the upload without a request (a chunk every few seconds renews it). */
export const WRITER_LEASE_MS = 30_000;

export const WRITER_TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

export type LeaseClaim = { ok: true } | { ok: false; expiresAt: Date };

/**
 * Claims or renews the lease of `uploadId` for `writerToken`. Succeeds when the upload has no
 * lease, the lease is this writer's or has lapsed, or `takeover` is set.
 */
export async function claimWriterLease({
  uploadId,
  writerToken,
  takeover = false,
  ttlMs = WRITER_LEASE_MS,
}: {
  uploadId: string;
  writerToken: string;
  takeover?: boolean;
  ttlMs?: number;
}): Promise<LeaseClaim> {
  const db = await getDbHandle();
  // One statement: concurrent claims are serialised by the row (ON CONFLICT takes its lock).
  const rows = await db.query<{ upload_id: string }>(
    `INSERT INTO upload_locks (upload_id, writer_token, expires_at, updated_at)
     VALUES ($1, $2, now() + make_interval(secs => $3::double precision / 1000), now())
     ON CONFLICT (upload_id) DO UPDATE
       SET writer_token = EXCLUDED.writer_token, expires_at = EXCLUDED.expires_at, updated_at = now()
       WHERE upload_locks.writer_token = EXCLUDED.writer_token OR upload_locks.expires_at <= now() OR $4::boolean
     RETURNING upload_id`,
    [uploadId, writerToken, ttlMs, takeover],
  );
  if (rows.length > 0) return { ok: true };
  const held = await db.query<{ expires_at: Date }>(`SELECT expires_at FROM upload_locks WHERE upload_id = $1`, [uploadId]);
  return { ok: false, expiresAt: new Date(held[0]?.expires_at ?? Date.now()) };
}

/** Drops the lease (the upload was deleted). */
export async function releaseWriterLease(uploadId: string): Promise<void> {
  const db = await getDbHandle();
  await db.query(`DELETE FROM upload_locks WHERE upload_id = $1`, [uploadId]);
}
