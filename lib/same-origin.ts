// Cross-site request forgery guard for state-changing requests, shared by the route wrapper
// (lib/http.ts) and the proxy's Server Action checks. A browser request must come from a page
// of this app. Browsers say where a request comes from in Sec-Fetch-Site (and in Origin); a
// page on another site, or on another port or subdomain of this one ("same-site"), is refused.
// Requests without either header are not from a modern browser, so they carry no ambient
// cookies an attacker could borrow. Requests authenticated by an API key (`Authorization:
// Bearer ivk_…`) are exempt: a page cannot attach such a header cross-site without a CORS
// preflight we never grant. Any other Authorization is checked like a cookie: a browser
// attaches HTTP Basic credentials (a staging site behind Basic auth) to cross-site requests
// on its own, along with the session cookie.
import { env } from "@/lib/env";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const CROSS_SITE_MESSAGE = "This request came from another site and was refused. Reload the page and try again.";

/** An API key in the Authorization header (the shape of lib/server/api-keys/api-key-token.ts; lib/auth/api-auth.ts reads it). */
const API_KEY_AUTHORIZATION = /^Bearer[ \t]+ivk_[A-Za-z0-9_-]{43}[ \t]*$/i;

/** True when the request may change state as far as its origin is concerned. */
export function isSameOriginRequest(req: Request): boolean {
  if (SAFE_METHODS.has(req.method) || API_KEY_AUTHORIZATION.test(req.headers.get("authorization") ?? "")) return true;
  const site = req.headers.get("sec-fetch-site");
  if (site === "same-origin" || site === "none") return true;
  if (site) return false;
  const origin = req.headers.get("origin");
  return origin === null || allowedOrigins(req).has(origin);
}

/** APP_URL's origin, and the origin the request itself was addressed to (Host, as Next.js' own Server Action check does). */
function allowedOrigins(req: Request): Set<string> {
  const allowed = new Set([new URL(env.APP_URL).origin]);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (host) {
    allowed.add(`http://${host}`);
    allowed.add(`https://${host}`);
  }
  return allowed;
}
