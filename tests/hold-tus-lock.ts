// A separate process that takes a tus lock in PostgreSQL and never unlocks: the pg-locker test
// kills it (SIGKILL) to see the lock of a crashed instance lapse.
// Usage: DATABASE_URL=... tsx tests/hold-tus-lock.ts <upload id> <lease ms>
import pg from "pg";
import { PgLocker } from "@/lib/server/uploads/pg-locker";

const [id, leaseMs] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
const locker = new PgLocker({ query: () => async (sql, params) => (await pool.query(sql, params)).rows, leaseMs: Number(leaseMs) });
await locker.newLock(id!).lock(new AbortController().signal, () => {});
process.stdout.write("locked\n");
// Keeps renewing until killed.
setInterval(() => {}, 1000);
