// Submitting a take: every byte acknowledged by the server, the SHA-256 of the whole log, then
// finalise. The server compares both with what it stored: on a 409 with a shorter length the
// rest is sent again from its offset and finalise repeats; any other mismatch is an error the
// candidate sees (a damaged recording is never accepted silently). The log leaves IndexedDB
// only once the server has the answer.
import { Sha256 } from "./sha256";
import { finaliseTake, TakeApiError, type FinalisedTake } from "./take-api";
import type { TakeLog } from "./take-log";
import type { TakeUploader } from "./uploader";
import { deleteTake } from "./wal";

export async function hashLog(log: TakeLog): Promise<string> {
  const hash = new Sha256();
  for await (const part of log.chunks()) hash.update(part);
  return hash.hex();
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
  await uploader.done;
  const sha256 = await hashLog(log);
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
