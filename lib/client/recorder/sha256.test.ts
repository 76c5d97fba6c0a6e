import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Sha256 } from "./sha256";

const node = (data: Uint8Array) =>
  createHash("sha256").update(data).digest("hex");

describe("Sha256 (incremental, for the browser)", () => {
  it("matches node:crypto on the empty input and the FIPS examples", () => {
    expect(new Sha256().hex()).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    expect(new Sha256().update(new TextEncoder().encode("abc")).hex()).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("matches node:crypto for every length around the padding boundaries", () => {
    for (let n = 0; n < 200; n++) {
      const data = randomBytes(n);
      expect(new Sha256().update(data).hex(), `length ${n}`).toBe(node(data));
    }
  });

  it("gives the same digest however the input is split into chunks", () => {
    const data = randomBytes(300_000);
    const hash = new Sha256();
    let at = 0;
    for (const size of [1, 63, 64, 65, 1000, 4096, 100_003]) {
      hash.update(data.subarray(at, at + size));
      at += size;
    }
    hash.update(data.subarray(at));
    expect(hash.hex()).toBe(node(data));
    // Digest is stable once taken.
    expect(hash.hex()).toBe(node(data));
  });
});
