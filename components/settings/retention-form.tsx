"use client";

import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { useSubmit } from "@/components/ui/use-submit";
import { updateRetentionAction } from "@/lib/actions/retention";
import { useLocalizeMessage } from "@/lib/i18n/localize-message";
import { MAX_RETENTION_DAYS } from "@/lib/schemas/retention";

type Status = { tone: "success"; key: "saved" | "unchanged" } | { tone: "error"; message: string };

/** The account's retention period: keep candidates' data, or erase it N days after an interview closes. */
export function RetentionForm({ retentionDays }: { retentionDays: number | null }) {
  const t = useTranslations("retention.settings");
  const localize = useLocalizeMessage();
  const [erase, setErase] = useState(retentionDays !== null);
  const [status, setStatus] = useState<Status | null>(null);
  const [fieldErrors, setFieldErrors] = useState<string[] | undefined>();
  const { pending, run } = useSubmit();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const raw = String(new FormData(e.currentTarget).get("retentionDays") ?? "").trim();
    const days = erase ? (raw === "" ? Number.NaN : Number(raw)) : null;
    setStatus(null);
    setFieldErrors(undefined);
    // Checked here too, so the message is in the page's language (the server says it in English).
    if (days !== null && (!Number.isInteger(days) || days < 1 || days > MAX_RETENTION_DAYS)) {
      setFieldErrors([t("daysInvalid", { max: MAX_RETENTION_DAYS })]);
      return;
    }
    await run(async () => {
      const result = await updateRetentionAction({ retentionDays: days });
      if (!result.ok) {
        if (result.fields?.retentionDays) setFieldErrors(result.fields.retentionDays);
        else setStatus({ tone: "error", message: result.error });
        return;
      }
      setStatus({ tone: "success", key: result.data.changed ? "saved" : "unchanged" });
    }, (message) => setStatus({ tone: "error", message }));
  }

  return (
    <Card>
      <CardHeader title={t("title")} description={t("description")} />
      <form onSubmit={onSubmit} className="max-w-md space-y-4" noValidate>
        <fieldset className="space-y-3">
          <legend className="sr-only">{t("legend")}</legend>
          {(["keep", "erase"] as const).map((option) => (
            <label key={option} className="flex cursor-pointer items-start gap-3">
              <input
                type="radio"
                name="retentionMode"
                value={option}
                checked={(option === "erase") === erase}
                onChange={() => setErase(option === "erase")}
                className="mt-1 h-4 w-4 border-slate-300 text-brand-600 focus:ring-brand-500"
              />
              <span className="block text-sm font-medium text-slate-900">{t(`${option}.label`)}</span>
            </label>
          ))}
        </fieldset>
        {erase && (
          <>
            <Field
              id="retentionDays"
              label={t("daysLabel")}
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_RETENTION_DAYS}
              step={1}
              defaultValue={retentionDays ?? 90}
              hint={t("daysHint", { max: MAX_RETENTION_DAYS })}
              errors={fieldErrors?.map(localize)}
            />
            <p className="rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">{t("warning")}</p>
          </>
        )}
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
