"use client";

import { useState, type FormEvent } from "react";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { useSubmit } from "@/components/ui/use-submit";
import { deleteAccountAction } from "@/lib/actions/account";
import { useLocalizeMessage } from "@/lib/i18n/localize-message";

export function DeleteAccountForm({ email }: { email: string }) {
  const t = useTranslations("settings.deleteAccount");
  const localize = useLocalizeMessage();
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string[] | undefined>();
  const { pending, run } = useSubmit();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const confirmEmail = String(new FormData(e.currentTarget).get("confirmEmail") ?? "");
    setError(null);
    await run(async () => {
      const result = await deleteAccountAction({ confirmEmail });
      if (!result.ok) {
        setFieldError(result.fields?.confirmEmail);
        if (!result.fields?.confirmEmail) setError(result.error);
        return;
      }
      await signOut({ callbackUrl: "/?deleted=1" });
    }, setError);
  }

  return (
    <Card className="ring-red-200">
      <CardHeader title={t("title")} description={t("description")} />
      <form onSubmit={onSubmit} className="max-w-md space-y-4" noValidate>
        {error && <Alert tone="error">{localize(error)}</Alert>}
        <Field
          id="confirmEmail"
          label={t("confirmLabel", { email })}
          autoComplete="off"
          errors={fieldError?.map(localize)}
          placeholder={email}
        />
        <Button type="submit" variant="danger" pending={pending}>
          {t("submit")}
        </Button>
      </form>
    </Card>
  );
}
