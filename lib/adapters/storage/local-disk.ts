import "server-only";
import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { byteCounter, toNodeReadable, toWebStream } from "./streams";
import {
  assertRange,
  assertSafeKey,
  RangeNotSatisfiableError,
  type ByteRange,
  type ObjectBody,
  type ObjectInfo,
  type PutBody,
  type PutOptions,
  type Storage,
  type StoredObject,
} from "./types";

// Keys never start with a dot (assertSafeKey), so this folder cannot collide with one.
const TMP_DIR = ".tmp";

/** Files under `root/<bucket>/<key>`. Single machine only: on Vercel the disk is lost on deploy. */
export class LocalDiskStorage implements Storage {
  readonly kind = "local";
  constructor(private readonly root: string) {}

  private file(bucket: string, key: string): string {
    assertSafeKey(bucket, key);
    return path.join(this.root, bucket, ...key.split("/"));
  }

  async put(bucket: string, key: string, body: PutBody, options: PutOptions = {}): Promise<StoredObject> {
    const file = this.file(bucket, key);
    const tmpDir = path.join(this.root, TMP_DIR);
    await Promise.all([mkdir(path.dirname(file), { recursive: true }), mkdir(tmpDir, { recursive: true })]);
    // Write then rename: a reader never sees half a file, and an aborted upload leaves none.
    const tmp = path.join(tmpDir, `${randomUUID()}.part`);
    const counter = byteCounter(options.maxBytes);
    try {
      await pipeline(toNodeReadable(body), counter, createWriteStream(tmp, { flags: "wx" }));
      await rename(tmp, file);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return { bucket, key, size: counter.bytes() };
  }

  async stat(bucket: string, key: string): Promise<ObjectInfo | null> {
    try {
      const s = await stat(this.file(bucket, key));
      return s.isFile() ? { size: s.size } : null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
  }

  async get(bucket: string, key: string, range?: ByteRange): Promise<ObjectBody | null> {
    const info = await this.stat(bucket, key);
    if (!info) return null;
    let served: ByteRange | undefined;
    if (range) {
      assertRange(range);
      if (range.start >= info.size) throw new RangeNotSatisfiableError(info.size);
      served = { start: range.start, end: Math.min(range.end, info.size - 1) };
    }
    const stream = createReadStream(this.file(bucket, key), served);
    return { body: toWebStream(stream), size: info.size, range: served };
  }

  async delete(bucket: string, key: string): Promise<void> {
    await rm(this.file(bucket, key), { force: true });
  }

  // The app serves local files itself (e.g. /api/files/avatars/...): nothing to sign.
  async presignGet(): Promise<null> {
    return null;
  }

  async presignPut(): Promise<null> {
    return null;
  }
}
