// Reads a request body up to a byte limit, never holding more than the limit in memory: the
// route wrapper (lib/http.ts) and the proxy's guard (lib/request-guard.ts) both read this way,
// and the device check's speed test (lib/server/candidates/check-upload-speed.ts) counts so.

/** The body's bytes, or null as soon as it passes `limit` (the rest is not read). */
export async function readCapped(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  const total = await countCapped(body, limit, (chunk) => chunks.push(chunk));
  if (total === null) return null;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * The body's length in bytes, or null as soon as it passes `limit` (the rest is not read); each
 * chunk within the limit is handed to `onChunk`, if given, and not kept otherwise: the device
 * check's speed test counts what arrives without holding it. A missing body counts 0.
 */
export async function countCapped(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
  onChunk?: (chunk: Uint8Array) => void,
): Promise<number | null> {
  if (!body) return 0;
  const reader = body.getReader();
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return total;
    total += value.byteLength;
    if (total > limit) {
      // Not awaited: cancelling one branch of a tee()d body settles only when the other ends.
      void reader.cancel().catch(() => {});
      return null;
    }
    onChunk?.(value);
  }
}
