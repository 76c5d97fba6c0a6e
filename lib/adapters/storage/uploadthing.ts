import "server-only";
// Media in UploadThing through its server SDK (UTApi, uploadthing 7.7.4).
//
// UploadThing names files by keys it generates; the app names objects `bucket/key`. Each object
// is uploaded with a customId derived from `bucket/key` (a SHA-256, as UploadThing limits a
// customId's length), and its file URL `…/f/<customId>` (UploadThing serves files by customId
// too) is read through a URL signed by `generateSignedURL` (no API call), with a Range header.
//
// UTApi signs the file's size and type into the ingest URL before sending it, and sends a
// Blob: a body of unknown length is first spooled to a temporary file (counted, and stopped at
// maxBytes), then handed over as a disk-backed Blob (fs.openAsBlob), so nothing holds the whole
// file in memory. Files are uploaded private (acl "private"): the app must allow that ACL.
// There is no presigned PUT: an UploadThing upload needs the SDK's signed metadata.
import { createHash } from "node:crypto";
import { createWriteStream, openAsBlob } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { UTApi } from "uploadthing/server";
import { byteCounter, toNodeReadable } from "./streams";
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

/** The file's whole size from Content-Range's total, else Content-Length; null when neither says. */
function totalSize(res: Response): number | null {
  const range = /^bytes (?:\d+-\d+|\*)\/(\d+)$/.exec(res.headers.get("content-range") ?? "");
  if (range) return Number(range[1]);
  const length = res.headers.get("content-length");
  if (res.status !== 206 && length !== null && /^\d+$/.test(length)) return Number(length);
  return null;
}

export type UploadThingOptions = {
  token: string;
  /** API and ingest servers (tests point them at a local server). */
  apiUrl?: string;
  ingestUrl?: string;
  /** File host (default ufs.sh) and where the app id goes in file URLs. */
  ufsHost?: string;
  ufsAppIdLocation?: "subdomain" | "path";
  fetch?: typeof fetch;
};

const DEFAULT_EXPIRY_SECONDS = 15 * 60;
/** generateSignedURL refuses more than 7 days. */
const MAX_EXPIRY_SECONDS = 7 * 24 * 60 * 60;

export class UploadThingStorage implements Storage {
  readonly kind = "uploadthing";
  readonly api: UTApi;
  private readonly fetch: typeof fetch;

  constructor(options: UploadThingOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.api = new UTApi({
      token: options.token,
      apiUrl: options.apiUrl,
      ingestUrl: options.ingestUrl,
      ufsHost: options.ufsHost,
      ufsAppIdLocation: options.ufsAppIdLocation,
      fetch: this.fetch,
      logLevel: "Error",
    });
  }

  /** The UploadThing customId of `bucket/key`. */
  customId(bucket: string, key: string): string {
    assertSafeKey(bucket, key);
    return createHash("sha256").update(`${bucket}/${key}`).digest("hex");
  }

