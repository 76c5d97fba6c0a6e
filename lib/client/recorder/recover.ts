// After a reload, a crash or a browser restart: the takes of this link still in the
// write-ahead log. Takes the candidate had submitted are finished (upload, finalise); the others
// are uploaded and kept for review on their question. Takes of an answered question that were
// never submitted were superseded: dropped. So are takes whose log IndexedDB could not keep
// whole (`incomplete`) and empty takes whose recording page is gone.
import { ChecksumMismatchError, hashLog, submitTake } from "./submit-take";
import { finaliseTake, TakeApiError } from "./take-api";
import { recordingCutOff, recordingTabAlive, TakeLog } from "./take-log";
import { TakeUploader } from "./uploader";
import { deleteTake, takesOfLink, type TakeMeta } from "./wal";

export type PendingTake = { log: TakeLog; uploader: TakeUploader };

/** Takes of this link left in IndexedDB (none when IndexedDB is unavailable). */
export async function pendingTakes(
  token: string,
  answered: ReadonlySet<string>,
): Promise<TakeMeta[]> {
  const all = await takesOfLink(token).catch(() => [] as TakeMeta[]);
  const keep: TakeMeta[] = [];
  for (const meta of all) {
    const drop =
      (answered.has(meta.questionId) && meta.state !== "submitting") ||
      // Only a prefix of the recording is here: offering it for review or finalising it would
      // pass a cut recording off as the answer. The candidate records the question again.
      // A submitted take is finished whatever its log (the candidate already chose it).
      (meta.incomplete === true &&
        meta.state !== "submitting" &&
        (await recordingTabAlive(meta.takeId)) !== true) ||
      // Started and gone before its first chunk: nothing to recover.
      (meta.bytes === 0 && (await recordingCutOff(meta)));
    if (drop) await deleteTake(meta.takeId).catch(() => {});
    else keep.push(meta);
  }
  return keep;
}

/** The take's log and an uploader for it (not started). */
export async function openPending(meta: TakeMeta): Promise<PendingTake> {
  const log = await TakeLog.open(meta);
  return { log, uploader: new TakeUploader(log) };
}

/** A 409 because another request is finalising the take right now: retry later. */
export function isBeingFinalised(err: unknown): boolean {
  return (
    err instanceof TakeApiError &&
    err.status === 409 &&
    err.details?.reason === "finalising"
  );
}

/** Whether a finalise refusal means the take is gone or superseded (nothing left to do with it). */
export function isObsolete(err: unknown): boolean {
  return (
    err instanceof TakeApiError &&
    !isBeingFinalised(err) &&
    (err.status === 404 ||
      (err.status === 409 && typeof err.details?.bytes !== "number"))
  );
}

/** A refusal retrying the same take cannot fix: damaged bytes or a 4xx other than "being finalised". */
function isPermanentRefusal(err: unknown): boolean {
  if (err instanceof ChecksumMismatchError) return true;
  return (
    err instanceof TakeApiError &&
    err.status >= 400 &&
    err.status < 500 &&
    // A timeout or a rate limit passes: retry, never delete the candidate's copy for them.
    err.status !== 408 &&
    err.status !== 429 &&
    !isBeingFinalised(err)
  );
}

/** Uploads and finalises a take the candidate had submitted; drops it when the server no longer wants it. */
export async function finishSubmitted(take: PendingTake): Promise<void> {
  const { log } = take;
  // The page may have died right after finalise succeeded (the server removed the upload
  // then): ask first, so a finished take is not uploaded a second time.
  if (log.isEnded) {
    try {
      const sha256 = await hashLog(log);
      const body = {
        bytes: log.bytes,
        sha256,
        durationSeconds: log.meta.durationSeconds,
        mimeType: log.meta.mimeType,
      };
      const done = await finaliseTake(log.meta.token, log.meta.takeId, body);
      if (done.bytes === body.bytes && done.sha256.toLowerCase() === sha256) {
        await deleteTake(log.meta.takeId).catch(() => {});
        return;
      }
    } catch (err) {
      if (isObsolete(err)) {
        await deleteTake(log.meta.takeId).catch(() => {});
        return;
      }
      // Otherwise (bytes missing on the server, no connection): upload, then finalise.
    }
  }
  take.uploader.start();
  try {
    await submitTake(take.log, take.uploader);
  } catch (err) {
    if (isObsolete(err)) {
      take.uploader.stop();
      await deleteTake(take.log.meta.takeId).catch(() => {});
      return;
    }
    // Refused for good: keeping it would retry (and fail) on every load.
    if (isPermanentRefusal(err)) {
      take.uploader.stop();
      await deleteTake(take.log.meta.takeId).catch(() => {});
    }
    throw err;
  }
}
