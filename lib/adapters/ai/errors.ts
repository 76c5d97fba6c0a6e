/**
 * What went wrong calling an AI provider, in terms the caller can act on:
 * - `rate_limited` (429) and `unavailable` (5xx, network) and `timeout` are retryable; the
 *   durable engine retries them (after `retryAfterMs` when the provider said how long to wait),
 *   the SDK itself never does.
 * - `auth` (401/403) and `invalid_request` (400/404/422) are permanent: the configuration or
 *   the request is wrong, and repeating it changes nothing.
 * - `invalid_output`: the model answered twice with something unusable (not JSON, not the schema,
 *   a refusal, cut off).
 * `message` is meant for HR and the logs: it names the provider's host and status and never
 * contains an API key.
 */
export type ProviderErrorKind = "rate_limited" | "unavailable" | "auth" | "invalid_request" | "invalid_output" | "timeout";

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly retryable: boolean;
  /** How long the provider asked us to wait (Retry-After, retry-after-ms). */
  readonly retryAfterMs?: number;
  /** The provider's HTTP status, when there was an answer. */
  readonly status?: number;

  constructor(init: { kind: ProviderErrorKind; retryable: boolean; message: string; retryAfterMs?: number; status?: number }) {
    super(init.message);
    this.name = "ProviderError";
    this.kind = init.kind;
    this.retryable = init.retryable;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.status !== undefined) this.status = init.status;
  }
}
