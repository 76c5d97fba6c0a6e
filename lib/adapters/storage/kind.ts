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
 * Mirrors the AWS SDK's S3 endpoint rules (what S3Storage's presigned URLs name, with its
 * forcePathStyle default of "path-style when S3_ENDPOINT is set"); kind.test.ts checks it
 * against real presigns:
 * - virtual-hosted `bucket.host` when the bucket is a valid DNS label (no dots, lowercase,
 *   3–63 characters, not an IP address) and path-style is not forced;
 * - else path-style `host/bucket`, whose origin is the endpoint's (AWS: `s3.<region>.<suffix>`);
 * - an endpoint that is an IP address is always path-style.
 */
export function mediaOrigin(e: StorageEnv): string | undefined {
  if (storageKind(e) === "uploadthing") return uploadThingFileOrigin(e);
  if (storageKind(e) !== "s3" || !e.S3_BUCKET) return undefined;
  const bucket = e.S3_BUCKET;
  const forcePathStyle = e.S3_FORCE_PATH_STYLE ?? Boolean(e.S3_ENDPOINT);
  if (!e.S3_ENDPOINT) {
    const suffix = e.S3_REGION.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    const host = `s3.${e.S3_REGION}.${suffix}`;
    return !forcePathStyle && isDnsBucket(bucket) ? `https://${bucket}.${host}` : `https://${host}`;
  }
  const endpoint = new URL(e.S3_ENDPOINT);
  const virtual = !forcePathStyle && !isIpHost(endpoint.hostname) && isDnsBucket(bucket);
  return virtual ? `${endpoint.protocol}//${bucket}.${endpoint.host}` : endpoint.origin;
}

/** The SDK's isVirtualHostableS3Bucket(bucket, false). */
function isDnsBucket(bucket: string): boolean {
  return /^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/.test(bucket) && !/^\d{1,3}(?:\.\d{1,3}){3}$/.test(bucket);
}

function isIpHost(hostname: string): boolean {
  return /^\d{1,3}(?:\.\d{1,3}){3}$/.test(hostname) || hostname.startsWith("[");
}
