"use client";

import { useCallback, useState } from "react";
import { RecoveryPanel, type RecoveryError } from "./recovery-panel";
import type { RecorderMessages } from "./upload-status";

/** On pages without a recorder (a written question): recordings left from an earlier visit are still sent first. */
export function PendingTakes({
  token,
  answeredIds,
  messages,
}: {
  token: string;
  answeredIds: string[];
  messages: RecorderMessages;
}) {
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onDone = useCallback(
    (_current: unknown, worked: boolean, failed: RecoveryError | null) => {
      setDone(true);
      setError(failed?.message ?? null);
      // A finalised take changes what is answered: the page is loaded again.
      if (worked) window.location.reload();
    },
    [],
  );
  if (done)
    return error ? (
      <p
        role="alert"
        data-testid="recovery-error"
        className="rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200 ring-inset"
      >
        {error}
      </p>
    ) : null;
  return (
    <RecoveryPanel
      token={token}
      answeredIds={answeredIds}
      currentQuestionId={null}
      onDone={onDone}
      messages={messages}
    />
  );
}
