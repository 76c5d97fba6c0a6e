"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { fill, size } from "@/lib/client/recorder/format";
import type { TakeLog } from "@/lib/client/recorder/take-log";
import type {
  TakeUploader,
  UploadStatus,
} from "@/lib/client/recorder/uploader";

export type RecorderMessages = Record<string, string>;

/** The uploader's status and the log's size, kept current. */
export function useUpload(
  log: TakeLog | null,
  uploader: TakeUploader | null,
): { status: UploadStatus; recorded: number; storageError: boolean } {
  const [status, setStatus] = useState<UploadStatus>(
    uploader?.current ?? { health: "ok", acked: 0 },
  );
  const [recorded, setRecorded] = useState(log?.bytes ?? 0);
  const [storageError, setStorageError] = useState(Boolean(log?.storageError));
  useEffect(
    () => (uploader ? uploader.subscribe(setStatus) : undefined),
    [uploader],
  );
  useEffect(() => {
    if (!log) return;
    const update = () => {
      setRecorded(log.bytes);
      setStorageError(Boolean(log.storageError));
    };
    update();
    return log.onChange(update);
  }, [log]);
  return { status, recorded, storageError };
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(id);
  }, [active]);
  return now;
}

/**
 * Upload health (ok / retrying / offline / fenced / failed / done) and a progress bar of the
 * bytes the server acknowledged out of the bytes recorded. "Continue here" takes over a
 * fenced upload; "Retry now" skips the back-off.
 */
export function UploadStatusView({
  log,
  uploader,
  messages: m,
}: {
  log: TakeLog;
  uploader: TakeUploader;
  messages: RecorderMessages;
}) {
  const { status, recorded, storageError } = useUpload(log, uploader);
  const now = useNow(status.health === "retrying");
  const acked = Math.min(status.acked, recorded);
  const percent =
    recorded > 0
      ? Math.floor((acked / recorded) * 100)
      : status.health === "done"
        ? 100
        : 0;
  const text =
    status.health === "ok"
      ? m.healthOk
      : status.health === "done"
        ? m.healthDone
        : status.health === "retrying"
          ? fill(m.healthRetrying!, {
              seconds: Math.max(
                0,
                Math.ceil(((status.retryAt ?? now) - now) / 1000),
              ),
            })
          : status.health === "offline"
            ? m.healthOffline
            : status.health === "fenced"
              ? m.healthFenced
              : fill(m.healthFailed!, { message: status.message ?? "" });
  // Screen readers hear the state once, not every second of the retry countdown.
  const spoken =
    status.health === "retrying" ? m.healthRetryingLive : text;
  const tone =
    status.health === "fenced" || status.health === "failed"
      ? "text-red-800"
      : status.health === "retrying" || status.health === "offline"
        ? "text-amber-800"
        : "text-slate-700";
  return (
    <div
      className="space-y-2"
      data-testid="upload-status"
      data-health={status.health}
    >
      <div
        role="progressbar"
        aria-label={m.uploadLabel}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={fill(m.uploadProgress!, {
          sent: size(acked),
          recorded: size(recorded),
        })}
        data-testid="upload-progress"
        data-acked={acked}
        data-recorded={recorded}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className="h-full bg-brand-600 transition-[width]"
          style={{ width: `${percent}%` }}
        />
      </div>
      <p className="text-xs text-slate-600">
        {fill(m.uploadProgress!, {
          sent: size(acked),
          recorded: size(recorded),
        })}
      </p>
      <p
        aria-hidden
        data-testid="upload-health"
        className={`text-sm ${tone}`}
      >
        {text}
      </p>
      <p className="sr-only" aria-live="polite">
        {spoken}
      </p>
      {status.health === "fenced" && (
        <Button
          type="button"
          variant="secondary"
          onClick={() => uploader.takeover()}
          className="w-full sm:w-auto"
        >
          {m.continueHere}
        </Button>
      )}
      {(status.health === "retrying" || status.health === "offline") && (
        <Button
          type="button"
          variant="ghost"
          onClick={() => uploader.retryNow()}
          className="w-full sm:w-auto"
        >
          {m.retryNow}
        </Button>
      )}
      {storageError && (
        <p
          role="alert"
          data-testid="storage-error"
          className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset"
        >
          {m.storageError}
        </p>
      )}
    </div>
  );
}
