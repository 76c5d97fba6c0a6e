// One take's log as this page sees it: the chunk index (offsets and lengths) over the
// IndexedDB write-ahead log (wal.ts), the bytes themselves read back on demand. The page that
// records appends to it; the uploader and the review player read from it. A take recorded by
// another tab (or by a page that crashed) is followed by polling IndexedDB. The SHA-256 that
// finalise needs is computed as chunks arrive and stored beside them, so submitting never
// re-reads the take (a reloaded page reads it once when an older page left no hash state).
import { Sha256 } from "./sha256";
import {
  appendChunk,
  getTake,
  isQuotaError,
  readChunks,
  updateTake,
  type TakeMeta,
} from "./wal";

type Entry = { seq: number; start: number; size: number };

/**
 * Without Web Locks: a "recording" take whose log has not grown for this long was cut off
 * (crash, closed tab). A live tab in the background may be throttled past it, so where Web
 * Locks exist the recording tab's lock decides instead.
 */
const STALLED_MS = 8_000;
/** With Web Locks: how long a take may go without its lock before it counts as cut off (the tab that starts a take writes it before its lock is granted). */
const LOCK_GRACE_MS = 3_000;
const POLL_MS = 1_000;
/**
 * When IndexedDB refused chunks, they are kept in memory for the upload and for review; past
 * this many bytes the ones the server acknowledged are dropped (review of such a take then
 * fails, the upload and the hash do not need them).
 */
const MEMORY_KEEP_BYTES = 64 * 1024 * 1024;

function recordingLockName(takeId: string): string {
  return `intervue-recording-${takeId}`;
}

function webLocks(): LockManager | undefined {
  return typeof navigator !== "undefined" ? navigator.locks : undefined;
}

/**
 * Whether the tab that records this take is still alive: true or false from Web Locks (the
 * recording page holds `intervue-recording-<id>` until it stops), null when the browser has
 * none (the caller falls back to how long the log has not grown).
 */
export async function recordingTabAlive(takeId: string): Promise<boolean | null> {
  const locks = webLocks();
  if (!locks) return null;
  try {
    const { held = [] } = await locks.query();
    return held.some((l) => l.name === recordingLockName(takeId));
  } catch {
    return null;
  }
}

/** Whether a take left in state "recording" was cut off (its recording page is gone). */
export async function recordingCutOff(meta: TakeMeta): Promise<boolean> {
  if (meta.state !== "recording") return false;
  const idle = Date.now() - meta.updatedAt;
  const alive = await recordingTabAlive(meta.takeId);
  if (alive === null) return idle > STALLED_MS;
  return !alive && idle > LOCK_GRACE_MS;
}

export class TakeLog {
  meta: TakeMeta;
  private index: Entry[] = [];
  /** Chunks IndexedDB did not take (quota) or has not taken yet: read from memory. */
  private memory = new Map<number, Blob>();
  private writes: Promise<void> = Promise.resolve();
  private listeners = new Set<() => void>();
  /** Set once IndexedDB refused a chunk: later chunks stay in memory, so the log stays a prefix. */
  storageError: unknown = null;
  /** True when this page's MediaRecorder writes the log. */
  readonly local: boolean;
  private ended: boolean;
  /** SHA-256 of the log so far (null: unknown, hash by reading the log back). */
  private hasher: Sha256 | null = null;
  private digest: { bytes: number; sha256: string } | null = null;
  private memoryBytes = 0;
  private releaseRecordingLock: (() => void) | null = null;

  private constructor(meta: TakeMeta, local: boolean) {
    this.meta = meta;
    this.local = local;
    this.ended = meta.state !== "recording";
  }

  /** A new take recorded by this page (its metadata is already in the WAL). */
  static recording(meta: TakeMeta): TakeLog {
    const log = new TakeLog(meta, true);
    log.hasher = new Sha256();
    // Held while this page records: other tabs see the take is alive however long it stalls.
    const locks = webLocks();
    if (locks) {
      locks
        .request(recordingLockName(meta.takeId), () => {
          if (log.ended) return;
          return new Promise<void>((release) => {
            log.releaseRecordingLock = release;
          });
        })
        .catch(() => {});
    }
    return log;
  }

