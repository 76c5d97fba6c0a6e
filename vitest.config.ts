import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const shared = {
  resolve: {
    alias: {
      "@": root,
      // The real package throws outside React Server Components; tests are server code.
      "server-only": path.resolve(root, "tests/empty-module.ts"),
    },
  },
};
const exclude = ["node_modules/**", "e2e/**", ".next/**", "lib/generated/**"];

export default defineConfig({
  ...shared,
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest's default is one worker fewer than cores: one on CI's 2 cores. Much of a file's time
    // is spent waiting (PostgreSQL, child processes, timers), so two files at a time are faster
    // there (measured: 24 db files 246 s with one worker, 177 s with two).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        ...shared,
        test: {
          name: "unit",
          // Some unit tests run CLIs as child processes (tsx start-up on 2 cores).
          testTimeout: 30_000,
          include: ["**/*.test.{ts,tsx}"],
          exclude: [...exclude, "**/*.db.test.{ts,tsx}"],
        },
      },
      {
        ...shared,
        // Integration tests: each file gets its own PostgreSQL database (DATABASE_URL) or PGlite.
        test: {
          name: "db",
          include: ["**/*.db.test.{ts,tsx}"],
          exclude,
          globalSetup: ["tests/global-setup.ts"],
          setupFiles: ["tests/setup-db.ts"],
          pool: "forks",
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
