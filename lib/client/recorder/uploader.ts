// Uploads one take's log to the tus endpoint while it is being recorded (decision 0006, 0008).
// tus-js-client does the protocol (creation with Upload-Defer-Length, HEAD for the server's
// offset, PATCH from there); this module feeds it from the write-ahead log through a custom
// fileReader that waits for the recorder, and owns the retry policy: tus's own retries are off,
// every failure ends the tus run and a new one starts after back-off with jitter (a new run
// asks the server for its offset with HEAD first), at once on the `online` event (a hint only).
// A 409 writer_fenced means another page holds the take's writer lease: this page says so and
// tries again (without taking over) once the lease could have lapsed; takeover() sends
// Upload-Takeover: 1 and resumes at once.
import {
  Upload,
  type DetailedError,
  type HttpRequest,
  type HttpResponse,
} from "tus-js-client";
import { renewGrant, TakeApiError, type StartedTake } from "./take-api";
import type { TakeLog } from "./take-log";

export type UploadHealth =
  "ok" | "retrying" | "offline" | "fenced" | "failed" | "done";

export type UploadStatus = {
  health: UploadHealth;
  /** Bytes the server confirmed (its offset). */
  acked: number;
  /** When health is failed: the server's message. */
  message?: string;
  /** When retrying: when the next attempt starts (ms since epoch). */
  retryAt?: number;
};

/** This page's writer token (Upload-Writer): one per page load, so a reload is a new writer. */
const WRITER = (() => {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
})();

/** The server refused the upload for good (401/403/404/410/413): retrying the same take cannot help. */
export class UploadRefusedError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "UploadRefusedError";
  }
}

/**
 * The largest PATCH when the server named none (a take logged by an older page): fits Vercel's
 * 4.5 MB request bodies. The server names its own (StartedTake.maxChunkBytes: 2 MiB on Vercel,
 * 32 MiB self-hosted, lib/server/uploads/upload-chunk-size.ts). It only bounds a backlog sent
 * after an outage or a reload: while recording, a PATCH carries what the last ~1 s timeslice
 * produced. Fewer PATCHes for a backlog is most of its throughput (each costs ~8 ms on the
 * server whatever its size, docs/benchmarks.md).
 */
export const DEFAULT_CHUNK_SIZE = 2 * 1024 * 1024;
const MIN_CHUNK_SIZE = 256 * 1024;
/** At most this much of the recording is held in memory for one request. */
const MAX_CHUNK_SIZE = 64 * 1024 * 1024;

/** The PATCH size for a take: the server's maximum, within sane bounds. */
export function chunkSizeFor(maxChunkBytes: number | undefined): number {
  if (typeof maxChunkBytes !== "number" || !Number.isFinite(maxChunkBytes)) return DEFAULT_CHUNK_SIZE;
  return Math.min(MAX_CHUNK_SIZE, Math.max(MIN_CHUNK_SIZE, Math.floor(maxChunkBytes)));
}

/** When an upload grant expires (ms since epoch), read from its payload; null when unreadable. */
export function grantExpiresAt(grant: string): number | null {
  try {
    const payload = grant.slice(0, grant.indexOf("."));
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const at = (JSON.parse(json) as { expiresAt?: unknown }).expiresAt;
    return typeof at === "number" && Number.isFinite(at) ? at : null;
  } catch {
    return null;
  }
}

/** Renew a grant this long before it runs out (clocks differ; a PATCH may take a while). */
const GRANT_MARGIN_MS = 60_000;
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
/**
 * A request that has sent or received nothing for this long is treated as failed: a dropped
 * connection often never errors (Chromium keeps a request open when the network goes away
 * under it). Longer than the server may hold a request waiting for a crashed instance's tus
 * lock to lapse (15 s, pg-locker.ts).
 */
const STALL_MS = 20_000;
/** Fenced: try again this long after the other page's lease would lapse, plus jitter. */
const FENCED_JITTER_MS = 3_000;

type ServerError = {
  code?: string;
  message?: string;
  details?: {
    reason?: string;
    offset?: number;
    bytes?: number;
    retryAfterSeconds?: number;
  };
};

function errorBody(res: HttpResponse | null | undefined): ServerError | null {
  if (!res) return null;
  try {
    return (JSON.parse(res.getBody()) as { error?: ServerError }).error ?? null;
  } catch {
    return null;
  }
}

