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

  it("reads the AI provider's variables with their defaults, one key and URL serving both sides unless a side has its own", () => {
    const none = parseEnv({});
    expect(none.OPENAI_TRANSCRIBE_MODEL).toBe("whisper-1");
    expect(none.OPENAI_MODEL).toBe("gpt-4o-mini");
    expect(none.OPENAI_TIMEOUT_MS).toBe(120_000);
    const split = parseEnv({
      OPENAI_TRANSCRIBE_BASE_URL: "http://whisper.local:8000/v1",
      OPENAI_SCORING_BASE_URL: "http://ollama.local:11434/v1",
      OPENAI_TRANSCRIBE_MODEL: "gpt-4o-transcribe",
      OPENAI_TIMEOUT_MS: "30000",
    });
    expect(split).toMatchObject({ OPENAI_TRANSCRIBE_MODEL: "gpt-4o-transcribe", OPENAI_TIMEOUT_MS: 30_000 });
    expect(() => parseEnv({ OPENAI_SCORING_BASE_URL: "ollama" })).toThrow(/OPENAI_SCORING_BASE_URL: must be a URL/);
    expect(() => parseEnv({ OPENAI_API_KEY: "sk-1", OPENAI_TIMEOUT_MS: "5" })).toThrow(/OPENAI_TIMEOUT_MS/);
  });

  it("refuses a side that would call api.openai.com without a key", () => {
    expect(() => parseEnv({ OPENAI_TRANSCRIBE_BASE_URL: "http://whisper.local:8000/v1" })).toThrow(
      /OPENAI_SCORING_API_KEY: scoring would call api.openai.com without a key/,
    );
    expect(() => parseEnv({ OPENAI_SCORING_API_KEY: "sk-s" })).toThrow(/OPENAI_TRANSCRIBE_API_KEY: transcription would call/);
    expect(parseEnv({ OPENAI_TRANSCRIBE_API_KEY: "sk-t", OPENAI_SCORING_API_KEY: "sk-s" }).OPENAI_API_KEY).toBeUndefined();
  });
});
