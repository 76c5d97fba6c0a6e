// Prisma CLI configuration. The JS schema engine with a driver adapter means no engine
// binary is ever downloaded. With DATABASE_URL the CLI talks to PostgreSQL (e.g.
// `prisma migrate deploy` on Vercel); without it, to a throwaway in-memory PGlite, which is
// enough for `prisma migrate diff` / `prisma generate`.
import path from "node:path";
import { defineConfig } from "prisma/config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations"), seed: "tsx --import ./scripts/server-only.mjs prisma/seed.ts" },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (url) {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      const u = new URL(url);
      // Discrete fields, not connectionString: with a connection string the adapter's shadow
      // database ended up being the main one.
      return new PrismaPg({
        host: u.hostname,
        port: Number(u.port || 5432),
        user: decodeURIComponent(u.username),
        password: decodeURIComponent(u.password),
        database: u.pathname.slice(1),
        idleTimeoutMillis: 500,
      });
    }
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    return new PrismaPGlite(new PGlite());
  },
});
