// Writes of short-lived lease rows (upload_locks: the writer lease; tus_locks: tus's lock on
// an S3 store) commit without waiting for the WAL to reach the disk. A lease is worthless after
// a PostgreSQL crash (its holders' requests died with the connections), so durability buys
// nothing, while every synchronous commit waits for an fsync: a few ms per chunk of an upload
// on a loaded machine (docs/benchmarks.md, issue 10). The change is visible to every other
// session at once, as with any commit; only a crash within ~3 × wal_writer_delay may forget it,
// which at worst revives the previous lease (a takeover is then refused once and repeated; tus's
// offset check still keeps bytes from overlapping). SET LOCAL ends with the transaction, so the
// pooled connection goes back with the server's default.
import "server-only";
import { getDbHandle } from "./client";

/** Runs one lease statement in its own transaction with `synchronous_commit = off`. */
export async function leaseWrite<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
  const db = await getDbHandle();
  return db.transaction(async (conn) => {
    await conn.exec("SET LOCAL synchronous_commit = off");
    return conn.query<T>(sql, params);
  });
}
