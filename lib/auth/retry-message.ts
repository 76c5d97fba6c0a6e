// Throttling messages, shared by the server (429 bodies) and the sign-in form (which shows
// them for the RateLimited:<seconds> code); no dependencies so the browser bundle stays small.
function inTime(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

export function retryMessage(seconds: number): string {
  return `Too many failed sign-in attempts. Try again in ${inTime(seconds)}.`;
}

export function signUpRetryMessage(seconds: number): string {
  return `Too many sign-ups from your network. Try again in ${inTime(seconds)}.`;
}
