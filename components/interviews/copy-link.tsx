"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** The public link in a read-only field with a copy button that says when it copied. */
export function CopyLink({ url, label }: { url: string; label: string }) {
  const t = useTranslations("interviews.detail");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setState("copied");
    } catch {
      // No clipboard permission (an http origin, an old browser): the field is selected instead.
      (document.getElementById("public-link") as HTMLInputElement | null)?.select();
      setState("failed");
    }
  }
  return (
    <div className="space-y-1.5">
      <label htmlFor="public-link" className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="flex flex-wrap gap-2 sm:flex-nowrap">
        <input
          id="public-link"
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full min-w-0 rounded-lg border-0 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none"
        />
        <Button type="button" variant="secondary" className="shrink-0" onClick={copy}>
          {t("copy")}
        </Button>
      </div>
      <p aria-live="polite" className="text-xs text-slate-600">
        {state === "copied" ? t("copied") : state === "failed" ? t("copyFailed") : ""}
      </p>
    </div>
  );
}
