// Checks the proxy makes before Next.js sees a request, for input that Next.js itself would
// answer with a bare 500 before any of our code runs:
//   - a path with an undecodable escape (%zz, %, overlong UTF-8 such as %c0%ae) in a dynamic
//     segment: Next's parameter decoding throws;
//   - Server Action calls (POST with a Next-Action header) whose body is not what React's
//     client sends (not JSON, empty, absurdly nested), is over the 1 MB action body limit, or
//     that come from another site (Next refuses those too, but with a 500).
// Each gets a 4xx with a short message instead. Actions posted as multipart/form-data (forms
// with files) are left to Next; ours send JSON (text/plain).
import { CROSS_SITE_MESSAGE, isSameOriginRequest } from "@/lib/same-origin";
import { readCapped } from "./read-capped";

/** Next.js' default serverActions.bodySizeLimit. */
export const ACTION_BODY_LIMIT = 1024 * 1024;
/** Far deeper than any argument our actions take; React's decoder recurses. */
export const ACTION_MAX_DEPTH = 64;

const json = (status: number, message: string) =>
  Response.json({ error: { code: status === 413 ? "PAYLOAD_TOO_LARGE" : status === 403 ? "FORBIDDEN" : "BAD_REQUEST", message } }, { status });

/** The path's segments all decode as UTF-8. */
export function isDecodablePath(pathname: string): boolean {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** How deeply arrays and objects nest in a JSON text (strings skipped). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) max = Math.max(max, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  return max;
}

async function readLimited(req: Request, limit: number): Promise<string | null> {
  const bytes = await readCapped(req.body, limit);
  return bytes === null ? null : new TextDecoder().decode(bytes);
}

/** A 4xx response for a request Next.js would answer with a 500, or null to let it through. */
export async function guardRequest(req: Request, pathname: string): Promise<Response | null> {
  if (!isDecodablePath(pathname)) return json(400, "The address contains an invalid escape sequence.");
  if (req.method !== "POST" || !req.headers.has("next-action")) return null;

  if (!isSameOriginRequest(req)) return json(403, CROSS_SITE_MESSAGE);
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded")) return null;
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > ACTION_BODY_LIMIT) return json(413, "The request body is too large (the limit is 1 MB).");
  const text = await readLimited(req.clone(), ACTION_BODY_LIMIT);
  if (text === null) return json(413, "The request body is too large (the limit is 1 MB).");
  if (jsonDepth(text) > ACTION_MAX_DEPTH) return json(400, "The request body is nested too deeply.");
  try {
    if (!Array.isArray(JSON.parse(text))) throw new Error("not an argument list");
  } catch {
    return json(400, "The request body is not a valid Server Action call.");
  }
  return null;
}
