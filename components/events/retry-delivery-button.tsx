"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useSubmit } from "@/components/ui/use-submit";
import { retryDeliveryAction } from "@/lib/actions/events";

/**
 * Gives a dead delivery a fresh set of tries; the page refreshes to show it queued. Rendered
 * for every delivery (`dead` says whether the button shows) so that the outcome stays on screen
 * after the refresh, when the delivery is no longer dead.
 */
export function RetryDeliveryButton({ deliveryId, functionId, dead }: { deliveryId: string; functionId: string; dead: boolean }) {
  const router = useRouter();
  const [status, setStatus] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const { pending, run } = useSubmit();

  async function retry() {
    setStatus(null);
    await run(async () => {
      const result = await retryDeliveryAction({ deliveryId });
      if (!result.ok) {
        setStatus({ tone: "error", text: result.error });
        return;
      }
      setStatus({
        tone: "success",
        text: `Queued: ${result.data.functionId} will run again (up to ${result.data.maxAttempts} tries in all).`,
      });
      router.refresh();
    }, (text) => setStatus({ tone: "error", text }));
  }

  if (!dead && !status) return null;
  return (
    <div className="space-y-2">
      {dead && (
        <Button type="button" variant="secondary" pending={pending} onClick={retry} aria-label={`Retry ${functionId}`}>
          Retry
        </Button>
      )}
      {status && <Alert tone={status.tone}>{status.text}</Alert>}
    </div>
  );
}