/** Full jitter over an exponential back-off: spreads reconnecting clients after an outage. */
export function backoffDelay(attempt: number, random = Math.random): number {
  const cap = Math.min(
    MAX_DELAY_MS,
    BASE_DELAY_MS * 2 ** Math.min(attempt, 10),
  );
  return Math.round(cap / 2 + random() * (cap / 2));
}

export class TakeUploader {
  private status: UploadStatus = { health: "ok", acked: 0 };
  private listeners = new Set<(s: UploadStatus) => void>();
  private upload: Upload | null = null;
  private controller: AbortController | null = null;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private takeoverPending = false;
  private stopped = false;
  /** When the request in flight last made progress (0: none in flight). */
  private requestActiveAt = 0;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  /** The server's offset when this run started (its HEAD); null before the HEAD answered. */
  private runStart: number | null = null;
  /**
   * A fresh grant was fetched and no request has succeeded with it yet: another 401 then is a
   * refusal, not an expiry (no renewal loop).
   */
  private grantRenewed = false;
  private resolveDone!: () => void;
  private rejectDone!: (err: Error) => void;
  /** Resolves when the server acknowledged every byte of the ended log. */
  done: Promise<void>;

  constructor(
    private readonly log: TakeLog,
    private readonly origin: string = window.location.origin,
    private readonly renew: (token: string, takeId: string) => Promise<StartedTake> = renewGrant,
  ) {
    this.done = new Promise((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    // Nobody has to await `done` (a discarded take): no unhandled rejection.
    this.done.catch(() => {});
  }

  get current(): UploadStatus {
    return this.status;
  }

  subscribe(listener: (s: UploadStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }

  private set(change: Partial<UploadStatus>): void {
    this.status = { ...this.status, ...change };
    if (change.health && change.health !== "failed") delete this.status.message;
    if (change.health && change.health !== "retrying")
      delete this.status.retryAt;
    for (const l of this.listeners) l(this.status);
  }

  private readonly onOnline = () => {
    if (this.status.health === "retrying" || this.status.health === "offline")
      this.run();
  };

  // A hint, like `online`: a request in flight when the network goes may hang instead of
  // failing, so end this run now; the back-off and the server's offset decide what follows.
  private readonly onOffline = () => {
    if (
      this.upload &&
      (this.status.health === "ok" || this.status.health === "retrying")
    )
      this.onFailure(new Error("The network went offline."));
  };

  private readonly checkStall = () => {
    if (
      this.upload &&
      this.requestActiveAt > 0 &&
      Date.now() - this.requestActiveAt > STALL_MS
    )
      this.onFailure(new Error("The upload stalled."));
  };

  private listen(): void {
    window.addEventListener("online", this.onOnline);
    window.addEventListener("offline", this.onOffline);
    this.watchdog ??= setInterval(this.checkStall, 1_000);
  }

  start(): void {
    this.listen();
    void this.holdPageLock().then((mine) => {
      // A take found in IndexedDB whose Web Lock nobody holds was left by a page that is gone
      // (reload, crash, restart): its writer lease on the server is stale, so take it over at
      // once instead of waiting up to 30 s for it to lapse. If another tab of this browser
      // holds the lock, it is alive: the server fences this page and the candidate chooses.
      if (mine && !this.log.local) this.takeoverPending = true;
      this.run();
    });
  }

  private releaseLock: (() => void) | null = null;

  /** Holds the Web Lock `intervue-take-<id>` while this page uploads the take; false when another tab holds it. */
  private holdPageLock(): Promise<boolean> {
    const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
    if (!locks) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      locks
        .request(`intervue-take-${this.log.meta.takeId}`, { ifAvailable: true }, (lock) => {
          if (!lock || this.stopped) {
            resolve(false);
            return;
          }
          resolve(true);
          return new Promise<void>((release) => {
            this.releaseLock = release;
          });
        })
        .catch(() => resolve(false));
    });
  }

  /** Stops uploading (the take was discarded, or the page leaves). The log is kept. */
  stop(): void {
    this.stopped = true;
    window.removeEventListener("online", this.onOnline);
    window.removeEventListener("offline", this.onOffline);
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    this.releaseLock?.();
    this.releaseLock = null;
    this.halt();
    this.rejectDone(new Error("Upload stopped"));
  }

  /**
   * Settles when every byte is acknowledged ("done") or when another page holds the writer
   * lease ("fenced": that page may have uploaded everything, finalise can tell); rejects when
   * the upload failed for good or was stopped.
   */
  uploadedOrFenced(): Promise<"done" | "fenced"> {
    return new Promise((resolve, reject) => {
      let settled = false;
      let off: (() => void) | null = null;
      const settle = (how: "done" | "fenced" | Error) => {
        if (settled) return;
        settled = true;
        off?.();
        if (how instanceof Error) reject(how);
        else resolve(how);
      };
      this.done.then(
        () => settle("done"),
        (err: unknown) =>
          settle(err instanceof Error ? err : new Error(String(err))),
      );
      const listener = (s: UploadStatus) => {
        if (s.health === "fenced") settle("fenced");
      };
      this.listeners.add(listener);
      off = () => this.listeners.delete(listener);
      if (settled) off();
      else listener(this.status);
    });
  }

  /** Takes the writer lease from the other page and resumes here. */
  takeover(): void {
    this.takeoverPending = true;
    // The candidate chose this page: stop showing "fenced" now (a HEAD no longer sets "ok").
    this.set({ health: "ok" });
    this.run();
  }

  /** Starts again now (after a failure the server's offset decides where). */
  retryNow(): void {
    this.run();
  }

  private halt(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.requestActiveAt = 0;
    this.controller?.abort();
    this.controller = null;
    const previous = this.upload;
    this.upload = null;
    // Abort without DELETE (the second argument false): the upload stays on the server.
    previous?.abort(false).catch(() => {});
  }

  private run(): void {
    if (this.stopped || this.status.health === "done") return;
    const expiresAt = grantExpiresAt(this.log.meta.grant);
    if (!this.grantRenewed && expiresAt !== null && expiresAt - GRANT_MARGIN_MS <= Date.now()) {
      // Found after a day in IndexedDB (the grant lasts 24 h): renew before asking for the offset.
      this.renewGrantThenRun();
      return;
    }
    this.halt();
    this.runStart = null;
    const controller = new AbortController();
    this.controller = controller;
    const log = this.log;
    const takeId = log.meta.takeId;
    const endpoint = new URL(log.meta.uploadUrl, this.origin).href;
    const upload = new Upload(
      // The input is unused: the fileReader below reads the log.
      new Blob([]),
      {
        endpoint,
        uploadUrl: `${endpoint.replace(/\/$/, "")}/${takeId}`,
        uploadLengthDeferred: true,
        chunkSize: chunkSizeFor(log.meta.maxChunkBytes),
        retryDelays: null,
        storeFingerprintForResuming: false,
        removeFingerprintOnSuccess: false,
        fingerprint: async () => `intervue-take-${takeId}`,
        headers: { "Upload-Grant": log.meta.grant, "Upload-Writer": WRITER },
        fileReader: {
          openFile: async () => ({
            size: 0,
            slice: async (start: number, end: number) => {
              await log.waitFor(start, controller.signal);
              const total = log.bytes;
              if (log.isEnded && start >= total) {
                // The server acknowledged every byte of the ended log. The length is not declared
                // through tus: finalise declares it after comparing bytes and SHA-256, so a
                // mismatch can still be repaired by sending from the server's offset.
                this.complete(upload, total);
                throw new DOMException("Upload complete", "AbortError");
              }
              const stop = Math.min(end, total);
              // Bytes rather than a Blob: every tus HTTP stack sends them (Node's, used by the
              // unit tests, cannot send a Blob); at most one chunk is held at a time.
              const blob = await log.read(start, stop);
              return {
                value: new Uint8Array(await blob.arrayBuffer()),
                done: false,
              };
            },
            close: () => {},
          }),
        },
        onBeforeRequest: (req: HttpRequest) => {
          if (this.upload === upload) this.requestActiveAt = Date.now();
          if (this.takeoverPending) req.setHeader("Upload-Takeover", "1");
        },
        onProgress: () => {
          if (this.upload === upload) this.requestActiveAt = Date.now();
        },
        onAfterResponse: (_req: HttpRequest, res: HttpResponse) => {
          if (this.upload === upload) this.requestActiveAt = 0;
          const status = res.getStatus();
          if (status >= 200 && status < 300 && this.upload === upload) {
            this.grantRenewed = false;
            const head = _req.getMethod() === "HEAD";
            if (this.takeoverPending && !head) this.takeoverPending = false;
            const offset = Number.parseInt(
              res.getHeader("Upload-Offset") ?? "",
              10,
            );
            if (!Number.isFinite(offset)) return;
            log.acknowledged(offset);
            if (head) {
              // A HEAD answering proves little (a server that fails every PATCH still answers
              // it): the back-off and the health stay as they are until bytes move.
              this.runStart = offset;
              this.set({ acked: offset });
            } else if (offset > (this.runStart ?? 0)) {
              this.failures = 0;
              this.set({ health: "ok", acked: offset });
            } else {
              this.set({ acked: offset });
            }
          }
        },
        onSuccess: () => {
          // Not reached: the length is never declared through tus (see the fileReader).
          if (this.upload === upload) this.complete(upload, log.bytes);
        },
        onError: (err: Error | DetailedError) => {
          if (this.upload !== upload) return;
          this.onFailure(err);
        },
      },
    );
    this.upload = upload;
    upload.start();
  }

  private complete(upload: Upload, total: number): void {
    if (this.upload !== upload) return;
    this.halt();
    this.set({ health: "done", acked: total });
    this.resolveDone();
  }

  /**
   * The server has fewer bytes than the log (finalise said so): send again from its offset.
   * Returns the new completion promise.
   */
  resend(): Promise<void> {
    this.done = new Promise((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    this.done.catch(() => {});
    this.stopped = false;
    this.status = { ...this.status, health: "ok" };
    this.listen();
    this.run();
    return this.done;
  }

  private onFailure(err: Error | DetailedError): void {
    const res = "originalResponse" in err ? err.originalResponse : null;
    const status = res?.getStatus() ?? 0;
    const body = errorBody(res);
    if (status === 409 && body?.details?.reason === "writer_fenced") {
      // Another page holds the lease. Try again when it could have lapsed (that page closed,
      // or without Web Locks a reload did not know the old page was gone), never taking over
      // by itself: "Continue here" (takeover()) is the candidate's choice. A HEAD on the next
      // run also finishes this uploader when the other page has sent everything.
      const seconds = Number(body.details.retryAfterSeconds);
      const wait =
        (Number.isFinite(seconds) && seconds > 0
          ? Math.min(seconds, 120) * 1000
          : MAX_DELAY_MS) +
        Math.round(Math.random() * FENCED_JITTER_MS);
      this.halt();
      this.set({ health: "fenced" });
      this.timer = setTimeout(() => this.run(), wait);
      return;
    }
    if (status === 401 && !this.grantRenewed) {
      // The grant expired (401 grant_expired; a HEAD's answer has no body to say so): ask for a
      // fresh one for this take and resume from the server's offset.
      this.renewGrantThenRun();
      return;
    }
    // Refusals a retry cannot fix: a grant refused even fresh, an unknown upload, too large, gone.
    if (
      status === 401 ||
      status === 403 ||
      status === 410 ||
      status === 413 ||
      (status === 404 && res)
    ) {
      this.refuse(body?.message ?? err.message, status);
      return;
    }
    this.retryLater(status);
  }

  private retryLater(status: number): void {
    const delay = backoffDelay(this.failures++);
    const offline =
      typeof navigator !== "undefined" &&
      navigator.onLine === false &&
      status === 0;
    this.halt();
    this.set({
      health: offline ? "offline" : "retrying",
      retryAt: Date.now() + delay,
    });
    this.timer = setTimeout(() => this.run(), delay);
  }

  private refuse(message: string, status: number): void {
    this.halt();
    this.set({ health: "failed", message });
    this.rejectDone(new UploadRefusedError(message, status));
  }

  /** Fetches a fresh grant for this take (POST /i/<token>/takes/<id>/grant), then runs again. */
  private renewGrantThenRun(): void {
    this.halt();
    const controller = new AbortController();
    this.controller = controller;
    const { token, takeId } = this.log.meta;
    this.renew(token, takeId).then(
      async (fresh) => {
        if (this.stopped || controller.signal.aborted) return;
        this.grantRenewed = true;
        await this.log.setGrant(fresh);
        if (this.stopped || controller.signal.aborted) return;
        this.run();
      },
      (err: unknown) => {
        if (this.stopped || controller.signal.aborted) return;
        const status = err instanceof TakeApiError ? err.status : 0;
        // The take is not this session's any more, was submitted, or the link closed: final.
        // A timeout, a rate limit, a busy or unreachable server: back off and try again.
        if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
          this.refuse(err instanceof Error ? err.message : String(err), status);
          return;
        }
        this.retryLater(status);
      },
    );
  }
}
