// Runs once before all test files: migrates the template database the files clone.
import { spawnSync } from "node:child_process";
import { admin, baseUrl, templateName, withDatabase } from "./test-db";

export default async function setup() {
  const url = baseUrl();
  if (!url) return;
  const template = templateName(url);
  await admin(url, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${template}"`);
  });
  // The same migration command the app uses, in its own process so no pool stays open on
  // the template (PostgreSQL refuses to clone a database that has connections).
  const res = spawnSync("npx", ["tsx", "scripts/migrate.ts"], {
    env: { ...process.env, DATABASE_URL: withDatabase(url, template) },
    encoding: "utf8",
  });
  if (res.status !== 0) throw new Error(`migrating the test template failed:\n${res.stdout}\n${res.stderr}`);
}
