// Upload grants: what lets a candidate's page write one take's recording through the tus
// endpoint (app/api/uploads). The candidate flow issues one when recording starts; the upload
// route checks it on every request. A grant is `<payload>.<signature>`, both base64url: the
// payload is JSON {takeId, sessionId, userId, maxBytes, expiresAt}, the signature an
// HMAC-SHA256 of the payload's text with a key derived from the app's secret (lib/auth/secret).
// Nothing is stored: a grant is valid until it expires, and only for its own take.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { authSecret } from "@/lib/auth/secret";

export type UploadGrant = {
  /** The take (one recording attempt) this grant may write; it is also the upload's id. */
  takeId: string;
  sessionId: string;
  /** The interview's owner, whose storage the upload counts against. */
  userId: string;
  /** The most bytes the upload may hold. */
  maxBytes: number;
  /** Milliseconds since the epoch. */
  expiresAt: number;
};

const uuid = z.uuid();
const grantSchema = z.strictObject({
  takeId: uuid,
  sessionId: uuid,
  userId: uuid,
  maxBytes: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  expiresAt: z.number().int().positive(),
});

/** Longest accepted token (a grant is ~250 characters); anything longer is junk. */
const MAX_TOKEN_LENGTH = 1024;
const TOKEN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/;

// A key of its own for grants, so a grant can never pass for a session cookie or the reverse.
function grantKey(): Buffer {
  return createHmac("sha256", authSecret()).update("intervue:upload-grant:v1").digest();
}

function sign(payload: string): Buffer {
  return createHmac("sha256", grantKey()).update(payload).digest();
}

/** Signs a grant. `ttlSeconds` sets expiresAt from now unless expiresAt is given. */
export function createUploadGrant(
  input: Omit<UploadGrant, "expiresAt"> & ({ expiresAt: Date | number } | { ttlSeconds: number }),
): string {
  const expiresAt =
    "expiresAt" in input
      ? input.expiresAt instanceof Date
        ? input.expiresAt.getTime()
        : input.expiresAt
      : Date.now() + input.ttlSeconds * 1000;
  const grant = grantSchema.parse({
    takeId: input.takeId,
    sessionId: input.sessionId,
    userId: input.userId,
    maxBytes: input.maxBytes,
    expiresAt: Math.floor(expiresAt),
  });
  const payload = Buffer.from(JSON.stringify(grant)).toString("base64url");
  return `${payload}.${sign(payload).toString("base64url")}`;
}

/** The grant a token carries, or null when it is malformed, forged or expired. */
export function verifyUploadGrant(token: string | null | undefined, now: number = Date.now()): UploadGrant | null {
  const read = readUploadGrant(token);
  return read && read.expiresAt > now ? read : null;
}

/**
 * A grant this server signed whose time is up (null for anything else, a valid grant included):
 * the upload route answers it with 401 grant_expired, so the page renews it
 * (POST /i/<token>/takes/<id>/grant) instead of giving the answer up.
 */
export function expiredUploadGrant(token: string | null | undefined, now: number = Date.now()): UploadGrant | null {
  const read = readUploadGrant(token);
  return read && read.expiresAt <= now ? read : null;
}

// A grant's payload when its signature is this server's, expired or not.
function readUploadGrant(token: string | null | undefined): UploadGrant | null {
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) return null;
  const trimmed = token.trim();
  if (!TOKEN.test(trimmed)) return null;
  const dot = trimmed.indexOf(".");
  const payload = trimmed.slice(0, dot);
  const given = Buffer.from(trimmed.slice(dot + 1), "base64url");
  const expected = sign(payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = grantSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