  async put(bucket: string, key: string, body: PutBody, options: PutOptions = {}): Promise<StoredObject> {
    const customId = this.customId(bucket, key);
    const dir = await mkdtemp(path.join(os.tmpdir(), "ut-put-"));
    try {
      const file = path.join(dir, "body");
      const counter = byteCounter(options.maxBytes);
      try {
        await pipeline(toNodeReadable(body), counter, createWriteStream(file));
      } catch (err) {
        throw counter.exceeded() && options.maxBytes !== undefined ? new StorageLimitError(options.maxBytes) : err;
      }
      const blob = await openAsBlob(file, { type: options.contentType ?? "application/octet-stream" });
      const upload = Object.assign(blob, { name: path.basename(key), customId, lastModified: Date.now() });
      // A customId names one file, so replacing one means deleting it first, and nothing can be
      // uploaded beside it and swapped in (renameFiles changes only the name). Deleting only
      // when the upload was refused because the customId is taken keeps a first put from ever
      // deleting anything: a second put of the same key racing it (two finalises of one take)
      // cannot remove the object the first one stored, unless it really replaces it.
      let res = await this.api.uploadFiles(upload, { acl: "private", contentDisposition: "inline" });
      if (res.error && (await this.stat(bucket, key).catch(() => null))) {
        await this.api.deleteFiles(customId, { keyType: "customId" });
        res = await this.api.uploadFiles(upload, { acl: "private", contentDisposition: "inline" });
      }
      if (res.error) throw new Error(`UploadThing refused the upload: ${res.error.code} ${res.error.message}`);
      return { bucket, key, size: counter.bytes() };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async signedUrl(bucket: string, key: string, expiresInSeconds = DEFAULT_EXPIRY_SECONDS): Promise<string> {
    const seconds = Math.max(1, Math.min(MAX_EXPIRY_SECONDS, Math.floor(expiresInSeconds)));
    return (await this.api.generateSignedURL(this.customId(bucket, key), { expiresIn: seconds })).ufsUrl;
  }

  async stat(bucket: string, key: string): Promise<ObjectInfo | null> {
    const url = await this.signedUrl(bucket, key, 60);
    const res = await this.fetch(url, { method: "HEAD" });
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`UploadThing file host answered ${res.status}`);
    const contentType = res.headers.get("content-type") ?? undefined;
    let size = totalSize(res);
    if (size === null) {
      // No Content-Length on the HEAD (a chunked answer): the total of a one-byte range says it.
      const probe = await this.fetch(url, { headers: { range: "bytes=0-0" } });
      await probe.body?.cancel();
      if (probe.status === 404) return null;
      // 416 on the first byte: an empty file.
      size = probe.status === 416 ? (totalSize(probe) ?? 0) : probe.ok ? totalSize(probe) : null;
    }
    // Never a guessed 0: a wrong size would cut playback short or fail the size checks.
    if (size === null) throw new Error("UploadThing's file host did not say the file's size");
    return { size, contentType };
  }

  async get(bucket: string, key: string, range?: ByteRange): Promise<ObjectBody | null> {
    if (range) assertRange(range);
    const res = await this.fetch(await this.signedUrl(bucket, key, 60), {
      headers: range ? { range: `bytes=${range.start}-${range.end}` } : {},
    });
    if (res.status === 404) return null;
    if (res.status === 416) {
      await res.body?.cancel();
      const info = await this.stat(bucket, key);
      if (!info) return null;
      throw new RangeNotSatisfiableError(info.size);
    }
    if (!res.ok || !res.body) throw new Error(`UploadThing file host answered ${res.status}`);
    const contentType = res.headers.get("content-type") ?? undefined;
    const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(res.headers.get("content-range") ?? "");
    if (res.status === 206 && m) {
      return { body: res.body, size: Number(m[3]), range: { start: Number(m[1]), end: Number(m[2]) }, contentType };
    }
    if (range) {
      // The host ignored the Range (a 200 with the whole file): not what was asked for.
      await res.body.cancel();
      throw new Error("UploadThing's file host did not honour the Range request");
    }
    let size = totalSize(res);
    if (size === null) {
      // A whole file sent chunked: ask for the size rather than report 0.
      const info = await this.stat(bucket, key).catch(async (err: unknown) => {
        await res.body?.cancel();
        throw err;
      });
      if (!info) {
        await res.body.cancel();
        return null;
      }
      size = info.size;
    }
    return { body: res.body, size, contentType };
  }

  async delete(bucket: string, key: string): Promise<void> {
    await this.api.deleteFiles(this.customId(bucket, key), { keyType: "customId" });
  }

  async presignGet(bucket: string, key: string, options: PresignOptions = {}): Promise<string> {
    return this.signedUrl(bucket, key, options.expiresInSeconds);
  }

  async presignPut(): Promise<null> {
    return null;
  }
}
