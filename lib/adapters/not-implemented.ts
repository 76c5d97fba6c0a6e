/**
 * A variable is set for an integration this release does not have. Thrown at start so that a
 * deployment never believes it uses a service while the app silently falls back to a local one.
 */
export class AdapterNotImplementedError extends Error {
  constructor(
    readonly variables: string[],
    message: string,
  ) {
    super(message);
    this.name = "AdapterNotImplementedError";
  }
}
