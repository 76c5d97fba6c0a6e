// The candidate flow's two take endpoints (app/i/[token]/takes…), called with the session
// cookie the browser holds for /i/<token>.
import type { FinalisedTake, StartedTake } from "@/lib/schemas/takes";

export type { FinalisedTake, StartedTake };

export class TakeApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    /** A 503's Retry-After, in milliseconds (absent: the server named no wait). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long a start may take; the server only writes a row. */
export const START_TIMEOUT_MS = 20_000;
/** How long one finalise may take: the server hashes and copies the whole recording. */
export const FINALISE_TIMEOUT_MS = 120_000;
/** Waits between finalise attempts after a network failure or a timeout. */
const FINALISE_RETRY_MS = [2_000, 5_000, 10_000, 20_000];
/**
 * A 503 (the server is busy: route() answers a database overload with Retry-After: 2) is
 * repeated this many times at most, after the wait the server asked for plus jitter, so a
 * crowd of candidates turned away together does not come back together.
 */
export const BUSY_RETRIES = 4;
/** Without a Retry-After, or past this, a 503 waits this long at most (a start or a submit is on screen). */
const BUSY_DEFAULT_MS = 2_000;
const BUSY_MAX_MS = 30_000;

/** Retry-After (seconds, or an HTTP date) in ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * How long to wait before repeating a request refused with 503: what the server asked for
 * (2 s without a Retry-After), capped at 30 s, plus up to half of it again as jitter; never less
 * than the server asked.
 */
export function busyDelay(retryAfterMs: number | undefined, random: () => number = Math.random): number {
  const base = Math.min(retryAfterMs ?? BUSY_DEFAULT_MS, BUSY_MAX_MS);
  return Math.round(base + random() * (Math.max(base, 500) / 2));
}

// Aborted when the browser goes offline: Chromium keeps a request open on a dropped network
// until the OS gives up (minutes), which would leave "Submitting…" spinning.
function offlineSignal(): { signal: AbortSignal; dispose: () => void } {
  const ctrl = new AbortController();
  if (typeof window === "undefined") return { signal: ctrl.signal, dispose: () => {} };
  const abort = () => ctrl.abort(new DOMException("offline", "AbortError"));
  window.addEventListener("offline", abort);
  return { signal: ctrl.signal, dispose: () => window.removeEventListener("offline", abort) };
}

/** One POST; a 503 is repeated (BUSY_RETRIES times at most) after busyDelay. */
async function post<T>(url: string, body: unknown, timeoutMs: number): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await postOnce<T>(url, body, timeoutMs);
    } catch (err) {
      if (!(err instanceof TakeApiError) || err.status !== 503 || attempt >= BUSY_RETRIES) throw err;
      await sleep(busyDelay(err.retryAfterMs));
    }
  }
}

async function postOnce<T>(url: string, body: unknown, timeoutMs: number): Promise<T> {
  const offline = offlineSignal();
  let res: Response;
  let json: {
    error?: {
      code?: string;
      message?: string;
      details?: Record<string, unknown>;
    };
  } | null;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
      signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), offline.signal]),
    });
    // The body is read under the same signal: a stalled body is a network failure too.
    json = (await res.json().catch((err: unknown) => {
      if (err instanceof DOMException && (err.name === "AbortError" || err.name === "TimeoutError")) throw err;
      return null;
    })) as typeof json;
  } catch {
    // Network down, offline, timed out: status 0, which the recorder shows as a network problem.
    throw new TakeApiError(0, "NETWORK", "network");
  } finally {
    offline.dispose();
  }
  const parsed = json as {
    error?: {
      code?: string;
      message?: string;
      details?: Record<string, unknown>;
    };
  } | null;
  if (!res.ok)
    throw new TakeApiError(
      res.status,
      parsed?.error?.code ?? "ERROR",
      parsed?.error?.message ?? res.statusText,
      parsed?.error?.details,
      parseRetryAfter(res.headers.get("retry-after")),
    );
  return parsed as T;
}


/**
 * Starts a take. `takeId` is the browser's id for it (an idempotency key): a retry with the
 * same id after a lost answer gets the same take and attempt back, not a new attempt.
 */
export function startTake(
  token: string,
  questionId: string,
  mimeType: string,
  takeId?: string,
): Promise<StartedTake> {
  return post(
    `/i/${encodeURIComponent(token)}/takes`,
    { questionId, mimeType, ...(takeId ? { takeId } : {}) },
    START_TIMEOUT_MS,
  );
}

export async function finaliseTake(
  token: string,
  takeId: string,
  body: {
    bytes: number;
    sha256: string;
    durationSeconds: number;
    mimeType: string;
  },
): Promise<FinalisedTake> {
  const url = `/i/${encodeURIComponent(token)}/takes/${encodeURIComponent(takeId)}/finalise`;
  // Finalising is idempotent (a finalised take answers with the same result), so a network
  // failure or a timeout is retried with back-off; of the server's own answers only a 503
  // (busy, in post()) is.
  for (let attempt = 0; ; attempt++) {
    try {
      return await post<FinalisedTake>(url, body, FINALISE_TIMEOUT_MS);
    } catch (err) {
      const delay = FINALISE_RETRY_MS[attempt];
      if (!(err instanceof TakeApiError) || err.status !== 0 || delay === undefined) throw err;
      await sleep(delay);
    }
  }
}

/**
 * A fresh upload grant for a take this session already has (its grant expired: the upload
 * endpoint answered 401 grant_expired). Answers like startTake; 404 when the take is not this
 * session's, 409 when it was submitted or its question answered.
 */
export function renewGrant(token: string, takeId: string): Promise<StartedTake> {
  return post(
    `/i/${encodeURIComponent(token)}/takes/${encodeURIComponent(takeId)}/grant`,
    {},
    START_TIMEOUT_MS,
  );
}
