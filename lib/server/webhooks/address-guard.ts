// Server-side request forgery guard for webhook URLs. A webhook makes this server send a POST
// wherever HR says, so without it an endpoint could reach the database, the cloud metadata
// service (169.254.169.254) or anything else on the private network. Refused: loopback,
// private, link-local, CGNAT, multicast, unspecified, reserved and documentation ranges, IPv6
// unique-local, and IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4, Teredo).
//
// Checked twice: when the endpoint is registered (every address its host resolves to), and when
// each request connects: the request's own DNS lookup goes through `guardedLookup`, which
// refuses a private answer, so the address that was checked is the address connected to (a
// host that resolves to a public address at registration and to 127.0.0.1 later, DNS
// rebinding, is refused then). WEBHOOKS_ALLOW_PRIVATE=true turns the address checks off (and
// allows plain http) for self-hosting and tests.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { env } from "@/lib/env";
import { WEBHOOK_URL_MAX } from "@/lib/schemas/webhook";

// Two lists: a BlockList matches IPv4 addresses against IPv4-mapped IPv6 rules too.
const blocked4 = new BlockList();
const blocked6 = new BlockList();
const V4: [string, number][] = [
  ["0.0.0.0", 8], // "this network", unspecified
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local (cloud metadata services)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
];
const V6: [string, number][] = [
  ["::", 96], // unspecified, loopback (::1) and IPv4-compatible
  ["::ffff:0:0", 96], // IPv4-mapped
  ["64:ff9b::", 96], // NAT64
  ["64:ff9b:1::", 48], // local-use NAT64
  ["100::", 64], // discard-only
  ["2001::", 23], // IETF protocol assignments (Teredo included)
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
];
for (const [net, prefix] of V4) blocked4.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of V6) blocked6.addSubnet(net, prefix, "ipv6");

/** True when `address` (an IP literal) is not a public unicast address; anything unparsable counts as private. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 4) return blocked4.check(bare, "ipv4");
  if (family === 6) return blocked6.check(bare, "ipv6");
  return true;
}

export class UnsafeWebhookUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsafeWebhookUrlError";
  }
}

export type GuardOptions = { allowPrivate?: boolean };

const allowPrivateOf = (o: GuardOptions) => o.allowPrivate ?? env.WEBHOOKS_ALLOW_PRIVATE;

/** The URL's shape: http(s), no credentials, no fragment, https unless private addresses are allowed. */
export function parseWebhookUrl(raw: string, options: GuardOptions = {}): URL {
  if (raw.length > WEBHOOK_URL_MAX) throw new UnsafeWebhookUrlError(`Keep the URL under ${WEBHOOK_URL_MAX} characters.`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeWebhookUrlError("Enter a full URL such as https://example.com/webhooks.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new UnsafeWebhookUrlError("The URL must start with https://.");
  if (url.protocol === "http:" && !allowPrivateOf(options)) {
    throw new UnsafeWebhookUrlError("The URL must use https://: the events carry your candidates' personal data.");
  }
  if (url.username || url.password) throw new UnsafeWebhookUrlError("Remove the user name and password from the URL: requests are signed instead.");
  if (url.hash) throw new UnsafeWebhookUrlError("Remove the #fragment from the URL: it is never sent to the server.");
  if (!url.hostname) throw new UnsafeWebhookUrlError("The URL has no host name.");
  return url;
}

const privateMessage = (host: string) =>
  `${host} is a private, loopback or otherwise internal address: webhooks go to public addresses only.`;

type Resolve = (host: string) => Promise<LookupAddress[]>;

/** A registration waits this long for DNS at most: a host that never answers is "not found". */
const DNS_TIMEOUT_MS = 5_000;

const resolveAll: Resolve = (host) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("DNS timeout")), DNS_TIMEOUT_MS);
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => {
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(addresses);
    });
  });

/**
 * Registration check: the URL's shape, then every address its host resolves to must be public
 * (an IP literal is checked as it is). Throws UnsafeWebhookUrlError with a message for a person.
 */
export async function checkWebhookUrl(raw: string, options: GuardOptions & { resolve?: Resolve } = {}): Promise<URL> {
  const url = parseWebhookUrl(raw, options);
  if (allowPrivateOf(options)) return url;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) {
    if (isPrivateAddress(host)) throw new UnsafeWebhookUrlError(privateMessage(host));
    return url;
  }
  let addresses: LookupAddress[];
  try {
    addresses = await (options.resolve ?? resolveAll)(host);
  } catch {
    throw new UnsafeWebhookUrlError(`${host} could not be found (DNS). Check the host name.`);
  }
  if (addresses.length === 0) throw new UnsafeWebhookUrlError(`${host} could not be found (DNS). Check the host name.`);
  if (addresses.some((a) => isPrivateAddress(a.address))) throw new UnsafeWebhookUrlError(privateMessage(host));
  return url;
}

/**
 * A `lookup` for node:http(s) requests that refuses private answers: the connection is made to
 * the address checked here, never to one resolved separately.
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true, verbatim: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err, "", 4);
    const unsafe = addresses.find((a) => isPrivateAddress(a.address));
    if (unsafe || addresses.length === 0) {
      return callback(Object.assign(new UnsafeWebhookUrlError(privateMessage(hostname)), { code: "EWEBHOOKPRIVATE" }), "", 4);
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

/** The delivery-time check of an IP-literal host (no lookup happens for those). */
export function assertDeliverableHost(url: URL, options: GuardOptions = {}): void {
  if (allowPrivateOf(options)) return;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) && isPrivateAddress(host)) throw new UnsafeWebhookUrlError(privateMessage(host));
}
