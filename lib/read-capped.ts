// Reads a request body up to a byte limit, never holding more than the limit in memory: the
// route wrapper (lib/http.ts) and the proxy's guard (lib/request-guard.ts) both read this way.

/** The body's bytes, or null as soon as it passes `limit` (the rest is not read). */
export async function readCapped(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array | null> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      // Not awaited: cancelling one branch of a tee()d body settles only when the other ends.
      void reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
