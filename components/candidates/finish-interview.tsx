"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useSubmit } from "@/components/ui/use-submit";
import { postCandidate } from "@/lib/client/candidate-api";

/** The last step: submits the interview once every question is answered. */
export function FinishInterview({ token, labels }: { token: string; labels: { finish: string; networkError: string } }) {
  const { pending, run } = useSubmit();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-3">
      {error && <Alert tone="error">{error}</Alert>}
      <Button
        type="button"
        pending={pending}
        className="w-full sm:w-auto"
        onClick={() =>
          run(async () => {
            setError(null);
            const result = await postCandidate<{ next: string }>(`/i/${token}/complete`);
            if (result.ok) window.location.assign(result.data.next);
            else setError(result.error);
          }, () => setError(labels.networkError))
        }
      >
        {labels.finish}
      </Button>
    </div>
  );
}
