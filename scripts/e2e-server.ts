// Starts the production build for Playwright on a database of its own: a fresh PostgreSQL
// database next to DATABASE_URL's when it is set, otherwise a fresh PGlite directory.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const port = process.env.E2E_PORT ?? "3100";
const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };

if (process.env.DATABASE_URL) {
  const url = new URL(process.env.DATABASE_URL);
  const name = `${url.pathname.slice(1) || "postgres"}_e2e`;
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: maintenance.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  url.pathname = `/${name}`;
  childEnv.DATABASE_URL = url.toString();
  childEnv.DATA_DIR = path.resolve(".data", "e2e-pg");
} else {
  childEnv.DATA_DIR = path.resolve(".data", "e2e");
}
rmSync(childEnv.DATA_DIR!, { recursive: true, force: true });

const run = (cmd: string, args: string[]) =>
  spawn(cmd, args, { env: childEnv, stdio: "inherit" });

const migrate = run("npx", ["tsx", "scripts/migrate.ts"]);
migrate.on("exit", (code) => {
  if (code !== 0) process.exit(code ?? 1);
  const server = run("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"]);
  const stop = () => server.kill("SIGTERM");
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  server.on("exit", (c) => process.exit(c ?? 0));
});
