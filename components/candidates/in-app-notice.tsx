"use client";

import { useRef, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { translator, type Messages } from "@/lib/client/translate";

// The in-app browser notice, shared by the device check and the recorder. Its strings are the
// deviceCheck messages (IN_APP_KEYS of them suffice), passed in by the page. The apps' names
// are device-check-env.ts APP_NAMES.


/** The deviceCheck messages this notice shows. */
export const IN_APP_KEYS = ["inAppTitle", "inAppText", "linkLabel", "copy", "copied"] as const;

const noSubscription = () => () => {};
const useOrigin = () => useSyncExternalStore(noSubscription, () => window.location.origin, () => "");

/** The link to copy into the phone's own browser, for a candidate inside an app's WebView. */
export function InAppNotice({ app, token, messages }: { app: string; token: string; messages: Messages }) {
  const t = translator(messages, "deviceCheck");
  const origin = useOrigin();
  const url = origin ? `${origin}/i/${token}` : "";
  const [copied, setCopied] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // Some in-app browsers have no clipboard API: select the text for a manual copy too.
      input.current?.select();
      document.execCommand("copy");
    }
    setCopied(true);
  }

  return (
    // A region (heading, input, button); only the short explanation is the alert.
    <section aria-labelledby="in-app-title" className="rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
      <h2 id="in-app-title" className="text-base font-semibold">
        {t("inAppTitle")}
      </h2>
      <p role="alert" className="mt-1">
        {t("inAppText", { app })}
      </p>
      <label htmlFor="interview-link" className="mt-3 block font-medium">
        {t("linkLabel")}
      </label>
      <div className="mt-1 flex flex-col gap-2 sm:flex-row">
        <input
          ref={input}
          id="interview-link"
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-lg border border-amber-300 bg-white px-3 py-2 text-slate-900"
        />
        <Button type="button" variant="secondary" onClick={copy}>
          {t("copy")}
        </Button>
      </div>
      <p aria-live="polite" className="mt-2 min-h-5">
        {copied ? t("copied") : ""}
      </p>
    </section>
  );
}
