import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { AdapterNotImplementedError, checkAdapters } from "./index";
import { createStorage } from "./storage";
import { LocalDiskStorage } from "./storage/local-disk";
import { S3Storage } from "./storage/s3";
import { UploadThingStorage } from "./storage/uploadthing";

const S3_VARS = { S3_BUCKET: "media", S3_ACCESS_KEY_ID: "key", S3_SECRET_ACCESS_KEY: "secret" };
const UT_TOKEN = Buffer.from(JSON.stringify({ apiKey: "sk_test_1", appId: "app1", regions: ["fra1"] })).toString("base64");

function failure(vars: Record<string, string>): AdapterNotImplementedError {
  try {
    checkAdapters(parseEnv(vars));
  } catch (err) {
    expect(err).toBeInstanceOf(AdapterNotImplementedError);
    return err as AdapterNotImplementedError;
  }
  throw new Error("checkAdapters accepted " + Object.keys(vars).join(", "));
}

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
    [{ OPENAI_API_KEY: "sk-1" }, ["OPENAI_API_KEY"], /OPENAI_API_KEY is set, but AI analysis through OpenAI .* is not implemented yet/],
    [{ OPENAI_BASE_URL: "http://127.0.0.1:11434/v1" }, ["OPENAI_BASE_URL"], /OPENAI_BASE_URL is set/],
    [{ OPENAI_TRANSCRIBE_BASE_URL: "http://127.0.0.1:8000/v1", OPENAI_API_KEY: "sk-1" }, ["OPENAI_API_KEY", "OPENAI_TRANSCRIBE_BASE_URL"], /OPENAI_API_KEY and OPENAI_TRANSCRIBE_BASE_URL are set/],
  ])("refuses to start with %o", (vars, variables, message) => {
    const err = failure(vars);
    expect(err.variables).toEqual(variables);
    expect(err.message).toMatch(message);
    expect(err.message).toMatch(/Unset /);
  });

  it("names every unimplemented variable at once", () => {
    const err = failure({ OPENAI_API_KEY: "o", OPENAI_BASE_URL: "http://ai.local/v1" });
    expect(err.variables).toEqual(["OPENAI_API_KEY", "OPENAI_BASE_URL"]);
    expect(err.message).toMatch(/OPENAI_API_KEY and OPENAI_BASE_URL are set/);
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
