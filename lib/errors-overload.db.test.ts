// A database with no connection to spare is an overload (503, Retry-After), not a bug (500):
// the errors are produced for real, by Prisma over @prisma/adapter-pg on a pool of one
// connection that something else holds, the shape the app's pool gives when exhausted.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { pgConfigFromUrl } from "@/lib/db/client";
import { isDatabaseOverloaded, OVERLOADED_MESSAGE, toErrorBody } from "./errors";
import { route } from "./http";

let pool: pg.Pool;
let prisma: PrismaClient;

beforeAll(async () => {
  // connectionTimeoutMillis: pg's own pool timeout, the driver-level form of the same overload.
  pool = new pg.Pool({ ...pgConfigFromUrl(process.env.DATABASE_URL!), max: 1, connectionTimeoutMillis: 300 });
  prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
});

afterAll(async () => {
  await prisma.$disconnect();
  await pool.end();
});

async function whileExhausted<T>(fn: () => Promise<T>): Promise<T> {
  const held = await pool.connect();
  try {
    return await fn();
  } finally {
    held.release();
  }
}

describe("database overload", () => {
  it("a transaction that cannot start in time (P2028 through the adapter) is a 503 with Retry-After: 2, not a 500", async () => {
    // No connectionTimeoutMillis here (as in the app's pool): Prisma's maxWait gives up first.
    // The only connection is held by another request's transaction, as under load.
    const appLike = new pg.Pool({ ...pgConfigFromUrl(process.env.DATABASE_URL!), max: 1 });
    const client = new PrismaClient({ adapter: new PrismaPg(appLike) });
    const other = client.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1`;
      await new Promise((r) => setTimeout(r, 800));
    });
    await new Promise((r) => setTimeout(r, 150));
    const err = await client.$transaction(async (tx) => tx.$queryRaw`SELECT 1`, { maxWait: 200 }).catch((e: unknown) => e);
    await other;
    expect((err as { code?: string }).code).toBe("P2028");
    expect((err as Error).message).toMatch(/Unable to start a transaction in the given time/);
    expect(isDatabaseOverloaded(err)).toBe(true);

    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const mapped = toErrorBody(err, "req-overload");
    const handler = route(async () => {
      throw err;
    });
    const res = await handler(new NextRequest("http://localhost/api/x"), {});
    warn.mockRestore();
    expect(mapped.status).toBe(503);
    expect(mapped.retryAfterSeconds).toBe(2);
    expect(mapped.body.error).toEqual({ code: "UNAVAILABLE", message: OVERLOADED_MESSAGE, requestId: "req-overload" });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    expect((await res.json()).error.message).toBe(OVERLOADED_MESSAGE);

    // The same client works once the connection is free: nothing was left broken.
    expect(await client.$transaction(async (tx) => tx.$queryRaw<{ one: number }[]>`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
    await client.$disconnect();
    await appLike.end();
  });

  it("pg's pool timeout (a plain Error passed through the adapter) is a 503 too, for queries and transactions", async () => {
    const errors = await whileExhausted(async () => [
      await prisma.$queryRaw`SELECT 1`.catch((e: unknown) => e),
      await prisma.$transaction(async (tx) => tx.$queryRaw`SELECT 1`, { maxWait: 2000 }).catch((e: unknown) => e),
    ]);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    for (const err of errors) {
      expect((err as Error).message).toBe("timeout exceeded when trying to connect");
      expect(toErrorBody(err).status).toBe(503);
    }
    warn.mockRestore();
  });

  it("other errors stay what they were: a transaction that expired while running (also P2028) and a failing query are 500s", async () => {
    const expired = await prisma
      .$transaction(
        async (tx) => {
          await new Promise((r) => setTimeout(r, 300));
          return tx.$queryRaw`SELECT 1`;
        },
        { timeout: 50 },
      )
      .catch((e: unknown) => e);
    expect((expired as { code?: string }).code).toBe("P2028");
    const syntax = await prisma.$queryRawUnsafe("SELEC 1").catch((e: unknown) => e);
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(isDatabaseOverloaded(expired)).toBe(false);
    expect(toErrorBody(expired).status).toBe(500);
    expect(toErrorBody(syntax).status).toBe(500);
    expect(toErrorBody(new Error("timeout exceeded when trying to connect, not really")).status).toBe(500);
    error.mockRestore();
  });
});
