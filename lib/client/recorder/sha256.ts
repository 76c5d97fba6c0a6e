// Incremental SHA-256 for the browser. WebCrypto's digest() takes the whole input at once,
// which for a 10-minute answer means holding ~300 MB in memory; this hashes the take chunk by
// chunk as it is read back from the write-ahead log. FIPS 180-4, checked against node:crypto
// in sha256.test.ts.

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
  0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
  0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

export type Sha256State = { h: number[]; block: number[]; bytes: number };

export class Sha256 {
  private h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c,
    0x1f83d9ab, 0x5be0cd19,
  ]);
  private block = new Uint8Array(64);
  private blockLength = 0;
  private bytes = 0;
  private w = new Uint32Array(64);
  private done = false;

  private compress(data: Uint8Array, at: number): void {
    const w = this.w;
    for (let i = 0; i < 16; i++) {
      const j = at + i * 4;
      w[i] =
        ((data[j]! << 24) |
          (data[j + 1]! << 16) |
          (data[j + 2]! << 8) |
          data[j + 3]!) >>>
        0;
    }
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 =
        ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0;
    }
    // Plain locals, not a destructured Uint32Array (an iterator per block made this ~3× slower).
    const s = this.h;
    let a = s[0]!;
    let b = s[1]!;
    let c = s[2]!;
    let d = s[3]!;
    let e = s[4]!;
    let f = s[5]!;
    let g = s[6]!;
    let h = s[7]!;
    for (let i = 0; i < 64; i++) {
      const S1 =
        ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + K[i]! + w[i]!) | 0;
      const S0 =
        ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    s[0] = s[0]! + a;
    s[1] = s[1]! + b;
    s[2] = s[2]! + c;
    s[3] = s[3]! + d;
    s[4] = s[4]! + e;
    s[5] = s[5]! + f;
    s[6] = s[6]! + g;
    s[7] = s[7]! + h;
  }

  /**
   * The running state (before the digest): stored beside the log after every chunk, so a
   * reloaded page continues hashing where the recording left off instead of re-reading the take.
   */
  state(): Sha256State {
    if (this.done) throw new Error("sha256: state after digest");
    return {
      h: Array.from(this.h),
      block: Array.from(this.block.subarray(0, this.blockLength)),
      bytes: this.bytes,
    };
  }

  static from(state: Sha256State): Sha256 {
    const hash = new Sha256();
    if (
      state.h.length !== 8 ||
      state.block.length >= 64 ||
      state.block.length !== state.bytes % 64
    )
      throw new Error("sha256: invalid state");
    hash.h.set(state.h);
    hash.block.set(state.block);
    hash.blockLength = state.block.length;
    hash.bytes = state.bytes;
    return hash;
  }

  get length(): number {
    return this.bytes;
  }

  update(data: Uint8Array): this {
    if (this.done) throw new Error("sha256: update after digest");
    this.bytes += data.length;
    let i = 0;
    if (this.blockLength > 0) {
      const take = Math.min(64 - this.blockLength, data.length);
      this.block.set(data.subarray(0, take), this.blockLength);
      this.blockLength += take;
      i = take;
      if (this.blockLength < 64) return this;
      this.compress(this.block, 0);
      this.blockLength = 0;
    }
    for (; i + 64 <= data.length; i += 64) this.compress(data, i);
    if (i < data.length) {
      this.block.set(data.subarray(i), 0);
      this.blockLength = data.length - i;
    }
    return this;
  }

  /** The digest as 64 lower-case hex digits. */
  hex(): string {
    if (!this.done) {
      const bits = this.bytes * 8;
      const pad = new Uint8Array(
        (this.blockLength < 56 ? 56 : 120) - this.blockLength + 8,
      );
      pad[0] = 0x80;
      const n = pad.length;
      // Lengths up to 2^53 bits: the high word from a division, the low one from the remainder.
      const high = Math.floor(bits / 0x100000000);
      const low = bits >>> 0;
      pad[n - 8] = high >>> 24;
      pad[n - 7] = (high >>> 16) & 0xff;
      pad[n - 6] = (high >>> 8) & 0xff;
      pad[n - 5] = high & 0xff;
      pad[n - 4] = low >>> 24;
      pad[n - 3] = (low >>> 16) & 0xff;
      pad[n - 2] = (low >>> 8) & 0xff;
      pad[n - 1] = low & 0xff;
      const bytes = this.bytes;
      this.update(pad);
      this.bytes = bytes;
      this.done = true;
    }
    return Array.from(this.h, (x) => x.toString(16).padStart(8, "0")).join("");
  }
}
