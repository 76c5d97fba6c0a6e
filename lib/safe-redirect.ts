// Where ?callbackUrl= may send the browser after sign-in. An open redirect there is a
// phishing tool, and a string check is not enough: browsers strip tabs and newlines from URLs
// ("/\t/evil.example" is "//evil.example", a different host) and a Location header with a
// control character is a 500. So the value is resolved the way a browser would and only
// same-origin paths survive, re-serialised from the parsed URL.

// Any origin works: only "did the origin stay the same" matters, never which one it is.
const BASE = "http://app.invalid";

/** A same-origin path (with query and hash), or `fallback`. */
export function safeCallbackPath(value: string | string[] | undefined | null, fallback = "/dashboard"): string {
  const v = Array.isArray(value) ? value[0] : value;
  // Only root-relative paths; a control character (including tab, CR, LF, NUL) or a
  // backslash means someone is playing with parsers, so the answer is the fallback.
  if (typeof v !== "string" || !v.startsWith("/") || v.length > 2048) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(v) || !v.isWellFormed()) return fallback;
  let url: URL;
  try {
    url = new URL(v, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "//x" after normalisation (e.g. "/./%2F/x" stays encoded, but be sure) is protocol-relative.
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}
