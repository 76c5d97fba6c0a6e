import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("runs on embedded defaults with no configuration", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATA_DIR).toBe(".data");
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.AVATAR_MAX_BYTES).toBe(2 * 1024 * 1024);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", OPENAI_API_KEY: "" }).DATABASE_URL).toBeUndefined();
  });

  it("names the variable that is wrong", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must start with postgres/);
    expect(() => parseEnv({ AVATAR_MAX_BYTES: "lots" })).toThrow(/AVATAR_MAX_BYTES/);
    expect(() => parseEnv({ AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET: must be at least 32/);
    expect(() => parseEnv({ APP_URL: "not a url" })).toThrow(/APP_URL/);
  });

  it("refuses half a Keycloak or S3 configuration", () => {
    expect(() => parseEnv({ KEYCLOAK_ISSUER: "https://sso.example.com/realms/hr" })).toThrow(
      /KEYCLOAK_ISSUER: Keycloak needs all three/,
    );
    expect(() => parseEnv({ S3_BUCKET: "media" })).toThrow(/S3_BUCKET: S3 storage needs/);
    const kc = parseEnv({
      KEYCLOAK_ISSUER: "https://sso.example.com/realms/hr",
      KEYCLOAK_CLIENT_ID: "app",
      KEYCLOAK_CLIENT_SECRET: "s",
    });
    expect(kc.KEYCLOAK_CLIENT_ID).toBe("app");
  });
});
