"use client";

import { useTranslations } from "next-intl";
import { useRef, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import type { InAppBrowser } from "./device-check-env";

// The in-app browser notice, shared by the device check and the recorder (which wraps it in a
// NextIntlClientProvider holding the deviceCheck messages).

export const APP_NAMES: Record<InAppBrowser, string> = {
  linkedin: "LinkedIn",
  instagram: "Instagram",
  facebook: "Facebook",
  tiktok: "TikTok",
  telegram: "Telegram",
  wechat: "WeChat",
};

const noSubscription = () => () => {};
const useOrigin = () => useSyncExternalStore(noSubscription, () => window.location.origin, () => "");

/** The link to copy into the phone's own browser, for a candidate inside an app's WebView. */
export function InAppNotice({ app, token }: { app: string; token: string }) {
  const t = useTranslations("deviceCheck");
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
