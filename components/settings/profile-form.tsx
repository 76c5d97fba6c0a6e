"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { useSubmit } from "@/components/ui/use-submit";
import { updateProfileAction } from "@/lib/actions/account";
import type { FieldErrors } from "@/lib/errors";
import { localizeFieldErrors, useLocalizeMessage } from "@/lib/i18n/localize-message";
import type { AccountView } from "@/lib/server/users/user-dto";

export function ProfileForm({ account }: { account: AccountView }) {
  const router = useRouter();
  const t = useTranslations("settings.profile");
  const localize = useLocalizeMessage();
  const tValidation = useTranslations("common.validation");
  // Kept as the server gives them (English) and shown translated: see lib/i18n/localize-message.ts.
  const [fields, setFields] = useState<FieldErrors>({});
  const [status, setStatus] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const { pending, run } = useSubmit();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setStatus(null);
    await run(async () => {
      const result = await updateProfileAction({
        fullName: String(form.get("fullName") ?? ""),
        companyName: String(form.get("companyName") ?? ""),
      });
      if (!result.ok) {
        setFields(result.fields ?? {});
        setStatus({ tone: "error", text: result.error });
        return;
      }
      setFields({});
      setStatus({ tone: "success", text: result.data.changed.length ? t("saved") : t("unchanged") });
      router.refresh();
    }, (text) => setStatus({ tone: "error", text }));
  }

  const shown = localizeFieldErrors(fields, (key) => tValidation(key));
  return (
    <Card>
      <CardHeader title={t("title")} description={t("description")} />
      <form onSubmit={onSubmit} className="max-w-md space-y-4" noValidate>
        {status && <Alert tone={status.tone}>{localize(status.text)}</Alert>}
        <Field id="fullName" label={t("fullName")} defaultValue={account.fullName} required errors={shown.fullName} />
        <Field id="companyName" label={t("company")} defaultValue={account.companyName ?? ""} errors={shown.companyName} />
        <Field id="email" label={t("email")} defaultValue={account.email} disabled hint={t("emailHint")} />
        <Button type="submit" pending={pending}>
          {t("save")}
        </Button>
      </form>
    </Card>
  );
}
