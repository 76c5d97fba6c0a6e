// The SSRF guard: which addresses a webhook may go to, and the URL rules, with and without
// WEBHOOKS_ALLOW_PRIVATE. DNS answers are given by a stand-in resolver where a name is needed,
// so the test does not depend on the network.
import { describe, expect, it } from "vitest";
import { checkWebhookUrl, isPrivateAddress, parseWebhookUrl, UnsafeWebhookUrlError } from "./address-guard";

const refused: [string, string][] = [
  ["127.0.0.1", "loopback"],
  ["127.255.255.254", "loopback"],
  ["0.0.0.0", "unspecified"],
  ["10.1.2.3", "private"],
  ["172.16.0.1", "private"],
  ["172.31.255.255", "private"],
  ["192.168.1.1", "private"],
  ["100.64.0.1", "CGNAT"],
  ["100.127.255.254", "CGNAT"],
  ["169.254.169.254", "link-local (cloud metadata)"],
  ["192.0.0.8", "IETF"],
  ["192.0.2.10", "documentation"],
  ["198.18.0.1", "benchmarking"],
  ["224.0.0.1", "multicast"],
  ["239.255.255.250", "multicast"],
  ["255.255.255.255", "broadcast"],
  ["::", "unspecified"],
  ["::1", "loopback"],
  ["::ffff:127.0.0.1", "IPv4-mapped loopback"],
  ["::ffff:7f00:1", "IPv4-mapped loopback (hex)"],
  ["::ffff:8.8.8.8", "IPv4-mapped public"],
  ["64:ff9b::a00:1", "NAT64"],
  ["2002:7f00:1::", "6to4"],
  ["2001:0:4136:e378::1", "Teredo"],
  ["2001:db8::1", "documentation"],
  ["fc00::1", "unique local"],
  ["fd12:3456:789a::1", "unique local"],
  ["fe80::1", "link-local"],
  ["fe80::1%eth0", "link-local with zone"],
  ["ff02::1", "multicast"],
  ["not-an-ip", "unparsable"],
];
const allowed = ["8.8.8.8", "1.1.1.1", "93.184.215.14", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"];

describe("isPrivateAddress", () => {
  it.each(refused)("refuses %s (%s)", (address) => expect(isPrivateAddress(address)).toBe(true));
  it.each(allowed)("allows %s", (address) => expect(isPrivateAddress(address)).toBe(false));
});

describe("checkWebhookUrl", () => {
  const publicDns = async () => [{ address: "93.184.215.14", family: 4 }];
  const guard = { allowPrivate: false, resolve: publicDns };

  it.each([
    ["https://127.0.0.1/hook", /internal address/],
    ["https://[::1]:8443/hook", /internal address/],
    ["https://[::ffff:169.254.169.254]/", /internal address/],
    // WHATWG URL parsing turns these spellings of 127.0.0.1 into the dotted form first.
    ["https://2130706433/", /127\.0\.0\.1 is a private/],
    ["https://0x7f.1/", /127\.0\.0\.1 is a private/],
    ["http://example.com/hook", /must use https/],
    ["ftp://example.com/hook", /must start with https/],
    ["https://user:pw@example.com/hook", /user name and password/],
    ["https://example.com/hook#x", /fragment/],
    ["example.com/hook", /full URL/],
  ])("refuses %s", async (url, message) => {
    await expect(checkWebhookUrl(url, guard)).rejects.toThrow(message);
  });

  it("refuses a name that resolves to a private address, even one among public ones", async () => {
    const mixed = async () => [{ address: "93.184.215.14", family: 4 }, { address: "10.0.0.5", family: 4 }];
    await expect(checkWebhookUrl("https://rebind.example/hook", { allowPrivate: false, resolve: mixed })).rejects.toThrow(UnsafeWebhookUrlError);
    await expect(checkWebhookUrl("https://localhost/hook", { allowPrivate: false })).rejects.toThrow(/internal address/);
  });

  it("refuses a name that does not resolve", async () => {
    const nx = async () => {
      throw Object.assign(new Error("ENOTFOUND"), { code: "ENOTFOUND" });
    };
    await expect(checkWebhookUrl("https://nowhere.invalid/", { allowPrivate: false, resolve: nx })).rejects.toThrow(/could not be found/);
  });

  it("accepts https to a public address", async () => {
    expect((await checkWebhookUrl("https://hooks.example.com/intervue?x=1", guard)).toString()).toBe("https://hooks.example.com/intervue?x=1");
    expect((await checkWebhookUrl("https://8.8.8.8:8443/", guard)).host).toBe("8.8.8.8:8443");
  });

  it("with WEBHOOKS_ALLOW_PRIVATE: loopback and plain http pass, credentials still do not", async () => {
    expect((await checkWebhookUrl("http://127.0.0.1:3000/hook", { allowPrivate: true })).port).toBe("3000");
    expect(() => parseWebhookUrl("http://a:b@127.0.0.1/", { allowPrivate: true })).toThrow(/user name and password/);
  });
});
