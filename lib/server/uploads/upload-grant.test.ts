import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createUploadGrant, expiredUploadGrant, verifyUploadGrant } from "./upload-grant";

const base = () => ({ takeId: randomUUID(), sessionId: randomUUID(), userId: randomUUID(), maxBytes: 50 * 1024 * 1024 });

describe("upload grants", () => {
  it("round-trips every field", () => {
    const input = base();
    const expiresAt = Date.now() + 60_000;
    const grant = verifyUploadGrant(createUploadGrant({ ...input, expiresAt }));
    expect(grant).toEqual({ ...input, expiresAt });
  });

  it("takes a ttl or a Date", () => {
    const before = Date.now();
    const g1 = verifyUploadGrant(createUploadGrant({ ...base(), ttlSeconds: 600 }))!;
    expect(g1.expiresAt).toBeGreaterThanOrEqual(before + 600_000);
    expect(g1.expiresAt).toBeLessThanOrEqual(Date.now() + 600_000);
    const at = new Date(Date.now() + 5000);
    expect(verifyUploadGrant(createUploadGrant({ ...base(), expiresAt: at }))!.expiresAt).toBe(at.getTime());
  });

  it("tells an expired grant of this server from a valid, a forged or a junk one", () => {
    const input = base();
    const valid = createUploadGrant({ ...input, ttlSeconds: 600 });
    const old = createUploadGrant({ ...input, expiresAt: Date.now() - 1 });
    expect(expiredUploadGrant(valid)).toBeNull();
    expect(expiredUploadGrant(old)).toMatchObject({ takeId: input.takeId });
    const [payload] = old.split(".");
    expect(expiredUploadGrant(`${payload}.${"A".repeat(43)}`)).toBeNull();
    expect(expiredUploadGrant("junk")).toBeNull();
    expect(expiredUploadGrant(null)).toBeNull();
  });

  it("refuses an expired grant", () => {
    const token = createUploadGrant({ ...base(), expiresAt: Date.now() + 1000 });
    expect(verifyUploadGrant(token)).not.toBeNull();
    expect(verifyUploadGrant(token, Date.now() + 1000)).toBeNull();
    expect(verifyUploadGrant(createUploadGrant({ ...base(), expiresAt: Date.now() - 1 }))).toBeNull();
  });

  it("refuses a payload changed after signing (more bytes, another take)", () => {
    const token = createUploadGrant({ ...base(), ttlSeconds: 60 });
    const [payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    for (const change of [{ maxBytes: claims.maxBytes * 10 }, { takeId: randomUUID() }, { expiresAt: claims.expiresAt + 1e9 }]) {
      const forged = Buffer.from(JSON.stringify({ ...claims, ...change })).toString("base64url");
      expect(verifyUploadGrant(`${forged}.${signature}`)).toBeNull();
    }
  });

  it("refuses a signature made with another key, a flipped bit, and junk", () => {
    const token = createUploadGrant({ ...base(), ttlSeconds: 60 });
    const [payload, signature] = token.split(".");
    const sig = Buffer.from(signature!, "base64url");
    sig[0] = sig[0]! ^ 1;
    expect(verifyUploadGrant(`${payload}.${sig.toString("base64url")}`)).toBeNull();
    expect(verifyUploadGrant(`${payload}.${"A".repeat(43)}`)).toBeNull();
    for (const junk of [null, undefined, "", ".", "a.b", `${payload}.`, `${payload}.${signature}.x`, "x".repeat(5000), "\u0000", payload]) {
      expect(verifyUploadGrant(junk as string)).toBeNull();
    }
  });

  it("refuses to sign an invalid grant", () => {
    expect(() => createUploadGrant({ ...base(), takeId: "not-a-uuid", ttlSeconds: 60 })).toThrow();
    expect(() => createUploadGrant({ ...base(), maxBytes: 0, ttlSeconds: 60 })).toThrow();
  });
});
