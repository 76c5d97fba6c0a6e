// The candidate flow's two take endpoints (app/i/[token]/takes…), called with the session
// cookie the browser holds for /i/<token>.

export type StartedTake = {
  takeId: string;
  uploadUrl: string;
  grant: string;
  maxBytes: number;
  attempt: number;
};
export type FinalisedTake = {
  responseId: string;
  mediaFileId: string;
  bytes: number;
  sha256: string;
  durationSeconds: number;
};

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

async function post<T>(url: string, body: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw new TakeApiError(0, "NETWORK", "network");
  }
  const json = (await res.json().catch(() => null)) as {
    error?: {
      code?: string;
      message?: string;
      details?: Record<string, unknown>;
    };
  } | null;
  if (!res.ok)
    throw new TakeApiError(
      res.status,
      json?.error?.code ?? "ERROR",
      json?.error?.message ?? res.statusText,
      json?.error?.details,
    );
  return json as T;
}

export function startTake(
  token: string,
  questionId: string,
  mimeType: string,
): Promise<StartedTake> {
  return post(`/i/${encodeURIComponent(token)}/takes`, {
    questionId,
    mimeType,
  });
}

export function finaliseTake(
  token: string,
  takeId: string,
  body: {
    bytes: number;
    sha256: string;
    durationSeconds: number;
    mimeType: string;
  },
): Promise<FinalisedTake> {
  return post(
    `/i/${encodeURIComponent(token)}/takes/${encodeURIComponent(takeId)}/finalise`,
    body,
  );
}
