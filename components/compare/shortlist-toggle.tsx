"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { cn } from "@/components/ui/cn";
import { setShortlistAction } from "@/lib/actions/compare";

/** Puts the candidate on or off the shortlist; the pressed state is what the server stored. */
export function ShortlistToggle({ sessionId, shortlisted, name }: { sessionId: string; shortlisted: boolean; name: string }) {
  const t = useTranslations("compare");
  const router = useRouter();
  const [pressed, setPressed] = useState(shortlisted);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [busy, setBusy] = useState(false);

  async function toggle() {
    const next = !pressed;
    setBusy(true);
    setError(null);
    try {
      const r = await setShortlistAction(sessionId, next);
      if (r.ok) {
        setPressed(r.data.shortlisted);
        startTransition(() => router.refresh());
      } else setError(r.error);
    } catch {
      setError(t("shortlistError"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col items-start gap-1">
      <button
        type="button"
        aria-pressed={pressed}
        aria-label={t("shortlistFor", { name })}
        aria-busy={busy || pending}
        disabled={busy}
        onClick={() => void toggle()}
        data-testid="shortlist-toggle"
        className={cn(
          "inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs font-semibold ring-1 ring-inset transition-colors disabled:opacity-60",
          pressed ? "bg-amber-100 text-amber-900 ring-amber-300 hover:bg-amber-200" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
        )}
      >
        <span aria-hidden>{pressed ? "★" : "☆"}</span>
        {t("shortlist")}
      </button>
      {error && (
        <p role="alert" className="max-w-40 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
