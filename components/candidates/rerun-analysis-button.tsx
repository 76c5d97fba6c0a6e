"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { requestAnalysisAction } from "@/lib/actions/analysis";

/** "Analyse again": the session's analysis redone with the current prompt versions (unchanged answers keep their results). */
export function RerunAnalysisButton({ sessionId }: { sessionId: string }) {
  const t = useTranslations("candidates.review.analysis");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  async function rerun() {
    setBusy(true);
    setMessage(null);
    try {
      const r = await requestAnalysisAction(sessionId);
      setMessage(r.ok ? { ok: true, text: t("rerunQueued") } : { ok: false, text: r.error });
      if (r.ok) router.refresh();
    } catch {
      setMessage({ ok: false, text: t("rerunFailed") });
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        onClick={rerun}
        disabled={busy}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60"
      >
        {busy ? t("rerunBusy") : t("rerun")}
      </button>
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-sm text-emerald-800" : "text-sm text-red-700"}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
