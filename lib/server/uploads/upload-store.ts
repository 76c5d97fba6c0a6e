// Where tus keeps uploads in progress: a FileStore on this machine's disk (DATA_DIR/uploads),
// or, when media storage is S3, an S3Store in the same bucket, which every instance of a
// serverless deployment sees (decision 0006). Both are read back as streams (finalising hashes
// the bytes and copies them into the storage adapter; nothing is held whole in memory).
import "server-only";
import { createReadStream } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { FileStore } from "@tus/file-store";
import { S3Store, type MetadataValue } from "@tus/s3-store";
import type { DataStore, KvStore } from "@tus/utils";
import type { Env } from "@/lib/env";

export type UploadStoreKind = "file" | "s3";

export type UploadStore = {
  kind: UploadStoreKind;
  store: DataStore;
  /** The stored bytes of upload `id` (`end` inclusive), streamed. */
  read: (id: string, range?: { start: number; end: number }) => Promise<Readable>;
  /**
   * After its length is declared: makes the upload's bytes readable as one object. The S3
   * store keeps an unfinished upload as multipart parts (unreadable until completed); a
   * FileStore file is readable all along.
   */
  assemble: (id: string, offset: number) => Promise<void>;
};

// A cache that never hits: S3Store caches an upload's metadata (its declared length) per
// process, which on several instances goes stale (one instance declares the length, another
// still believes it deferred). Every request reads the .info object instead.
class NoCache implements KvStore<MetadataValue> {
  async get(): Promise<undefined> {
    return undefined;
  }
  async set(): Promise<void> {}
  async delete(): Promise<void> {}
}

const S3_MISSING = new Set(["NotFound", "NoSuchKey", "NoSuchUpload"]);
const isMissing = (err: unknown) => typeof err === "object" && err !== null && "name" in err && S3_MISSING.has(String((err as Error).name));

/** S3Store with ranged reads, a completion step for deferred-length uploads and a full remove. */
export class TakeS3Store extends S3Store {
  async readRange(id: string, range?: { start: number; end: number }): Promise<Readable> {
    const res = await this.client.getObject({ Bucket: this.bucket, Key: id, Range: range ? `bytes=${range.start}-${range.end}` : undefined });
    return res.Body as Readable;
  }

  async isAssembled(id: string): Promise<boolean> {
    try {
      await this.client.headObject({ Bucket: this.bucket, Key: id });
      return true;
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }

  // S3Store.remove aborts the multipart upload and gives up (FILE_NOT_FOUND) when it was
  // already completed, leaving the object behind, and never deletes the trailing `.part`.
  override async remove(id: string): Promise<void> {
    let uploadId: string | undefined;
    try {
      uploadId = (await this.getMetadata(id))["upload-id"];
    } catch (err) {
      if (!isMissing(err)) throw err;
    }
    if (uploadId) {
      await this.client.abortMultipartUpload({ Bucket: this.bucket, Key: id, UploadId: uploadId }).catch((err: unknown) => {
        if (!isMissing(err)) throw err;
      });
    }
    await this.client.deleteObjects({
      Bucket: this.bucket,
      Delete: { Objects: [{ Key: id }, { Key: this.infoKey(id) }, { Key: this.partKey(id, true) }] },
    });
    await this.clearCache(id);
  }
}

type UploadStoreEnv = Pick<
  Env,
  "DATA_DIR" | "S3_BUCKET" | "S3_ACCESS_KEY_ID" | "S3_SECRET_ACCESS_KEY" | "S3_REGION" | "S3_ENDPOINT" | "S3_FORCE_PATH_STYLE"
>;

/** Which tus store the env selects, without building it (/api/health reports it). */
export function uploadStoreKind(e: UploadStoreEnv): UploadStoreKind {
  return e.S3_BUCKET && e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY ? "s3" : "file";
}

export type UploadLockerKind = "postgresql" | "memory";

/**
 * Where tus's per-request lock lives. In PostgreSQL (pg-locker.ts) only when the store is shared
 * by several instances (S3) and the app runs on PostgreSQL: that lock costs two commits per
 * request (docs/benchmarks.md, issue 10). A FileStore is one machine's disk, served by one app
 * process, so tus's MemoryLocker serialises its requests; PGlite is one process by construction.
 */
export function uploadLockerKind(store: UploadStoreKind, databaseUrl: string | undefined): UploadLockerKind {
  return store === "s3" && databaseUrl ? "postgresql" : "memory";
}

/** The tus store the env selects: S3 when media storage is S3 (lib/env.ts checks the keys), else disk. */
export function createUploadStore(e: UploadStoreEnv): UploadStore {
  if (uploadStoreKind(e) === "s3" && e.S3_BUCKET && e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY) {
    const store = new TakeS3Store({
      cache: new NoCache(),
      s3ClientConfig: {
        bucket: e.S3_BUCKET,
        region: e.S3_REGION,
        endpoint: e.S3_ENDPOINT,
        forcePathStyle: e.S3_FORCE_PATH_STYLE ?? Boolean(e.S3_ENDPOINT),
        credentials: { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY },
        // As in the S3 storage adapter: no checksum framing on streamed bodies.
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
      },
    });
    return {
      kind: "s3",
      store,
      read: (id, range) => store.readRange(id, range),
      assemble: async (id, offset) => {
        if (await store.isAssembled(id)) return;
        // An empty write at the declared length: S3Store uploads the trailing incomplete part
        // and completes the multipart upload.
        await store.write(Readable.from([]), id, offset);
      },
    };
  }
  const directory = path.resolve(e.DATA_DIR, "uploads");
  return {
    kind: "file",
    store: new FileStore({ directory }),
    read: async (id, range) => createReadStream(path.join(directory, id), range ? { start: range.start, end: range.end } : {}),
    assemble: async () => {},
  };
}
