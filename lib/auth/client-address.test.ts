import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { clientAddress, installPeerAddressHook } from "./client-address";

const none = { trustedProxyCount: 0, onVercel: false };

describe("clientAddress", () => {
  it("ignores a client's own X-Forwarded-For without a configured proxy", () => {
    const h = new Headers({ "x-forwarded-for": "203.0.113.9", "x-real-ip": "203.0.113.10" });
    expect(clientAddress(h, none)).toBe("unknown");
  });

  it("behind N proxies takes the entry the outermost one appended, not the client's", () => {
    const h = new Headers({ "x-forwarded-for": "1.1.1.1, 203.0.113.9, 10.0.0.2" });
    expect(clientAddress(h, { trustedProxyCount: 1, onVercel: false })).toBe("10.0.0.2");
    expect(clientAddress(h, { trustedProxyCount: 2, onVercel: false })).toBe("203.0.113.9");
  });

  it("on Vercel uses Vercel's own header", () => {
    const h = new Headers({ "x-forwarded-for": "1.1.1.1", "x-vercel-forwarded-for": "198.51.100.4" });
    expect(clientAddress(h, { trustedProxyCount: 0, onVercel: true })).toBe("198.51.100.4");
  });

  it("refuses a forged socket-address header (it must carry this process's secret)", () => {
    expect(clientAddress(new Headers({ "x-intervue-peer": "203.0.113.9" }), none)).toBe("unknown");
    expect(clientAddress({ "x-intervue-peer": "secret 203.0.113.9" }, none)).toBe("unknown");
  });

  it("rejects values that are not addresses", () => {
    const h = new Headers({ "x-forwarded-for": "<script>" });
    expect(clientAddress(h, { trustedProxyCount: 1, onVercel: false })).toBe("unknown");
  });
});

// On a real HTTP server: the address a client claims in headers is ignored, the one it connects from is used.
describe("installPeerAddressHook", () => {
  it("stamps the socket address and overrides a forged header", async () => {
    installPeerAddressHook();
    installPeerAddressHook(); // idempotent
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(clientAddress(req.headers, { trustedProxyCount: 0, onVercel: false }));
      res.end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    try {
      await fetch(`http://127.0.0.1:${port}/`, {
        headers: { "x-forwarded-for": "203.0.113.9", "x-intervue-peer": "forged 203.0.113.9" },
      });
    } finally {
      server.close();
    }
    expect(seen).toEqual(["127.0.0.1"]);
  });
});
