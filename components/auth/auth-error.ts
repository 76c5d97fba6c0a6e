// ?error= on the sign-in page comes from a link anyone can craft: only these codes are shown,
// each as fixed text of the "auth.errors" messages; anything else is the generic failure.
const KNOWN_ERRORS = new Set([
  "CredentialsSignin",
  "RateLimited",
  "AccountDeleted",
  "SsoNoEmail",
  "OAuthSignin",
  "OAuthCallback",
  "OAuthAccountNotLinked",
  "AccessDenied",
  "Callback",
  "SessionRequired",
]);

export type AuthErrorMessage = { key: string; values?: { count: number } };

/** The "auth.errors" message for a sign-in error code, or null when there is none. */
export function authErrorMessage(error: string | null | undefined): AuthErrorMessage | null {
  if (!error) return null;
  // "RateLimited:<seconds>": the wait is a number, so the message stays ours.
  const wait = /^RateLimited:(\d{1,6})$/.exec(error);
  if (wait) {
    const seconds = Number(wait[1]);
    return seconds < 60
      ? { key: "retryInSeconds", values: { count: seconds } }
      : { key: "retryInMinutes", values: { count: Math.ceil(seconds / 60) } };
  }
  return { key: KNOWN_ERRORS.has(error) ? error : "failed" };
}

/** A translator for the "auth.errors" namespace. */
export type AuthErrorTranslate = (key: string, values?: { count: number }) => string;

export function readableAuthError(error: string | null | undefined, t: AuthErrorTranslate): string | null {
  const message = authErrorMessage(error);
  return message && t(message.key, message.values);
}
