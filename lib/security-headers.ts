// The Content-Security-Policy of pages, built per request around a nonce, and HSTS.
// Next.js puts the nonce on its own inline bootstrap scripts when it finds one in the
// request's CSP header, so 'unsafe-inline' scripts are not needed; 'strict-dynamic' lets the
// scripts those load in turn run. The price: pages render per request (none of ours could be
// static anyway, they depend on the session). Styles keep 'unsafe-inline': React and Next
// set style attributes, and CSS cannot run code.

export function pageCsp({
  nonce,
  dev,
  ssoOrigin,
  mediaOrigin,
}: {
  nonce: string;
  dev: boolean;
  ssoOrigin?: string;
  /** Where recordings play from when it is not the app (S3's presigned URLs). */
  mediaOrigin?: string;
}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `media-src 'self' blob:${mediaOrigin ? ` ${mediaOrigin}` : ""}`,
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    `form-action 'self'${ssoOrigin ? ` ${ssoOrigin}` : ""}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** Two years, subdomains included: only ever sent over HTTPS (browsers ignore it otherwise). */
export const HSTS = "max-age=63072000; includeSubDomains";

/** A fresh random nonce (base64 of 16 bytes). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
