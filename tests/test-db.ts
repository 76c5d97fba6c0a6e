// Test databases. With DATABASE_URL (CI, and anyone with a PostgreSQL): one database per test
// file, cloned from a migrated template. Without it: one in-memory PGlite per test file.
import { randomBytes } from "node:crypto";
import pg from "pg";

export function baseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export function templateName(url: string): string {
  const db = new URL(url).pathname.slice(1) || "postgres";
  return `${db}_test_template`;
}

export async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  // The maintenance database: the one named in the URL need not exist yet.
  const client = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
}
