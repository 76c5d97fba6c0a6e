// No "server-only" import: the candidate pages' getServerSideProps (Pages Router, pages/i/) read
// through this module, and Next refuses that package there; eslint.config.mjs keeps it out of
// client code instead.
import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/**
 * 256 random bits, base64url (43 characters): a link token is a capability, never a database
 * id, and cannot be guessed or enumerated. Used for the public link and for invitations.
 */
export function newLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The candidate-facing URL of a token: APP_URL/i/<token>. */
export function publicUrl(token: string): string {
  return new URL(`/i/${encodeURIComponent(token)}`, env.APP_URL).toString();
}
