// Submitting a take: every byte acknowledged by the server (or another page holds the writer
// lease: that page may have sent everything, finalise tells), the SHA-256 of the whole log
// (kept up to date while recording, take-log.ts), then finalise. The server compares both with what it stored: on a 409 with a shorter length the
// rest is sent again from its offset and finalise repeats; any other mismatch is an error the
// candidate sees (a damaged recording is never accepted silently). The log leaves IndexedDB
// only once the server has the answer.
import { finaliseTake, TakeApiError, type FinalisedTake } from "./take-api";
import type { TakeLog } from "./take-log";
import type { TakeUploader } from "./uploader";
import { deleteTake } from "./wal";

/** The SHA-256 of the whole log (computed once per length, see TakeLog.sha256). */
export function hashLog(log: TakeLog): Promise<string> {
  return log.sha256();
}

export class ChecksumMismatchError extends Error {}

const RESENDS = 3;

export async function submitTake(
  log: TakeLog,
  uploader: TakeUploader,
  onHashed?: (sha256: string) => void,
): Promise<FinalisedTake> {
  if (!log.isEnded) throw new Error("The take is still recording.");
  await log.setState("submitting");
  // Hash while the rest uploads (usually nothing to do: the hash followed the recording).
  const hashing = log.sha256();
  hashing.catch(() => {});
  // Fenced: another page holds the writer lease and may have uploaded everything; finalise
  // compares bytes and SHA-256, and a 409 with fewer bytes waits for this page's upload below.
  await uploader.uploadedOrFenced();
  const sha256 = await hashing;
  onHashed?.(sha256);
  const body = {
    bytes: log.bytes,
    sha256,
    durationSeconds: Math.max(0, log.meta.durationSeconds),
    mimeType: log.meta.mimeType,
  };
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await finaliseTake(log.meta.token, log.meta.takeId, body);
      if (
        result.bytes !== body.bytes ||
        result.sha256.toLowerCase() !== sha256
      ) {
        throw new ChecksumMismatchError(
          `The server stored ${result.bytes} bytes (${result.sha256}), not ${body.bytes} (${sha256}).`,
        );
      }
      await deleteTake(log.meta.takeId).catch(() => {});
      uploader.stop();
      return result;
    } catch (err) {
      const serverBytes =
        err instanceof TakeApiError && err.status === 409
          ? err.details?.bytes
          : undefined;
      if (
        typeof serverBytes === "number" &&
        serverBytes < body.bytes &&
        attempt < RESENDS
      ) {
        // Waits through fenced periods: the uploader retries when the other lease could lapse.
        await uploader.resend();
        continue;
      }
      if (typeof serverBytes === "number")
        throw new ChecksumMismatchError(
          err instanceof Error ? err.message : "checksum mismatch",
        );
      throw err;
    }
  }
}
