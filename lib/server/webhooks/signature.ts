// Standard Webhooks signing (https://www.standardwebhooks.com): the secret is `whsec_` + the
// base64 of a random key; each request carries `webhook-id` (the message id, the same on every
// retry and resend), `webhook-timestamp` (Unix seconds) and `webhook-signature`: `v1,` + the
// base64 HMAC-SHA256, under the decoded key, of `${id}.${timestamp}.${body}`. Receivers verify
// with any Standard Webhooks library (e.g. npm `standardwebhooks`).
import { createHmac, randomBytes } from "node:crypto";

export const SECRET_PREFIX = "whsec_";
/** 32 random bytes: within the spec's 24–64. */
const KEY_BYTES = 32;

export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(KEY_BYTES).toString("base64");
}

function keyOf(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error("a webhook secret starts with whsec_");
  return Buffer.from(secret.slice(SECRET_PREFIX.length), "base64");
}

export type WebhookHeaders = { "webhook-id": string; "webhook-timestamp": string; "webhook-signature": string };

/** The three Standard Webhooks headers for `body`, signed now (or at `at`). */
export function signWebhook({ secret, id, body, at = new Date() }: { secret: string; id: string; body: string; at?: Date }): WebhookHeaders {
  const timestamp = Math.floor(at.getTime() / 1000).toString();
  const signature = createHmac("sha256", keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest("base64");
  return { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": `v1,${signature}` };
}
