import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

// Pages get their Content-Security-Policy (with a per-request nonce) and HSTS from proxy.ts.
// Everything else (route handlers' JSON, files) is never a document that runs scripts.
const apiCsp = "default-src 'none'; frame-ancestors 'none'";

const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // The candidate pages will ask for camera and microphone on our own origin only.
  { key: "Permissions-Policy", value: "camera=(self), microphone=(self), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // CI builds a clean clone once: Turbopack's build cache (on by default, ~180 MB written to
  // .next/cache) would never be read there, only written while the type check runs.
  ...(process.env.CI ? { experimental: { turbopackFileSystemCacheForBuild: false } } : {}),
  // Native and WASM packages stay outside the bundle and load from node_modules.
  // pdfkit reads its font metrics (data/*.afm) from its own folder at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "pg", "pdfkit"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: apiCsp }] },
    ];
  },
};

export default withNextIntl(nextConfig);
