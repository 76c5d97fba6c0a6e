"use client";

import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { useSubmit } from "@/components/ui/use-submit";
import { updateNotifyHrAction } from "@/lib/actions/account";
import { useLocalizeMessage } from "@/lib/i18n/localize-message";
import { NOTIFY_HR_OPTIONS, type NotifyHr } from "@/lib/schemas/user";

type Status = { tone: "success"; key: "saved" | "unchanged" } | { tone: "error"; message: string };

/** When HR is emailed about finished candidates and analyses: at once, a daily digest, or never. */
export function NotificationsForm({ notifyHr }: { notifyHr: NotifyHr }) {
  const t = useTranslations("settings.notifications");
  const localize = useLocalizeMessage();
  const [status, setStatus] = useState<Status | null>(null);
  const { pending, run } = useSubmit();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const chosen = String(new FormData(e.currentTarget).get("notifyHr") ?? "");
    setStatus(null);
    await run(async () => {
      const result = await updateNotifyHrAction({ notifyHr: chosen as NotifyHr });
      if (!result.ok) {
        setStatus({ tone: "error", message: result.fields?.notifyHr?.[0] ?? result.error });
        return;
      }
      setStatus({ tone: "success", key: result.data.changed ? "saved" : "unchanged" });
    }, (message) => setStatus({ tone: "error", message }));
  }

  return (
    <Card>
      <CardHeader title={t("title")} description={t("description")} />
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <fieldset className="space-y-3">
          <legend className="sr-only">{t("legend")}</legend>
          {NOTIFY_HR_OPTIONS.map((option) => (
            <label key={option} className="flex cursor-pointer items-start gap-3">
              <input
                type="radio"
                name="notifyHr"
                value={option}
                defaultChecked={option === notifyHr}
                className="mt-1 h-4 w-4 border-slate-300 text-brand-600 focus:ring-brand-500"
              />
              <span>
                <span className="block text-sm font-medium text-slate-900">{t(`${option}.label`)}</span>
                <span className="block text-sm text-slate-600">{t(`${option}.hint`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
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