  /** A take found in the WAL (after a reload, or another tab's). */
  static async open(meta: TakeMeta): Promise<TakeLog> {
    const log = new TakeLog(meta, false);
    await log.refresh();
    return log;
  }

  get bytes(): number {
    const last = this.index[this.index.length - 1];
    return last ? last.start + last.size : 0;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }

  private async refresh(): Promise<void> {
    const meta = await getTake(this.meta.takeId);
    if (meta) this.meta = meta;
    const known = this.index.length;
    const more = await readChunks(this.meta.takeId, known);
    for (const c of more)
      if (c.seq === this.index.length)
        this.index.push({ seq: c.seq, start: c.start, size: c.size });
    // The recording page stores its hash state with each chunk: pick it up when it covers
    // exactly the chunks read here.
    const saved = this.meta.hash;
    if (saved && saved.bytes === this.bytes && this.hasher?.length !== this.bytes) {
      try {
        this.hasher = Sha256.from(saved);
      } catch {
        this.hasher = null;
      }
    }
    if (!this.local) {
      if (this.meta.state !== "recording" || (await recordingCutOff(this.meta)))
        this.ended = true;
    }
    if (this.index.length !== known || this.ended) this.emit();
  }

  /** The log in IndexedDB lacks chunks IndexedDB refused (see TakeMeta.incomplete). */
  get incomplete(): boolean {
    return Boolean(this.meta.incomplete);
  }

  /** Appends a recorder chunk: to the index at once (upload can start), to IndexedDB in order. */
  append(blob: Blob, durationSeconds: number): Promise<void> {
    if (blob.size === 0) return this.writes;
    const entry = {
      seq: this.index.length,
      start: this.bytes,
      size: blob.size,
    };
    this.index.push(entry);
    this.memory.set(entry.seq, blob);
    this.memoryBytes += blob.size;
    this.meta = {
      ...this.meta,
      bytes: entry.start + entry.size,
      chunks: entry.seq + 1,
      durationSeconds,
      updatedAt: Date.now(),
    };
    this.emit();
    this.writes = this.writes.then(async () => {
      // Hash in order, as the chunks come (the writes run one after another).
      if (this.hasher) {
        try {
          this.hasher.update(new Uint8Array(await blob.arrayBuffer()));
        } catch {
          this.hasher = null;
        }
      }
      if (this.storageError) return;
      try {
        // wal.ts retries once on a fresh connection before this throws.
        await appendChunk(
          { takeId: this.meta.takeId, ...entry, blob },
          durationSeconds,
          this.hasher?.state(),
        );
        this.forget(entry.seq);
      } catch (err) {
        // Surfaced by the UI; this chunk and later ones stay in memory and upload from there.
        // IndexedDB keeps a clean prefix, marked incomplete so recovery does not offer it whole.
        this.storageError = err ?? new Error("IndexedDB write failed");
        if (!isQuotaError(err))
          console.warn("[recorder] IndexedDB write failed", err);
        this.meta = { ...this.meta, incomplete: true };
        await updateTake(this.meta.takeId, { incomplete: true }).catch(() => {});
        this.emit();
      }
    });
    return this.writes;
  }

  private forget(seq: number): void {
    const blob = this.memory.get(seq);
    if (!blob) return;
    this.memory.delete(seq);
    this.memoryBytes -= blob.size;
  }

  /**
   * The server holds every byte before `offset` (the uploader calls this). Chunks IndexedDB
   * refused are then dropped from memory, oldest first, once they exceed MEMORY_KEEP_BYTES.
   */
  acknowledged(offset: number): void {
    if (!this.storageError || this.memoryBytes <= MEMORY_KEEP_BYTES) return;
    for (const e of this.index) {
      if (this.memoryBytes <= MEMORY_KEEP_BYTES || e.start + e.size > offset) break;
      this.forget(e.seq);
    }
  }

  /**
   * The SHA-256 of the whole log (call once it ended). From the running hash when it covers
   * the log; otherwise (a page reloaded from an older log, a failed read) by reading the log
   * back once. The digest is kept for the same length.
   */
  async sha256(): Promise<string> {
    if (this.local) await this.writes;
    const bytes = this.bytes;
    if (this.digest?.bytes === bytes) return this.digest.sha256;
    let sha256: string;
    if (this.hasher && this.hasher.length === bytes) {
      // A copy: the running hash may still grow (hex() ends a hasher).
      sha256 = Sha256.from(this.hasher.state()).hex();
    } else {
      const hash = new Sha256();
      for await (const part of this.chunks()) hash.update(part);
      sha256 = hash.hex();
    }
    this.digest = { bytes, sha256 };
    return sha256;
  }

