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

  it("continues from a saved state (a reloaded page) with the digest of the whole input", () => {
    const data = randomBytes(100_000);
    for (const cut of [0, 1, 63, 64, 65, 4097, 99_999]) {
      const first = new Sha256().update(data.subarray(0, cut));
      // Through JSON, as it is stored in IndexedDB beside the log.
      const saved = JSON.parse(JSON.stringify(first.state())) as ReturnType<Sha256["state"]>;
      expect(saved.bytes, `cut ${cut}`).toBe(cut);
      const resumed = Sha256.from(saved).update(data.subarray(cut));
      expect(resumed.hex(), `cut ${cut}`).toBe(node(data));
      expect(resumed.length).toBe(data.length);
      // The first hasher is untouched by the copy.
      expect(first.update(data.subarray(cut)).hex()).toBe(node(data));
    }
    expect(() => Sha256.from({ h: [1, 2, 3], block: [], bytes: 0 })).toThrow();
    expect(() => Sha256.from({ h: new Array<number>(8).fill(0), block: [1], bytes: 2 })).toThrow();
  });
});
