// mediaOrigin (the page CSP's media-src for S3) against the origin of real presigned GETs made
// by S3Storage with the same settings: both addressing styles, AWS and custom endpoints, buckets
// with dots, forced path-style.
import { describe, expect, it } from "vitest";
import { mediaOrigin, type StorageEnv } from "./kind";
import { S3Storage } from "./s3";

const base = {
  DATA_DIR: ".data",
  S3_REGION: "eu-central-1",
  S3_ACCESS_KEY_ID: "AKIDEXAMPLE",
  S3_SECRET_ACCESS_KEY: "secret",
  S3_ENDPOINT: undefined,
  S3_FORCE_PATH_STYLE: undefined,
  UPLOADTHING_TOKEN: undefined,
  UPLOADTHING_API_URL: undefined,
  UPLOADTHING_INGEST_URL: undefined,
  UPLOADTHING_UFS_HOST: undefined,
  UPLOADTHING_UFS_APP_ID_LOCATION: undefined,
} satisfies Omit<StorageEnv, "S3_BUCKET">;

async function presignedOrigin(e: StorageEnv): Promise<string> {
  const s3 = new S3Storage({
    bucket: e.S3_BUCKET!,
    region: e.S3_REGION,
    accessKeyId: e.S3_ACCESS_KEY_ID!,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
    endpoint: e.S3_ENDPOINT,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
  });
  return new URL(await s3.presignGet("media", "responses/u1/s1/t1.webm")).origin;
}

describe("mediaOrigin (S3)", () => {
  const cases: Array<Partial<StorageEnv> & { S3_BUCKET: string; expected: string }> = [
    { S3_BUCKET: "rec", expected: "https://rec.s3.eu-central-1.amazonaws.com" },
    { S3_BUCKET: "rec", S3_REGION: "us-east-1", expected: "https://rec.s3.us-east-1.amazonaws.com" },
    { S3_BUCKET: "rec", S3_FORCE_PATH_STYLE: true, expected: "https://s3.eu-central-1.amazonaws.com" },
    { S3_BUCKET: "media.example.com", expected: "https://s3.eu-central-1.amazonaws.com" },
    { S3_BUCKET: "rec", S3_REGION: "cn-north-1", expected: "https://rec.s3.cn-north-1.amazonaws.com.cn" },
    { S3_BUCKET: "rec", S3_ENDPOINT: "http://127.0.0.1:9000", expected: "http://127.0.0.1:9000" },
    { S3_BUCKET: "rec", S3_ENDPOINT: "http://127.0.0.1:9000", S3_FORCE_PATH_STYLE: false, expected: "http://127.0.0.1:9000" },
    { S3_BUCKET: "rec", S3_ENDPOINT: "https://r2.example.com", S3_FORCE_PATH_STYLE: false, expected: "https://rec.r2.example.com" },
    { S3_BUCKET: "rec", S3_ENDPOINT: "https://r2.example.com", expected: "https://r2.example.com" },
    { S3_BUCKET: "my.rec", S3_ENDPOINT: "https://r2.example.com", S3_FORCE_PATH_STYLE: false, expected: "https://r2.example.com" },
    { S3_BUCKET: "my.rec", S3_ENDPOINT: "http://minio.local:9000", S3_FORCE_PATH_STYLE: false, expected: "http://minio.local:9000" },
  ];
  for (const { expected, ...c } of cases) {
    it(`is the presigned URLs' origin for ${JSON.stringify(c)}`, async () => {
      const e: StorageEnv = { ...base, ...c };
      const actual = await presignedOrigin(e);
      expect(actual).toBe(expected);
      expect(mediaOrigin(e)).toBe(actual);
    });
  }

  it("is undefined for local disk", () => {
    expect(mediaOrigin({ ...base, S3_BUCKET: undefined, S3_ACCESS_KEY_ID: undefined, S3_SECRET_ACCESS_KEY: undefined })).toBeUndefined();
  });
});
