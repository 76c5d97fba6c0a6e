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
  ) {
    super(message);
  }
}

/** How long a start may take; the server only writes a row. */
export const START_TIMEOUT_MS = 20_000;
/** How long one finalise may take: the server hashes and copies the whole recording. */
export const FINALISE_TIMEOUT_MS = 120_000;
/** Waits between finalise attempts after a network failure or a timeout. */
const FINALISE_RETRY_MS = [2_000, 5_000, 10_000, 20_000];

// Aborted when the browser goes offline: Chromium keeps a request open on a dropped network
// until the OS gives up (minutes), which would leave "Submitting…" spinning.
function offlineSignal(): { signal: AbortSignal; dispose: () => void } {
  const ctrl = new AbortController();
  if (typeof window === "undefined") return { signal: ctrl.signal, dispose: () => {} };
  const abort = () => ctrl.abort(new DOMException("offline", "AbortError"));
  window.addEventListener("offline", abort);
  return { signal: ctrl.signal, dispose: () => window.removeEventListener("offline", abort) };
}

async function post<T>(url: string, body: unknown, timeoutMs: number): Promise<T> {
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
    );
  return parsed as T;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
  // failure or a timeout is retried with back-off; the server's own answers (4xx/5xx) are not.
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
