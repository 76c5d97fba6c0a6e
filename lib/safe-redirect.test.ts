import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-redirect";

describe("safeCallbackPath", () => {
  it("keeps same-site paths", () => expect(safeCallbackPath("/settings?x=1")).toBe("/settings?x=1"));
  it("keeps an encoded query and hash", () =>
    expect(safeCallbackPath("/events?correlationId=a%20b#top")).toBe("/events?correlationId=a%20b#top"));
  // Ideographic full stop: a raw non-ASCII Location header was a 500; it comes back encoded.
  it("percent-encodes non-ASCII", () => expect(safeCallbackPath("/\u3002evil.example")).toBe("/%E3%80%82evil.example"));
  it("normalises dot segments", () => expect(safeCallbackPath("/a/../settings")).toBe("/settings"));

  it.each([
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    // Browsers strip tab, CR and LF from URLs: "/\t/evil.example" is "//evil.example".
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\n/x",
    "/\u0000x",
    "/\ud800",
    "/" + "a".repeat(3000),
    "javascript:alert(1)",
    " /settings",
    "",
    undefined,
    null,
  ])("refuses %j", (v) => expect(safeCallbackPath(v)).toBe("/dashboard"));

  it("gives a valid Location value for anything it accepts", () => {
    for (const v of ["/a b", "/ü", "/%E3%80%82x", "/?q=<script>"]) {
      const out = safeCallbackPath(v);
      // Headers reject anything outside visible ASCII; new Headers() throws on it.
      expect(() => new Headers({ location: out })).not.toThrow();
      expect(out).toMatch(/^\/[\x21-\x7e]*$/);
    }
  });
});
