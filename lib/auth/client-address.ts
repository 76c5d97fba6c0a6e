// The address a request came from, for per-address throttling. Next.js route handlers cannot
// see the socket, and Next fills in X-Forwarded-For only when the client did not send one, so
// reading that header as-is lets anyone choose their own address. The address is therefore
// taken, in order of trust, from:
//   - Vercel's own x-vercel-forwarded-for, on Vercel (it overwrites whatever the client sent);
//   - X-Forwarded-For behind TRUSTED_PROXY_COUNT proxies of ours: the entry the outermost one
//     appended, counted from the right (entries further left are the client's own words);
//   - otherwise the socket's address, stamped on each request by a hook on Node's HTTP server
//     together with a per-process secret, so a client cannot send the header itself.
import http from "node:http";
import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

const PEER_HEADER = "x-intervue-peer";
// Route modules may be bundled more than once; the secret must be one per process.
const STATE = Symbol.for("intervue.client-address");
type State = { secret: string; installed: boolean };
function state(): State {
  const g = globalThis as unknown as Record<symbol, State | undefined>;
  return (g[STATE] ??= { secret: randomBytes(16).toString("hex"), installed: false });
}

/**
 * Stamps every incoming request with its socket address (and removes a client-sent copy).
 * Idempotent; called at start-up (instrumentation) and, as a fallback, when auth loads.
 */
export function installPeerAddressHook(): void {
  const s = state();
  if (s.installed) return;
  s.installed = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function patchedEmit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      delete req.headers[PEER_HEADER];
      const addr = req.socket?.remoteAddress;
      if (addr) req.headers[PEER_HEADER] = `${s.secret} ${addr}`;
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}

function getter(headers: HeaderSource) {
  return (name: string): string | undefined => {
    if (!headers) return undefined;
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const v = headers[name];
    return Array.isArray(v) ? v.join(",") : v;
  };
}

// An address is at most a bracketed IPv6 with zone and port; anything else is not one.
const ADDRESS = /^[0-9A-Za-z.:%[\]_-]{1,64}$/;
const clean = (v: string | undefined) => (v && ADDRESS.test(v.trim()) ? v.trim() : undefined);

export type AddressSettings = { trustedProxyCount: number; onVercel: boolean };
const fromEnv = (): AddressSettings => ({ trustedProxyCount: env.TRUSTED_PROXY_COUNT, onVercel: env.VERCEL });

/** The client's address, or "unknown" when it cannot be told (all such requests share one bucket). */
export function clientAddress(headers: HeaderSource, settings: AddressSettings = fromEnv()): string {
  const get = getter(headers);
  if (settings.onVercel) {
    const v = clean(get("x-vercel-forwarded-for")?.split(",")[0]);
    if (v) return v;
  }
  if (settings.trustedProxyCount > 0) {
    const hops = (get("x-forwarded-for") ?? "").split(",").map((h) => h.trim()).filter(Boolean);
    const v = clean(hops[hops.length - settings.trustedProxyCount]);
    if (v) return v;
  }
  const peer = get(PEER_HEADER);
  const { secret } = state();
  if (peer?.startsWith(`${secret} `)) return clean(peer.slice(secret.length + 1)) ?? "unknown";
  return "unknown";
}
