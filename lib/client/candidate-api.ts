import type { ActionResult } from "@/lib/actions/action-result";

/**
 * POSTs to one of the candidate's route handlers under /i/<token>/ (same origin, so the
 * session cookie of the link goes along) and reads the answer as the forms' result: the JSON
 * body when it succeeded, else the error's readable message and field errors. A failure
 * without such a message (the network, a proxy's page) throws, and the form says so.
 */
export async function postCandidate<T>(path: string, body?: unknown): Promise<ActionResult<T>> {
  const res = await fetch(path, {
    method: "POST",
    ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    cache: "no-store",
  });
  const json = (await res.json().catch(() => null)) as { error?: { message?: unknown; fields?: Record<string, string[]>; code?: string; details?: Record<string, unknown> } } | null;
  if (res.ok) return { ok: true, data: json as T };
  const error = json?.error;
  if (typeof error?.message !== "string") throw new Error(`The server answered ${res.status}.`);
  return { ok: false, error: error.message, fields: error.fields, code: error.code, details: error.details };
}
