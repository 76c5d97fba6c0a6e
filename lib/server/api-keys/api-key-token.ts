import "server-only";
import { createHash, randomBytes } from "node:crypto";

// An API key is "ivk_" followed by 32 random bytes in base64url (43 characters): 256 bits a
// caller cannot guess. Only its SHA-256 (hex) is stored, so a database leak reveals no usable
// key; a fast hash is enough because the key is random, not a password. The first characters
// are kept in clear so HR can tell keys apart.
export const API_KEY_PREFIX = "ivk_";
const KEY = /^ivk_[A-Za-z0-9_-]{43}$/;
/** "ivk_" and the first 8 characters of the secret part. */
const DISPLAY_LENGTH = API_KEY_PREFIX.length + 8;

export function newApiKey(): { key: string; hash: string; prefix: string } {
  const key = API_KEY_PREFIX + randomBytes(32).toString("base64url");
  return { key, hash: hashApiKey(key), prefix: key.slice(0, DISPLAY_LENGTH) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** True when the text has the shape of one of our keys (checked before any database lookup). */
export function looksLikeApiKey(value: string): boolean {
  return KEY.test(value);
}
