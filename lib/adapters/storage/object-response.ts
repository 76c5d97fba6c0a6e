import "server-only";
// The HTTP face of storage: a stored object as a response, with range requests (206/416), so
// that media can be seeked without the app reading or holding the whole file.
import { parseRange } from "./range";
import { RangeNotSatisfiableError, type Storage } from "./types";

/** The response for a GET of a stored object, or null when the object is missing. */
export async function objectResponse(
  storage: Storage,
  bucket: string,
  key: string,
  { rangeHeader, headers }: { rangeHeader: string | null; headers: Record<string, string> },
): Promise<Response | null> {
  const info = await storage.stat(bucket, key);
  if (!info) return null;
  const unsatisfiable = () =>
    new Response(null, { status: 416, headers: { ...headers, "accept-ranges": "bytes", "content-range": `bytes */${info.size}` } });
  const range = parseRange(rangeHeader, info.size);
  if (range === "unsatisfiable") return unsatisfiable();
  let object;
  try {
    object = await storage.get(bucket, key, range ?? undefined);
  } catch (err) {
    // The object shrank between stat and get (replaced under the same key).
    if (err instanceof RangeNotSatisfiableError) return unsatisfiable();
    throw err;
  }
  if (!object) return null;
  const served = object.range;
  return new Response(object.body, {
    status: served ? 206 : 200,
    headers: {
      ...headers,
      "accept-ranges": "bytes",
      "content-length": String(served ? served.end - served.start + 1 : object.size),
      ...(served ? { "content-range": `bytes ${served.start}-${served.end}/${object.size}` } : {}),
    },
  });
}
