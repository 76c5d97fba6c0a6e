// One take's log as this page sees it: the chunk index (offsets and lengths) over the
// IndexedDB write-ahead log (wal.ts), the bytes themselves read back on demand. The page that
// records appends to it; the uploader and the review player read from it. A take recorded by
// another tab (or by a page that crashed) is followed by polling IndexedDB.
import {
  appendChunk,
  getTake,
  isQuotaError,
  readChunks,
  updateTake,
  type TakeMeta,
} from "./wal";

type Entry = { seq: number; start: number; size: number };

/** A "recording" take whose log has not grown for this long was cut off (crash, closed tab). */
const STALLED_MS = 8_000;
const POLL_MS = 1_000;

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

  private constructor(meta: TakeMeta, local: boolean) {
    this.meta = meta;
    this.local = local;
    this.ended = meta.state !== "recording";
  }

  /** A new take recorded by this page (its metadata is already in the WAL). */
  static recording(meta: TakeMeta): TakeLog {
    return new TakeLog(meta, true);
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
    if (!this.local) {
      const stalled =
        this.meta.state === "recording" &&
        Date.now() - this.meta.updatedAt > STALLED_MS;
      if (this.meta.state !== "recording" || stalled) this.ended = true;
    }
    if (this.index.length !== known || this.ended) this.emit();
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
    this.meta = {
      ...this.meta,
      bytes: entry.start + entry.size,
      chunks: entry.seq + 1,
      durationSeconds,
      updatedAt: Date.now(),
    };
    this.emit();
    this.writes = this.writes.then(async () => {
      if (this.storageError) return;
      try {
        await appendChunk(
          { takeId: this.meta.takeId, ...entry, blob },
          durationSeconds,
        );
        this.memory.delete(entry.seq);
      } catch (err) {
        // Surfaced by the UI; the chunk stays in memory and uploads from there.
        this.storageError = err ?? new Error("IndexedDB write failed");
        if (!isQuotaError(err))
          console.warn("[recorder] IndexedDB write failed", err);
        this.emit();
      }
    });
    return this.writes;
  }

  /** The recorder stopped: the log is complete. */
  async end(
    durationSeconds: number,
    state: TakeMeta["state"] = "recorded",
  ): Promise<void> {
    await this.writes;
    this.ended = true;
    this.meta = { ...this.meta, state, durationSeconds };
    this.emit();
    await updateTake(this.meta.takeId, { state, durationSeconds }).catch(
      () => {},
    );
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
    const missing = parts.filter((p) => !this.memory.has(p.seq));
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
      const blob = this.memory.get(p.seq) ?? stored.get(p.seq);
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
