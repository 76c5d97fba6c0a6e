// The recorder's write-ahead log in IndexedDB (decision 0008). Every MediaRecorder chunk is
// written here before anything else, keyed by (take id, sequence number) with its byte offset
// and length; the take's metadata (link token, question, grant, upload URL, mime type,
// attempt, duration, state) lives beside it. The uploader reads the bytes back from here, so a
// reload, a crash or a browser restart loses nothing that reached the log.

import type { Sha256State } from "./sha256";

export type TakeState =
  /** MediaRecorder is (or was, until a crash) appending chunks. */
  | "recording"
  /** Recording stopped: the log is complete; the candidate reviews it. */
  | "recorded"
  /** The candidate submitted it: upload the rest and finalise without asking again. */
  | "submitting";

export type TakeMeta = {
  takeId: string;
  token: string;
  questionId: string;
  grant: string;
  /** tus creation endpoint (the upload is `${uploadUrl}/${takeId}`). */
  uploadUrl: string;
  maxBytes: number;
  /** The largest PATCH the server takes (absent in logs of older pages: 2 MiB then). */
  maxChunkBytes?: number;
  attempt: number;
  /** The recorder's own mimeType (codecs included), never assumed. */
  mimeType: string;
  state: TakeState;
  /** Bytes and chunks in the log (the next chunk's offset and sequence number). */
  bytes: number;
  chunks: number;
  durationSeconds: number;
  /** Last chunk appended (ms since epoch): a "recording" take that stopped growing was cut off. */
  updatedAt: number;
  createdAt: number;
  /**
   * SHA-256 state over the first `hash.bytes` bytes, written with each chunk, so a reloaded
   * page resumes the hash instead of reading the take back (absent in logs of older pages).
   */
  hash?: Sha256State;
  /**
   * IndexedDB refused a chunk (quota, a lost connection twice in a row): the log here is only a
   * prefix of what was recorded (the rest was uploaded from the recording page's memory).
   * Recovery must not offer it as the whole take.
   */
  incomplete?: boolean;
};

export type ChunkRecord = {
  takeId: string;
  seq: number;
  start: number;
  size: number;
  blob: Blob;
};

const DB_NAME = "intervue-recorder";
const TAKES = "takes";
const CHUNKS = "chunks";

let opening: Promise<IDBDatabase> | null = null;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () =>
      reject(tx.error ?? new DOMException("Transaction aborted", "AbortError"));
  });
}

export function openWal(): Promise<IDBDatabase> {
  if (!opening) {
    const current: Promise<IDBDatabase> = new Promise<IDBDatabase>((resolve, reject) => {
      if (typeof indexedDB === "undefined") {
        reject(
          new DOMException("IndexedDB is not available", "NotSupportedError"),
        );
        return;
      }
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => {
        const db = req.result;
        const takes = db.createObjectStore(TAKES, { keyPath: "takeId" });
        takes.createIndex("token", "token");
        db.createObjectStore(CHUNKS, { keyPath: ["takeId", "seq"] });
      };
      req.onsuccess = () => {
        const db = req.result;
        // The browser closed it under us (iOS Safari's "connection lost", storage cleared):
        // the next call opens a new one instead of failing on a dead handle for good.
        db.onclose = () => {
          if (opening === current) opening = null;
        };
        // Another tab upgrading later: let it, this page reopens on its next call.
        db.onversionchange = () => {
          db.close();
          if (opening === current) opening = null;
        };
        resolve(db);
      };
      req.onerror = () => reject(req.error);
      req.onblocked = () =>
        reject(
          new DOMException(
            "IndexedDB is blocked by another tab",
            "InvalidStateError",
          ),
        );
    });
    opening = current;
    current.catch(() => {
      if (opening === current) opening = null;
    });
  }
  return opening;
}

/**
 * Runs `op` on the cached connection; when that fails for any reason but a full disk, drops
 * the connection and runs it once more on a fresh one (a connection the browser closed without
 * `onclose`, as iOS Safari does, fails every transaction until it is reopened).
 */
