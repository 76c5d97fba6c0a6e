/**
 * A provider's answer to one send. `permanent`: sending the same email again cannot succeed
 * (invalid recipient, a 4xx from Resend such as 422, an SMTP 5xx such as 550). Otherwise it is
 * transient (network, timeouts, 5xx, 429, SMTP 4xx such as 421) and worth retrying.
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
