// Finalising a take's upload: the client says how many bytes it sent and their SHA-256; the
// server compares both with what it stored (hashing the file as a stream) before anyone may
// treat the recording as submitted. A mismatch is a 409 carrying the server's length, so the
// client can resend from there; nothing is marked. On a match the upload's length is declared
// (a deferred-length upload is closed: no further PATCH is accepted) and the stored bytes can
// be read with readUpload. Creating the MediaFile/Response and publishing events is the
// caller's job. With the S3 store the bytes are hashed from S3, once the multipart upload is
// completed (an unfinished one cannot be read): a checksum mismatch then removes the closed
// upload, and the answer is uploaded again, as the message says.
import "server-only";
import { createHash } from "node:crypto";
import { pipeline } from "node:stream/promises";
import { z } from "zod";
import { AppError, validationError } from "@/lib/errors";
import { readUpload, tusServer, uploadFilePath, type Tus } from "./handle-upload-request";
import type { UploadGrant } from "./upload-grant";

const inputSchema = z.object({
  uploadId: z.string(),
  expectedBytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, "must be a SHA-256 as 64 hex digits"),
});

export type FinalisedUpload = {
  bytes: number;
  /** Lower-case hex. */
  sha256: string;
  /** With the file store: the stored file on local disk (DATA_DIR/uploads/<take id>). */
  path?: string;
};

const NOT_FOUND_MESSAGE = "This upload does not exist, or this upload link is not for it.";

async function sha256Of(uploadId: string, tus: Tus): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(await readUpload(uploadId, undefined, tus), hash);
  return hash.digest("hex");
}

export async function finaliseUpload({
  grant,
  uploadId,
  expectedBytes,
  sha256,
  tus = tusServer(),
  minBytes = 1,
}: {
  grant: UploadGrant;
  uploadId: string;
  expectedBytes: number;
  sha256: string;
  /** The tus server (store and locker); tests pass a second one to stand for another instance. */
  tus?: Tus;
  /**
   * Fewer bytes are refused (422) before the length is declared: an empty upload cannot be
   * completed on S3 (a multipart upload with no parts), and the caller may need a few bytes
   * to tell what the file is (finaliseTake: the container's signature).
   */
  minBytes?: number;
}): Promise<FinalisedUpload> {
  const parsed = inputSchema.safeParse({ uploadId, expectedBytes, sha256 });
  if (!parsed.success) throw validationError(parsed.error);
  if (uploadId !== grant.takeId) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
  const { store, locker, uploads } = tus;

  // No PATCH of this process may append while the file is hashed and closed.
  const lock = locker.newLock(uploadId);
  await lock.lock(new AbortController().signal, () => {});
  try {
    let upload;
    try {
      upload = await store.getUpload(uploadId);
    } catch {
      throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
    }
    const bytes = upload.offset;
    const mismatch = (message: string, details: Record<string, unknown> = {}) =>
      new AppError("CONFLICT", message, undefined, { bytes, ...details });
    if (upload.size !== undefined && upload.size !== bytes) {
      throw mismatch(`The upload is incomplete: the server has ${bytes} of ${upload.size} bytes. Send the rest, then finalise.`);
    }
    if (bytes !== expectedBytes) {
      throw mismatch(`The server has ${bytes} bytes of this recording, not ${expectedBytes}. Send from byte ${bytes}, then finalise again.`);
    }
    // Checked once the server agrees on the count (else the 409 above lets the client resend),
    // and before the length is declared, so the upload stays open.
    if (bytes < minBytes) {
      const message = `This recording is empty or too short to be a video (${bytes} bytes). Record the answer again.`;
      throw new AppError("VALIDATION", message, { bytes: [message] }, { bytes, minBytes });
    }
    if (uploads.kind === "s3") {
      // S3 holds the bytes as parts until the length is declared and the upload completed.
      if (upload.size === undefined) await store.declareUploadLength(uploadId, bytes);
      await uploads.assemble(uploadId, bytes);
    }
    const stored = await sha256Of(uploadId, tus);
    if (stored !== sha256.toLowerCase()) {
      // On S3 the upload is completed (closed) by now: nothing can be appended or resent to it,
      // so its object goes rather than linger; the candidate records or uploads the answer again.
      if (uploads.kind === "s3") await store.remove(uploadId).catch(() => {});
      throw mismatch("The recording the server stored differs from the one sent (checksum mismatch). Upload the answer again.", {
        reason: "checksum_mismatch",
      });
    }
    if (upload.size === undefined && uploads.kind === "file") await store.declareUploadLength(uploadId, bytes);
    return uploads.kind === "file" ? { bytes, sha256: stored, path: uploadFilePath(uploadId) } : { bytes, sha256: stored };
  } finally {
    await lock.unlock();
  }
}
