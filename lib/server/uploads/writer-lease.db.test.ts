// The writer lease's renewal: a request that finds the lease its own and recently written only
// reads it; an older lease is written again; fencing and takeovers are unchanged by the read.
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDbHandle } from "@/lib/db/client";
import { claimWriterLease, WRITER_LEASE_MS, WRITER_LEASE_RENEW_AFTER_MS } from "./writer-lease";

const writer = () => randomBytes(16).toString("base64url");

async function leaseOf(uploadId: string) {
  const db = await getDbHandle();
  const [row] = await db.query<{ writer_token: string; expires_at: Date; updated_at: Date; left_ms: number }>(
    `SELECT writer_token, expires_at, updated_at, (extract(epoch FROM expires_at - now()) * 1000)::float8 AS left_ms FROM upload_locks WHERE upload_id = $1`,
    [uploadId],
  );
  return row!;
}

/** Moves the lease's times back by `ms`, as if it had been written that long ago. */
async function age(uploadId: string, ms: number) {
  const db = await getDbHandle();
  await db.query(
    `UPDATE upload_locks SET expires_at = expires_at - make_interval(secs => $2::double precision / 1000),
                             updated_at = updated_at - make_interval(secs => $2::double precision / 1000) WHERE upload_id = $1`,
    [uploadId, ms],
  );
}

describe("writer lease renewal", () => {
  it("a recent lease of the same writer is only read; one older than the renewal interval is written again for the full ttl", async () => {
    const uploadId = randomUUID();
    const me = writer();
    expect(await claimWriterLease({ uploadId, writerToken: me })).toEqual({ ok: true });
    const first = await leaseOf(uploadId);
    expect(await claimWriterLease({ uploadId, writerToken: me })).toEqual({ ok: true });
    expect((await leaseOf(uploadId)).updated_at).toEqual(first.updated_at);

    await age(uploadId, WRITER_LEASE_RENEW_AFTER_MS + 1000);
    const aged = await leaseOf(uploadId);
    expect(await claimWriterLease({ uploadId, writerToken: me })).toEqual({ ok: true });
    const renewed = await leaseOf(uploadId);
    expect(renewed.updated_at.getTime()).toBeGreaterThan(aged.updated_at.getTime());
    expect(renewed.left_ms).toBeGreaterThan(WRITER_LEASE_MS - 2000);
    expect(renewed.left_ms).toBeLessThanOrEqual(WRITER_LEASE_MS);
  });

  it("another page is refused while the lease is fresh; after a takeover the old page is refused even though its lease was recent", async () => {
    const uploadId = randomUUID();
    const first = writer();
    const second = writer();
    expect((await claimWriterLease({ uploadId, writerToken: first })).ok).toBe(true);
    const refused = await claimWriterLease({ uploadId, writerToken: second });
    expect(refused.ok).toBe(false);
    expect((await claimWriterLease({ uploadId, writerToken: second, takeover: true })).ok).toBe(true);
    expect((await leaseOf(uploadId)).writer_token).toBe(second);
    expect((await claimWriterLease({ uploadId, writerToken: first })).ok).toBe(false);
    expect((await claimWriterLease({ uploadId, writerToken: second })).ok).toBe(true);
  });

  it("a lapsed lease is not renewed by a read: another writer can take it", async () => {
    const uploadId = randomUUID();
    const first = writer();
    expect((await claimWriterLease({ uploadId, writerToken: first })).ok).toBe(true);
    await age(uploadId, WRITER_LEASE_MS + 1000);
    expect((await claimWriterLease({ uploadId, writerToken: writer() })).ok).toBe(true);
    expect((await claimWriterLease({ uploadId, writerToken: first })).ok).toBe(false);
  });
});
