import "server-only";
import { Readable, Transform } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import { StorageLimitError, type PutBody } from "./types";

export function toNodeReadable(body: PutBody): Readable {
  return body instanceof Readable ? body : Readable.fromWeb(body as NodeWebReadableStream<Uint8Array>);
}

/**
 * A web stream that reads the Node stream only as fast as its consumer pulls (Readable.toWeb
 * has buffered whole files ahead of a slow reader on some Node 20 releases).
 */
export function toWebStream(stream: Readable): ReadableStream<Uint8Array> {
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await chunks.next();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (err) {
          controller.error(err);
        }
      },
      cancel(reason) {
        stream.destroy(reason instanceof Error ? reason : undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

/** Passes bytes through, counting them; errors with StorageLimitError once past maxBytes. */
export function byteCounter(maxBytes?: number): Transform & { bytes: () => number; exceeded: () => boolean } {
  let bytes = 0;
  let exceeded = false;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.byteLength;
      if (maxBytes !== undefined && bytes > maxBytes) {
        exceeded = true;
        callback(new StorageLimitError(maxBytes));
      } else {
        callback(null, chunk);
      }
    },
  });
  return Object.assign(counter, { bytes: () => bytes, exceeded: () => exceeded });
}

/**
 * Reads at least `bytes` bytes (fewer if the stream is shorter) to look at, and gives back a
 * stream that still yields everything from the first byte.
 */
export async function peekStream(
  stream: ReadableStream<Uint8Array>,
  bytes: number,
): Promise<{ head: Uint8Array; stream: ReadableStream<Uint8Array> }> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  let ended = false;
  while (length < bytes) {
    const { value, done } = await reader.read();
    if (done) {
      ended = true;
      break;
    }
    chunks.push(value);
    length += value.byteLength;
  }
  const head = Buffer.concat(chunks);
  const rest = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (head.byteLength > 0) controller.enqueue(head);
        if (ended) controller.close();
      },
      async pull(controller) {
        const { value, done } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return { head, stream: rest };
}
