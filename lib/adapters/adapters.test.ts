import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { getAiProvider } from "./ai";
import { checkAdapters } from "./index";
import { createStorage } from "./storage";
import { LocalDiskStorage } from "./storage/local-disk";
import { S3Storage } from "./storage/s3";
import { UploadThingStorage } from "./storage/uploadthing";

const S3_VARS = { S3_BUCKET: "media", S3_ACCESS_KEY_ID: "key", S3_SECRET_ACCESS_KEY: "secret" };
const UT_TOKEN = Buffer.from(JSON.stringify({ apiKey: "sk_test_1", appId: "app1", regions: ["fra1"] })).toString("base64");

describe("checkAdapters", () => {
  it("builds the embedded defaults with no configuration", () => {
    expect(checkAdapters(parseEnv({}))).toEqual({ storage: "local", email: "outbox", ai: "none" });
  });

  it("reports the email adapter: Resend with RESEND_API_KEY, SMTP with SMTP_URL", () => {
    expect(checkAdapters(parseEnv({ RESEND_API_KEY: "re_123" })).email).toBe("resend");
    expect(checkAdapters(parseEnv({ SMTP_URL: "smtp://user:pass@mail.example.com:587" })).email).toBe("smtp");
  });

  it("refuses RESEND_API_KEY and SMTP_URL together at start", () => {
    expect(() => parseEnv({ RESEND_API_KEY: "re_123", SMTP_URL: "smtp://mail.example.com" })).toThrow(
      /SMTP_URL: RESEND_API_KEY and SMTP_URL are both set/,
    );
    expect(() => parseEnv({ SMTP_URL: "mail.example.com" })).toThrow(/SMTP_URL: must be a URL such as smtp:/);
  });

  it("reports S3 storage when the S3 variables are set", () => {
    expect(checkAdapters(parseEnv(S3_VARS))).toEqual({ storage: "s3", email: "outbox", ai: "none" });
  });

  it("reports UploadThing storage with UPLOADTHING_TOKEN; refuses a malformed token, or UploadThing and S3 together", () => {
    expect(checkAdapters(parseEnv({ UPLOADTHING_TOKEN: UT_TOKEN })).storage).toBe("uploadthing");
    expect(() => parseEnv({ UPLOADTHING_TOKEN: "token" })).toThrow(/UPLOADTHING_TOKEN: must be UploadThing's token/);
    expect(() => parseEnv({ UPLOADTHING_TOKEN: UT_TOKEN, ...S3_VARS })).toThrow(/UPLOADTHING_TOKEN and S3_BUCKET are both set/);
  });

  it.each([
    [{ OPENAI_API_KEY: "sk-1" }, { transcription: "whisper-1", scoring: "gpt-4o-mini" }],
    [{ OPENAI_BASE_URL: "http://127.0.0.1:11434/v1", OPENAI_MODEL: "llama3.1" }, { transcription: "whisper-1", scoring: "llama3.1" }],
    [
      { OPENAI_TRANSCRIBE_BASE_URL: "http://127.0.0.1:8000/v1", OPENAI_TRANSCRIBE_MODEL: "Systran/faster-whisper-small", OPENAI_API_KEY: "sk-1" },
      { transcription: "Systran/faster-whisper-small", scoring: "gpt-4o-mini" },
    ],
  ])("selects the OpenAI-compatible provider with %o", (vars, models) => {
    const e = parseEnv(vars);
    expect(checkAdapters(e).ai).toBe("openai");
    const provider = getAiProvider(e);
    expect(provider.kind).toBe("openai");
    expect(provider.kind === "openai" && provider.models).toEqual(models);
  });

  it("has no provider without OPENAI_* variables", () => {
    expect(getAiProvider(parseEnv({})).kind).toBe("none");
  });
});

describe("createStorage", () => {
  it("builds local disk by default", () => {
    const storage = createStorage(parseEnv({ DATA_DIR: "/tmp/intervue-x" }));
    expect(storage).toBeInstanceOf(LocalDiskStorage);
    expect(storage.kind).toBe("local");
  });

  it("builds S3 from the S3 variables, path-style for a custom endpoint unless told otherwise", async () => {
    const aws = createStorage(parseEnv({ ...S3_VARS, S3_REGION: "eu-west-1" }));
    expect(aws).toBeInstanceOf(S3Storage);
    expect(aws.kind).toBe("s3");
    const client = (aws as S3Storage).client;
    expect(await client.config.region()).toBe("eu-west-1");
    expect(client.config.forcePathStyle).toBe(false);

    const minio = createStorage(parseEnv({ ...S3_VARS, S3_ENDPOINT: "http://127.0.0.1:9000" })) as S3Storage;
    expect(minio.client.config.forcePathStyle).toBe(true);
    expect(await minio.presignGet("avatars", "u/a.png")).toMatch(/^http:\/\/127\.0\.0\.1:9000\/media\/avatars\/u\/a\.png\?/);

    const vhost = createStorage(parseEnv({ ...S3_VARS, S3_ENDPOINT: "https://s3.example.com", S3_FORCE_PATH_STYLE: "0" })) as S3Storage;
    expect(vhost.client.config.forcePathStyle).toBe(false);
    expect(await vhost.presignGet("avatars", "u/a.png")).toMatch(/^https:\/\/media\.s3\.example\.com\/avatars\/u\/a\.png\?/);
  });

  it("builds UploadThing from UPLOADTHING_TOKEN, signing file URLs on its file host", async () => {
    const storage = createStorage(parseEnv({ UPLOADTHING_TOKEN: UT_TOKEN }));
    expect(storage).toBeInstanceOf(UploadThingStorage);
    expect(storage.kind).toBe("uploadthing");
    expect(await storage.presignGet("media", "u/a.webm")).toMatch(/^https:\/\/app1\.ufs\.sh\/f\/[0-9a-f]{64}\?expires=\d+&signature=hmac-sha256%3D[0-9a-f]{64}$/);
    expect(await storage.presignPut("media", "u/a.webm")).toBeNull();
  });
});
