import { NextResponse, type NextRequest } from "next/server";
import { mediaOrigin as storageMediaOrigin } from "@/lib/adapters/storage/kind";
import { env } from "@/lib/env";
import { guardRequest } from "@/lib/request-guard";
import { CANDIDATE_PAGE, candidateLinkGone } from "@/lib/server/candidates/candidate-link-gone";
import { SESSION_COOKIE } from "@/lib/server/candidates/session-access";
import { HSTS, newNonce, pageCsp } from "@/lib/security-headers";

const ssoOrigin = (() => {
  try {
    return env.KEYCLOAK_ISSUER ? new URL(env.KEYCLOAK_ISSUER).origin : undefined;
  } catch {
    return undefined;
  }
})();

// S3's presigned playback URLs are fetched by the page's <video> from S3 itself.
const mediaOrigin = (() => {
  try {
    return storageMediaOrigin(env);
  } catch {
    return undefined; // a storage that is not implemented: the start-time check reports it
  }
})();

// For every page:
// - tells server components which URL was asked for, so a signed-out visitor sent to the
//   sign-in page comes back to that very page (layouts cannot see the path otherwise);
// - a per-request CSP nonce (see lib/security-headers.ts), passed to Next.js in the request's
//   CSP header so its inline scripts carry it;
// - HSTS when served over HTTPS;
// - malformed paths and Server Action calls get a 4xx instead of Next's 500 (lib/request-guard.ts);
// - a candidate page of a closed or expired link gets status 410: a page cannot set its own
//   status in the App Router, the proxy's response can (the page shows why, deciding with the
//   same isGone as candidateLinkGone here).
// API routes come here only for the path check (see the matcher).
export async function proxy(req: NextRequest) {
  const refused = await guardRequest(req, req.nextUrl.pathname);
  if (refused) return refused;
  if (req.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();
  const nonce = newNonce();
  const csp = pageCsp({ nonce, dev: env.NODE_ENV !== "production", ssoOrigin, mediaOrigin });
  const headers = new Headers(req.headers);
  headers.set("x-pathname", `${req.nextUrl.pathname}${req.nextUrl.search}`);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  // Not a rewrite to a page of its own: `next start -H <host>` builds the proxy's request URL
  // with "localhost", and a rewrite to another origin is proxied over the network.
  const res = (await candidateGone(req)) ? NextResponse.next({ status: 410, request: { headers } }) : NextResponse.next({ request: { headers } });
  res.headers.set("content-security-policy", csp);
  if (req.nextUrl.protocol === "https:" || env.APP_URL.startsWith("https:")) res.headers.set("strict-transport-security", HSTS);
  return res;
}

/** Whether this is a candidate page (GET/HEAD) whose link is gone for this browser. */
async function candidateGone(req: NextRequest): Promise<boolean> {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const token = CANDIDATE_PAGE.exec(req.nextUrl.pathname)?.[1];
  if (!token) return false;
  try {
    return await candidateLinkGone({ token, secret: req.cookies.get(SESSION_COOKIE)?.value });
  } catch (err) {
    // The page itself reads the link again and shows the same state (with status 200).
    console.error("[proxy] candidate link state", err instanceof Error ? err.message : err);
    return false;
  }
}

export const config = {
  matcher: [
    "/((?!api/|_next/static|_next/image|favicon.ico).*)",
    // Next buffers (and truncates past 10 MB) any request body the proxy sees: API requests
    // with a body, uploads above all, come here only when their path has an escape (%) that
    // Next might fail to decode (upload paths are plain ids).
    {
      source: "/api/:path*",
      missing: [
        { type: "header", key: "content-length" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
    "/api/:path(.*%.*)",
  ],
};
