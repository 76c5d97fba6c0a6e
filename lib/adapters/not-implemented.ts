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

export function notImplemented(variables: string[], integration: string, meanwhile: string): AdapterNotImplementedError {
  const names = variables.join(" and ");
  const verb = variables.length > 1 ? "are" : "is";
  return new AdapterNotImplementedError(
    variables,
    `${names} ${verb} set, but ${integration} is not implemented yet. Unset ${names}: ${meanwhile}`,
  );
}
