import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

let cached: string | undefined;

/**
 * AUTH_SECRET when configured. Otherwise (the embedded default) a random secret generated
 * once and kept in DATA_DIR, so sessions survive restarts without any setup.
 */
export function authSecret(): string {
  if (cached) return cached;
  if (env.AUTH_SECRET) return (cached = env.AUTH_SECRET);
  const file = path.resolve(env.DATA_DIR, "auth-secret");
  try {
    cached = readFileSync(file, "utf8").trim();
    if (cached.length >= 32) return cached;
  } catch {
    // not created yet
  }
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    cached = randomBytes(32).toString("base64url");
    writeFileSync(file, cached, { mode: 0o600, flag: "w" });
    return cached;
  } catch (err) {
    throw new Error(
      `AUTH_SECRET is not set and no secret could be stored in ${file} (${(err as Error).message}). Set AUTH_SECRET.`,
    );
  }
}
