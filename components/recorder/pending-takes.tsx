"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { RecoveryPanel } from "./recovery-panel";
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
  const router = useRouter();
  const [done, setDone] = useState(false);
  const onDone = useCallback(
    (_current: unknown, worked: boolean) => {
      setDone(true);
      // A finalised take changes what is answered.
      if (worked) router.refresh();
    },
    [router],
  );
  if (done) return null;
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
