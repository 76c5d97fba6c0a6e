// Lease writes commit with synchronous_commit off inside their own transaction, and the setting
// does not leak to the pooled connection afterwards.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDbHandle } from "./client";
import { leaseWrite } from "./lease-write";

describe("leaseWrite", () => {
  it("runs its statement with synchronous_commit off, commits it, and leaves the pool's connections at the default", async () => {
    const db = await getDbHandle();
    const [before] = await db.query<{ s: string }>(`SELECT current_setting('synchronous_commit') AS s`);
    expect(before!.s).toBe("on");

    const uploadId = randomUUID();
    const rows = await leaseWrite<{ upload_id: string; sc: string }>(
      `INSERT INTO upload_locks (upload_id, writer_token, expires_at, updated_at)
       VALUES ($1, 'lease-write-test-token', now() + interval '30 seconds', now())
       RETURNING upload_id, current_setting('synchronous_commit') AS sc`,
      [uploadId],
    );
    expect(rows).toEqual([{ upload_id: uploadId, sc: "off" }]);
    // Committed: another connection sees it.
    expect(await db.query(`SELECT upload_id FROM upload_locks WHERE upload_id = $1`, [uploadId])).toHaveLength(1);

    // SET LOCAL ended with the transaction: every pooled connection is back at the default.
    const settings = await Promise.all(
      Array.from({ length: 12 }, () => db.query<{ s: string }>(`SELECT current_setting('synchronous_commit') AS s, pg_sleep(0.02)`)),
    );
    expect(settings.map((r) => r[0]!.s)).toEqual(Array(12).fill("on"));

    await leaseWrite(`DELETE FROM upload_locks WHERE upload_id = $1`, [uploadId]);
    expect(await db.query(`SELECT 1 FROM upload_locks WHERE upload_id = $1`, [uploadId])).toHaveLength(0);
  });

  it("a failing statement is rolled back and reported", async () => {
    const uploadId = randomUUID();
    await expect(
      leaseWrite(`INSERT INTO upload_locks (upload_id, writer_token, expires_at, updated_at) VALUES ($1, NULL, now(), now())`, [uploadId]),
    ).rejects.toThrow();
    const db = await getDbHandle();
    expect(await db.query(`SELECT 1 FROM upload_locks WHERE upload_id = $1`, [uploadId])).toHaveLength(0);
  });
});