  /** The recorder stopped: the log is complete. */
  async end(
    durationSeconds: number,
    state: TakeMeta["state"] = "recorded",
  ): Promise<void> {
    await this.writes;
    this.ended = true;
    this.releaseRecordingLock?.();
    this.releaseRecordingLock = null;
    this.meta = { ...this.meta, state, durationSeconds };
    this.emit();
    await updateTake(this.meta.takeId, { state, durationSeconds }).catch(
      () => {},
    );
  }

  /** A renewed upload grant (and the limits that came with it), kept for the next page too. */
  async setGrant(fresh: Pick<TakeMeta, "grant" | "maxBytes" | "maxChunkBytes">): Promise<void> {
    const change = { grant: fresh.grant, maxBytes: fresh.maxBytes, maxChunkBytes: fresh.maxChunkBytes };
    this.meta = { ...this.meta, ...change };
    await updateTake(this.meta.takeId, change).catch(() => {});
  }

  async setState(state: TakeMeta["state"]): Promise<void> {
    this.meta = { ...this.meta, state };
    await updateTake(this.meta.takeId, { state }).catch(() => {});
  }

  /** Resolves once the log holds a byte at `offset`, or it ended. Rejects when `signal` aborts. */
  waitFor(offset: number, signal?: AbortSignal): Promise<void> {
    if (this.bytes > offset || this.ended) return Promise.resolve();
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (err?: unknown) => {
        off();
        if (timer) clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        if (err) reject(err);
        else resolve();
      };
      const check = () => {
        if (this.bytes > offset || this.ended) finish();
      };
      const onAbort = () =>
        finish(signal?.reason ?? new DOMException("Aborted", "AbortError"));
      const off = this.onChange(check);
      signal?.addEventListener("abort", onAbort);
      if (!this.local) {
        const poll = () => {
          timer = setTimeout(() => {
            this.refresh()
              .then(check, () => {})
              .finally(() => {
                if (!(this.bytes > offset || this.ended)) poll();
              });
          }, POLL_MS);
        };
        poll();
      }
    });
  }

  /** Bytes [start, end) of the take (end ≤ bytes). */
  async read(start: number, end: number): Promise<Blob> {
    const parts = this.index.filter(
      (e) => e.start < end && e.start + e.size > start,
    );
    if (parts.length === 0) return new Blob([]);
    const blobs: Blob[] = [];
    // Copy the in-memory blobs before awaiting: a chunk whose IndexedDB write completes during
    // the read leaves memory, and must not then count as missing.
    const held = new Map<number, Blob>();
    for (const p of parts) {
      const blob = this.memory.get(p.seq);
      if (blob) held.set(p.seq, blob);
    }
    const missing = parts.filter((p) => !held.has(p.seq));
    const stored = new Map<number, Blob>();
    if (missing.length > 0) {
      for (const c of await readChunks(
        this.meta.takeId,
        missing[0]!.seq,
        missing[missing.length - 1]!.seq,
      ))
        stored.set(c.seq, c.blob);
    }
    for (const p of parts) {
      const blob = held.get(p.seq) ?? stored.get(p.seq);
      if (!blob)
        throw new Error(
          `Chunk ${p.seq} of take ${this.meta.takeId} is missing from the log.`,
        );
      blobs.push(blob);
    }
    const first = parts[0]!.start;
    return new Blob(blobs).slice(start - first, end - first);
  }

  /** The whole take as one Blob of its mime type (review playback, hashing). */
  async whole(): Promise<Blob> {
    const blob = await this.read(0, this.bytes);
    return new Blob([blob], { type: this.meta.mimeType });
  }

  /** Walks the log in chunks of about `step` bytes (hashing without holding the take in memory). */
  async *chunks(step = 4 * 1024 * 1024): AsyncGenerator<Uint8Array> {
    for (let at = 0; at < this.bytes; at += step) {
      const blob = await this.read(at, Math.min(this.bytes, at + step));
      yield new Uint8Array(await blob.arrayBuffer());
    }
  }
}
