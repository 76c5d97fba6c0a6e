/** Only same-site paths: an open redirect through ?callbackUrl= is a phishing tool. */
export function safeCallbackPath(value: string | string[] | undefined | null, fallback = "/dashboard"): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v || !v.startsWith("/") || v.startsWith("//") || v.startsWith("/\\")) return fallback;
  return v;
}
