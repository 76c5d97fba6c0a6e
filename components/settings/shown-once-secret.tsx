"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * A secret the server shows this once (an API key, a webhook's signing secret): read-only,
 * selected on focus, with a copy button; a failed copy is reported through `onCopyFailed`.
 */
export function ShownOnceSecret({
  id,
  title,
  warning,
  label,
  value,
  labels,
  onDismiss,
  onCopyFailed,
  titleClassName = "",
}: {
  id: string;
  title: string;
  warning: string;
  label: string;
  value: string;
  labels: { copy: string; copied: string; dismiss: string };
  onDismiss: () => void;
  onCopyFailed: () => void;
  titleClassName?: string;
}) {
  const [copied, setCopied] = useState(false);

  async function onCopy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      onCopyFailed();
    }
  }

  return (
    <div className="space-y-3 rounded-lg bg-amber-50 p-4 ring-1 ring-inset ring-amber-200" data-testid={id}>
      <p className={`text-sm font-semibold text-amber-900 ${titleClassName}`}>{title}</p>
      <p className="text-sm text-amber-900">{warning}</p>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full min-w-0 rounded-lg border-0 bg-white px-3 py-2 font-mono text-xs text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none"
        />
        <Button type="button" variant="secondary" onClick={onCopy}>
          {copied ? labels.copied : labels.copy}
        </Button>
      </div>
      <Button type="button" variant="ghost" onClick={onDismiss}>
        {labels.dismiss}
      </Button>
    </div>
  );
}
