// Which storage the env selects, without loading any implementation (the start-time check
// and /api/health use it; the AWS SDK loads only when S3 is built).
import type { Env } from "@/lib/env";
import type { Storage } from "./types";
import { parseUploadThingToken } from "./uploadthing-token";

export type StorageKind = Storage["kind"];

export type StorageEnv = Pick<
  Env,
  | "DATA_DIR"
  | "S3_BUCKET"
  | "S3_ACCESS_KEY_ID"
  | "S3_SECRET_ACCESS_KEY"
  | "S3_REGION"
  | "S3_ENDPOINT"
  | "S3_FORCE_PATH_STYLE"
  | "UPLOADTHING_TOKEN"
  | "UPLOADTHING_API_URL"
  | "UPLOADTHING_INGEST_URL"
  | "UPLOADTHING_UFS_HOST"
  | "UPLOADTHING_UFS_APP_ID_LOCATION"
>;

/** Which storage the env selects (lib/env.ts refuses UploadThing and S3 together). */
export function storageKind(e: StorageEnv): StorageKind {
  if (e.UPLOADTHING_TOKEN) return "uploadthing";
  // lib/env.ts already refuses a bucket without its keys.
  return e.S3_BUCKET ? "s3" : "local";
}

/** The origin UploadThing serves this app's files from (what UTApi.generateSignedURL names). */
export function uploadThingFileOrigin(e: StorageEnv): string | undefined {
  const token = e.UPLOADTHING_TOKEN ? parseUploadThingToken(e.UPLOADTHING_TOKEN) : null;
  if (!token) return undefined;
  const host = e.UPLOADTHING_UFS_HOST ?? "ufs.sh";
  const proto = host.includes("local") ? "http" : "https";
  return (e.UPLOADTHING_UFS_APP_ID_LOCATION ?? "subdomain") === "subdomain" ? `${proto}://${token.appId}.${host}` : `${proto}://${host}`;
}

/**
 * The origin the browser fetches presigned media URLs from when S3 is selected (the page's CSP
 * must allow it in media-src), or undefined for local disk (the app's own origin serves media).
 * Mirrors S3Storage's URLs: path-style `endpoint/bucket/key` (the default with S3_ENDPOINT),
 * else virtual-hosted `bucket.host/key` (AWS: `bucket.s3.<region>.amazonaws.com`).
 */
export function mediaOrigin(e: StorageEnv): string | undefined {
  if (storageKind(e) === "uploadthing") return uploadThingFileOrigin(e);
  if (storageKind(e) !== "s3" || !e.S3_BUCKET) return undefined;
  if (!e.S3_ENDPOINT) return `https://${e.S3_BUCKET}.s3.${e.S3_REGION}.amazonaws.com`;
  const endpoint = new URL(e.S3_ENDPOINT);
  const pathStyle = e.S3_FORCE_PATH_STYLE ?? true;
  return pathStyle ? endpoint.origin : `${endpoint.protocol}//${e.S3_BUCKET}.${endpoint.host}`;
}