async function withDb<T>(op: (db: IDBDatabase) => Promise<T>): Promise<T> {
  const first = await openWal();
  try {
    return await op(first);
  } catch (err) {
    if (isQuotaError(err)) throw err;
    if (opening) {
      const cached = await opening.catch(() => null);
      if (cached === first) {
        opening = null;
        try {
          first.close();
        } catch {
          // Already closed.
        }
      }
    }
    return op(await openWal());
  }
}

/** True for the errors that mean "the browser will not store more" (surfaced, not swallowed). */
export function isQuotaError(err: unknown): boolean {
  return (
    err instanceof DOMException &&
    (err.name === "QuotaExceededError" ||
      err.name === "NS_ERROR_DOM_QUOTA_REACHED")
  );
}

export function putTake(meta: TakeMeta): Promise<void> {
  return withDb(async (db) => {
    const tx = db.transaction(TAKES, "readwrite");
    tx.objectStore(TAKES).put(meta);
    await done(tx);
  });
}

export function getTake(takeId: string): Promise<TakeMeta | null> {
  return withDb(
    async (db) =>
      ((await request(db.transaction(TAKES).objectStore(TAKES).get(takeId))) as
        TakeMeta | undefined) ?? null,
  );
}

export async function takesOfLink(token: string): Promise<TakeMeta[]> {
  const all = await withDb(
    async (db) =>
      (await request(
        db.transaction(TAKES).objectStore(TAKES).index("token").getAll(token),
      )) as TakeMeta[],
  );
  return all.sort((a, b) => a.createdAt - b.createdAt);
}

export function updateTake(
  takeId: string,
  change: Partial<TakeMeta>,
): Promise<TakeMeta | null> {
  return withDb(async (db) => {
    const tx = db.transaction(TAKES, "readwrite");
    const store = tx.objectStore(TAKES);
    const current = (await request(store.get(takeId))) as TakeMeta | undefined;
    const next = current ? { ...current, ...change } : null;
    if (next) store.put(next);
    await done(tx);
    return next;
  });
}

/**
 * Appends one chunk and advances the take's byte and chunk counts in one transaction, so the
 * metadata never claims bytes the log does not hold. Throws (QuotaExceededError included).
 */
export function appendChunk(
  chunk: ChunkRecord,
  durationSeconds: number,
  hash?: Sha256State,
): Promise<void> {
  return withDb(async (db) => {
    const tx = db.transaction([TAKES, CHUNKS], "readwrite");
    const takes = tx.objectStore(TAKES);
    tx.objectStore(CHUNKS).put(chunk);
    const meta = (await request(takes.get(chunk.takeId))) as
      TakeMeta | undefined;
    if (meta) {
      const end = chunk.start + chunk.size;
      takes.put({
        ...meta,
        bytes: Math.max(meta.bytes, end),
        chunks: Math.max(meta.chunks, chunk.seq + 1),
        durationSeconds: Math.max(meta.durationSeconds, durationSeconds),
        updatedAt: Date.now(),
        ...(hash && hash.bytes === end ? { hash } : {}),
      });
    }
    await done(tx);
  });
}

/** The chunks of a take from sequence number `fromSeq` on, in order. */
export async function readChunks(
  takeId: string,
  fromSeq = 0,
  toSeq = Number.MAX_SAFE_INTEGER,
): Promise<ChunkRecord[]> {
  return withDb(
    async (db) =>
      (await request(
        db
          .transaction(CHUNKS)
          .objectStore(CHUNKS)
          .getAll(IDBKeyRange.bound([takeId, fromSeq], [takeId, toSeq])),
      )) as ChunkRecord[],
  );
}

/** Chunk offsets without their bytes (the uploader's index). */
export async function chunkIndex(
  takeId: string,
): Promise<{ seq: number; start: number; size: number }[]> {
  return (await readChunks(takeId)).map(({ seq, start, size }) => ({
    seq,
    start,
    size,
  }));
}

/** Removes a take and its chunks (after the server confirmed it, or when it was discarded). */
export function deleteTake(takeId: string): Promise<void> {
  return withDb(async (db) => {
    const tx = db.transaction([TAKES, CHUNKS], "readwrite");
    tx.objectStore(TAKES).delete(takeId);
    tx.objectStore(CHUNKS).delete(
      IDBKeyRange.bound([takeId, 0], [takeId, Number.MAX_SAFE_INTEGER]),
    );
    await done(tx);
  });
}
