import "server-only";
// The storage selector: which implementation the typed env asks for, built once per process.
import path from "node:path";
import { env as processEnv } from "@/lib/env";
import { storageKind, type StorageEnv } from "./kind";
import { LocalDiskStorage } from "./local-disk";
import { S3Storage } from "./s3";
import type { Storage } from "./types";
import { UploadThingStorage } from "./uploadthing";

export { storageKind, type StorageKind } from "./kind";
export type { ByteRange, ObjectBody, ObjectInfo, PutBody, PutOptions, Storage, StoredObject } from "./types";
export { RangeNotSatisfiableError, StorageLimitError } from "./types";
export { objectResponse } from "./object-response";
export { peekStream } from "./streams";

export function createStorage(e: StorageEnv): Storage {
  if (storageKind(e) === "uploadthing") {
    return new UploadThingStorage({
      token: e.UPLOADTHING_TOKEN!,
      apiUrl: e.UPLOADTHING_API_URL,
      ingestUrl: e.UPLOADTHING_INGEST_URL,
      ufsHost: e.UPLOADTHING_UFS_HOST,
      ufsAppIdLocation: e.UPLOADTHING_UFS_APP_ID_LOCATION,
    });
  }
  if (storageKind(e) === "s3") {
    return new S3Storage({
      bucket: e.S3_BUCKET!,
      accessKeyId: e.S3_ACCESS_KEY_ID!,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
      region: e.S3_REGION,
      endpoint: e.S3_ENDPOINT,
      forcePathStyle: e.S3_FORCE_PATH_STYLE,
    });
  }
  return new LocalDiskStorage(path.resolve(e.DATA_DIR, "media"));
}

let storage: Storage | undefined;

export function getStorage(): Storage {
  storage ??= createStorage(processEnv);
  return storage;
}
