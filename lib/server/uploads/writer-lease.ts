// Fencing for resumable uploads: one writer per take. The page that writes an upload names
// itself with a random writer token (header Upload-Writer) and holds a lease on the upload in
// PostgreSQL (upload_locks), renewed by its requests (written at most every 5 s). Another page
// (a second tab, a stale page after a reload) is refused while the lease runs, unless it takes
// over explicitly (Upload-Takeover: 1), which moves the lease to it: the old page is refused
// from then on.
// In the database, so every app instance sees the same lease.
import "server-only";
import { getDbHandle } from "@/lib/db/client";
import { leaseWrite } from "@/lib/db/lease-write";

/** How long a writer keeps the upload without a request (a chunk every few seconds renews it). */
export const WRITER_LEASE_MS = 30_000;

export const WRITER_TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * A lease is written again only once it is this old: the requests in between (a recorder's
 * chunks, a backlog's PATCHes) find it theirs with a read, which commits nothing (a write
 * commits, and each commit waits for the WAL to reach the disk: a few ms per chunk,
 * bench/upload-throughput.ts). A lease thus lasts between ttl - 5 s and ttl after a writer's
 * last request.
 */
export const WRITER_LEASE_RENEW_AFTER_MS = 5_000;

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
  renewAfterMs = WRITER_LEASE_RENEW_AFTER_MS,
}: {
  uploadId: string;
  writerToken: string;
  takeover?: boolean;
  ttlMs?: number;
  renewAfterMs?: number;
}): Promise<LeaseClaim> {
  const db = await getDbHandle();
  if (!takeover && ttlMs > renewAfterMs) {
    // Already this writer's, renewed less than renewAfterMs ago: nothing to write. A takeover
    // committed before this read has changed the token, so a fenced page still falls through
    // to the upsert below and is refused there.
    const fresh = await db.query<{ upload_id: string }>(
      `SELECT upload_id FROM upload_locks
        WHERE upload_id = $1 AND writer_token = $2
          AND expires_at > now() + make_interval(secs => $3::double precision / 1000)`,
      [uploadId, writerToken, ttlMs - renewAfterMs],
    );
    if (fresh.length > 0) return { ok: true };
  }
  // One statement: concurrent claims are serialised by the row (ON CONFLICT takes its lock).
  // Committed without waiting for the disk (lease-write.ts): a lease need not survive a crash.
  const rows = await leaseWrite<{ upload_id: string }>(
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
  await leaseWrite(`DELETE FROM upload_locks WHERE upload_id = $1`, [uploadId]);
}
