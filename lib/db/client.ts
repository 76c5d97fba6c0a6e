// The one Prisma client. DATABASE_URL → PostgreSQL through @prisma/adapter-pg;
// otherwise PGlite in DATA_DIR/pglite (one process may own that directory at a time).
import path from "node:path";
import { mkdirSync } from "node:fs";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { acquirePgliteLock } from "./pglite-lock";

export type Db = PrismaClient;

export type RawConnection = {
  /** Runs a raw SQL script (several statements). */
  exec: (sql: string) => Promise<void>;
  query: <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;
};

type Handle = RawConnection & {
  prisma: PrismaClient;
  /** Runs fn on one dedicated connection (session-level locks need that). */
  withConnection: <T>(fn: (conn: RawConnection) => Promise<T>) => Promise<T>;
  /**
   * LISTEN on a channel; onNotify runs for every NOTIFY committed on it. onError reports a lost
   * connection (the caller polls meanwhile and listens again). Resolves to the unsubscribe.
   */
  listen: (channel: string, onNotify: () => void, onError?: (err: Error) => void) => Promise<() => Promise<void>>;
  /** Runs fn in one raw SQL transaction (the event runner's claims and state changes). */
  transaction: <T>(fn: (conn: RawConnection) => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
  kind: "postgresql" | "pglite";
  target: string;
};

// Cached on globalThis so that Next's hot reload and separately bundled route modules share
// one connection pool and, above all, one PGlite instance per directory.
const cache = globalThis as unknown as { __dbHandles?: Map<string, Promise<Handle>> };
cache.__dbHandles ??= new Map();

export function pgConfigFromUrl(url: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username) || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.slice(1)) || undefined,
    ssl: u.searchParams.get("sslmode") === "require" ? { rejectUnauthorized: false } : undefined,
  };
}

function pgliteDir(): string {
  if (env.PGLITE_DIR) return env.PGLITE_DIR;
  return path.resolve(env.DATA_DIR, "pglite");
}

export function dbTarget(): string {
  return env.DATABASE_URL ? env.DATABASE_URL : `pglite:${pgliteDir()}`;
}

async function openPostgres(url: string): Promise<Handle> {
  // Every delivery the runner executes at once may hold a connection (a consumer's
  // transaction), and the runner needs its own for claims, outcomes and heartbeats.
  const pool = new pg.Pool({ ...pgConfigFromUrl(url), max: Math.max(10, env.EVENT_RUNNER_CONCURRENCY + 5), idleTimeoutMillis: 10_000 });
  // A dropped idle connection must not crash the process.
  pool.on("error", (err) => console.error("[db] idle client error", err.message));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    kind: "postgresql",
    target: url,
    exec: async (sql) => {
      await pool.query(sql);
    },
    query: async (sql, params) => (await pool.query(sql, params as unknown[])).rows,
    withConnection: async (fn) => {
      const client = await pool.connect();
      try {
        return await fn({
          exec: async (sql) => {
            await client.query(sql);
          },
          query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
        });
      } finally {
        client.release();
      }
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn({
          exec: async (sql) => {
            await client.query(sql);
          },
          query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
        });
        await client.query("COMMIT");
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    listen: async (channel, onNotify, onError) => {
      // A dedicated connection: a pooled one would be handed to other queries.
      const client = new pg.Client(pgConfigFromUrl(url));
      let closed = false;
      client.on("notification", (msg) => {
        if (msg.channel === channel) onNotify();
      });
      client.on("error", (err) => {
        if (!closed) onError?.(err);
      });
      await client.connect();
      await client.query(`LISTEN "${channel.replace(/"/g, "")}"`);
      return async () => {
        closed = true;
        await client.end().catch(() => {});
      };
    },
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPglite(dir: string): Promise<Handle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const inMemory = dir.startsWith("memory://");
  let release = () => {};
  if (!inMemory) {
    mkdirSync(dir, { recursive: true });
    release = acquirePgliteLock(dir);
  }
  const client: PGlite = await PGlite.create(dir).catch((err: unknown) => {
    release();
    throw err;
  });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) });
  const raw: RawConnection = {
    exec: async (sql) => {
      await client.exec(sql);
    },
    query: async <T,>(sql: string, params?: unknown[]) => (await client.query<T>(sql, params)).rows,
  };
  return {
    ...raw,
    prisma,
    kind: "pglite",
    target: `pglite:${dir}`,
    withConnection: (fn) => fn(raw),
    listen: async (channel, onNotify) => {
      const unsubscribe = await client.listen(channel, () => onNotify());
      return async () => {
        await unsubscribe().catch(() => {});
      };
    },
    // PGlite has one connection: its transaction() holds it, so other queries wait their turn.
    transaction: (fn) =>
      client.transaction((tx) =>
        fn({
          exec: async (sql) => {
            await tx.exec(sql);
          },
          query: async <T,>(sql: string, params?: unknown[]) => (await tx.query<T>(sql, params)).rows,
        }),
      ),
    close: async () => {
      await prisma.$disconnect();
      await client.close();
      release();
    },
  };
}

export function getDbHandle(): Promise<Handle> {
  const target = dbTarget();
  let handle = cache.__dbHandles!.get(target);
  if (!handle) {
    handle = env.DATABASE_URL ? openPostgres(env.DATABASE_URL) : openPglite(pgliteDir());
    cache.__dbHandles!.set(target, handle);
    handle.catch(() => cache.__dbHandles!.delete(target));
  }
  return handle;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).prisma;
}

/** Closes the connection (and PGlite, which $disconnect alone leaves open). */
export async function closeDb(): Promise<void> {
  const target = dbTarget();
  const handle = cache.__dbHandles!.get(target);
  if (!handle) return;
  cache.__dbHandles!.delete(target);
  await (await handle).close();
}

/** A transaction client, as use cases receive it. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
