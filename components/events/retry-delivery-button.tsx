"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useSubmit } from "@/components/ui/use-submit";
import { retryDeliveryAction } from "@/lib/actions/events";
import { useLocalizeMessage } from "@/lib/i18n/localize-message";

/**
 * Gives a dead delivery a fresh set of tries; the page refreshes to show it queued. Rendered
 * for every delivery (`dead` says whether the button shows) so that the outcome stays on screen
 * after the refresh, when the delivery is no longer dead.
 */
export function RetryDeliveryButton({ deliveryId, functionId, dead }: { deliveryId: string; functionId: string; dead: boolean }) {
  const router = useRouter();
  const t = useTranslations("events.deliveries");
  const localize = useLocalizeMessage();
  const [status, setStatus] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const { pending, run } = useSubmit();

  async function retry() {
    setStatus(null);
    await run(async () => {
      const result = await retryDeliveryAction({ deliveryId });
      if (!result.ok) {
        setStatus({ tone: "error", text: localize(result.error) });
        return;
      }
      setStatus({
        tone: "success",
        text: t("retryQueued", { functionId: result.data.functionId, max: result.data.maxAttempts }),
      });
      router.refresh();
    }, (text) => setStatus({ tone: "error", text: localize(text) }));
  }

  if (!dead && !status) return null;
  return (
    <div className="space-y-2">
      {dead && (
        <Button type="button" variant="secondary" pending={pending} onClick={retry} aria-label={t("retryLabel", { functionId })}>
          {t("retry")}
        </Button>
      )}
      {status && <Alert tone={status.tone}>{status.text}</Alert>}
    </div>
  );
}
