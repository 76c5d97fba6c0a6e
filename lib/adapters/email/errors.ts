/**
 * A provider's answer to one send. `permanent`: the provider refused this recipient (Resend
 * 422 about `to`, SMTP 550/551/552/553 to RCPT TO), so the address is marked failed. Otherwise
 * it is transient (network, timeouts, 5xx, 429, SMTP 4xx, and our own credential or
 * configuration errors such as Resend 401/403 or SMTP 530/535) and retried with back-off.
 */
export class EmailDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    /** The provider's status: an HTTP status (Resend) or an SMTP reply code; null for network errors. */
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = "EmailDeliveryError";
  }
}
