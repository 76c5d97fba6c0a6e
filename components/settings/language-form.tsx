"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Label } from "@/components/ui/field";
import { useSubmit } from "@/components/ui/use-submit";
import { updateLocaleAction } from "@/lib/actions/account";
import { LOCALE_NAMES, LOCALES, type Locale } from "@/lib/i18n/config";
import { useLocalizeMessage } from "@/lib/i18n/localize-message";

// The outcome is kept as a message key (or the server's English message), not as text, so
// that it is shown in the language the page re-renders in after the switch.
type Status = { tone: "success"; key: "saved" | "unchanged" } | { tone: "error"; message: string };

/** The dashboard's language (and HR emails'): saved to the account, the page re-renders in it. */
export function LanguageForm({ locale }: { locale: Locale }) {
  const router = useRouter();
  const t = useTranslations("settings.language");
  const localize = useLocalizeMessage();
  const [status, setStatus] = useState<Status | null>(null);
  const { pending, run } = useSubmit();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const chosen = String(new FormData(e.currentTarget).get("locale") ?? "");
    setStatus(null);
    await run(async () => {
      const result = await updateLocaleAction({ locale: chosen as Locale });
      if (!result.ok) {
        setStatus({ tone: "error", message: result.fields?.locale?.[0] ?? result.error });
        return;
      }
      setStatus({ tone: "success", key: result.data.changed ? "saved" : "unchanged" });
      router.refresh();
    }, (message) => setStatus({ tone: "error", message }));
  }

  return (
    <Card>
      <CardHeader title={t("title")} description={t("description")} />
      <form onSubmit={onSubmit} className="flex max-w-md flex-col gap-4 sm:flex-row sm:items-end" noValidate>
        <div className="flex-1 space-y-1.5">
          <Label htmlFor="locale">{t("label")}</Label>
          <select
            id="locale"
            name="locale"
            defaultValue={locale}
            className="block w-full rounded-lg border-0 bg-white px-3 py-2 text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-500 focus:outline-none focus:ring-inset sm:text-sm"
          >
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary" pending={pending}>
          {t("save")}
        </Button>
      </form>
      {status && (
        <div className="mt-4">
          <Alert tone={status.tone}>{status.tone === "success" ? t(status.key) : localize(status.message)}</Alert>
        </div>
      )}
    </Card>
  );
}
