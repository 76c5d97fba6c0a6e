import "server-only";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { byteCounter, toNodeReadable, toWebStream } from "./streams";
import {
  assertRange,
  assertSafeKey,
  RangeNotSatisfiableError,
  StorageLimitError,
  type ByteRange,
  type ObjectBody,
  type ObjectInfo,
  type PresignOptions,
  type PutBody,
  type PutOptions,
  type Storage,
  type StoredObject,
} from "./types";

export type S3StorageOptions = {
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** MinIO or another S3-compatible server; unset → AWS. */
  endpoint?: string;
  /** `endpoint/bucket/key` URLs instead of `bucket.endpoint/key`. */
  forcePathStyle?: boolean;
  /** Multipart part size; memory per upload is about partSize × queueSize. */
  partSize?: number;
  queueSize?: number;
};

const DEFAULT_EXPIRY_SECONDS = 15 * 60;

function isMissing(err: unknown): boolean {
  return (
    err instanceof S3ServiceException &&
    (err.name === "NoSuchKey" || err.name === "NotFound" || err.$metadata.httpStatusCode === 404)
  );
}

/**
 * One S3 bucket (S3_BUCKET); the app's logical buckets become key prefixes in it, so
 * `avatars/<user>/<file>` is the object key of an avatar.
 */
export class S3Storage implements Storage {
  readonly kind = "s3";
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly partSize: number;
  private readonly queueSize: number;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.partSize = options.partSize ?? 8 * 1024 * 1024;
    this.queueSize = options.queueSize ?? 2;
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle ?? Boolean(options.endpoint),
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      // The SDK's default (checksums on every request) sends streamed bodies with checksum
      // framing that S3-compatible servers such as s3rver store verbatim, and presigned PUTs
      // would require the browser to send a checksum it cannot compute.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  private objectKey(bucket: string, key: string): string {
    assertSafeKey(bucket, key);
    return `${bucket}/${key}`;
  }

  async put(bucket: string, key: string, body: PutBody, options: PutOptions = {}): Promise<StoredObject> {
    const Key = this.objectKey(bucket, key);
    const counter = byteCounter(options.maxBytes);
    // The source's errors (a dropped client, the limit) end the counter, and with it the upload.
    const feeding = pipeline(toNodeReadable(body), counter).catch(() => {});
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key, Body: counter as Readable, ContentType: options.contentType },
      partSize: this.partSize,
      queueSize: this.queueSize,
    });
    try {
      await upload.done();
    } catch (err) {
      counter.destroy();
      // Nothing lands under the key: a single PUT is sent only once the body has ended, and
      // Upload aborts a multipart upload (whose abort error, if any, would hide the limit).
      // An object already under the key stays as it was.
      throw counter.exceeded() && options.maxBytes !== undefined ? new StorageLimitError(options.maxBytes) : err;
    } finally {
      await feeding;
    }
    return { bucket, key, size: counter.bytes() };
  }

  async stat(bucket: string, key: string): Promise<ObjectInfo | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(bucket, key) }));
      return { size: head.ContentLength ?? 0, contentType: head.ContentType };
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async get(bucket: string, key: string, range?: ByteRange): Promise<ObjectBody | null> {
    if (range) assertRange(range);
    let res;
    try {
      res = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: this.objectKey(bucket, key),
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
    } catch (err) {
      if (isMissing(err)) return null;
      if (range && err instanceof S3ServiceException && err.$metadata.httpStatusCode === 416) {
        const size = await this.stat(bucket, key);
        if (!size) return null;
        throw new RangeNotSatisfiableError(size.size);
      }
      throw err;
    }
    // `bytes 2-4/10`: what was served, out of how much.
    const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(res.ContentRange ?? "");
    const size = m ? Number(m[3]) : (res.ContentLength ?? 0);
    const served = range ? (m ? { start: Number(m[1]), end: Number(m[2]) } : { start: 0, end: size - 1 }) : undefined;
    return { body: toWebStream(res.Body as Readable), size, range: served, contentType: res.ContentType };
  }

  async delete(bucket: string, key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(bucket, key) }));
  }

  async presignGet(bucket: string, key: string, options: PresignOptions = {}): Promise<string> {
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(bucket, key) }), {
      expiresIn: options.expiresInSeconds ?? DEFAULT_EXPIRY_SECONDS,
    });
  }

  async presignPut(bucket: string, key: string, options: PresignOptions & { contentType?: string } = {}): Promise<string> {
    return getSignedUrl(
      this.client,
      new PutObjectCommand({ Bucket: this.bucket, Key: this.objectKey(bucket, key), ContentType: options.contentType }),
      { expiresIn: options.expiresInSeconds ?? DEFAULT_EXPIRY_SECONDS },
    );
  }
}
