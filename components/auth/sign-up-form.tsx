"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { useSubmit } from "@/components/ui/use-submit";
import { signUpAction } from "@/lib/actions/account";
import { signUpSchema } from "@/lib/schemas/user";
import type { FieldErrors } from "@/lib/errors";
import { localizeFieldErrors, useLocalizeMessage } from "@/lib/i18n/localize-message";
import { SsoButton } from "./sso-button";

export function SignUpForm({ sso }: { sso: boolean }) {
  const router = useRouter();
  const t = useTranslations("auth.signUp");
  const localize = useLocalizeMessage();
  const tValidation = useTranslations("common.validation");
  // Messages are kept as the schema and the server give them (English) and shown translated.
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const { pending, run } = useSubmit();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = {
      fullName: String(form.get("fullName") ?? ""),
      companyName: String(form.get("companyName") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    setError(null);
    // The same schema the server enforces: instant feedback, one truth.
    const local = signUpSchema.safeParse(input);
    if (!local.success) {
      const next: FieldErrors = {};
      for (const issue of local.error.issues) (next[String(issue.path[0])] ??= []).push(issue.message);
      setFields(next);
      return;
    }
    setFields({});
    await run(async () => {
      const result = await signUpAction(input);
      if (!result.ok) {
        setFields(result.fields ?? {});
        if (!result.fields) setError(result.error);
        return;
      }
      const res = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
      if (!res?.ok) {
        router.replace("/sign-in");
        return;
      }
      router.replace("/dashboard");
      router.refresh();
    }, setError);
  }

  const shown = localizeFieldErrors(fields, (key) => tValidation(key));
  return (
    <Card>
      <h1 className="text-xl font-bold">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
        {error && <Alert tone="error">{localize(error)}</Alert>}
        <Field id="fullName" label={t("fullName")} autoComplete="name" required errors={shown.fullName} maxLength={200} />
        <Field id="companyName" label={t("companyName")} autoComplete="organization" errors={shown.companyName} />
        <Field id="email" label={t("email")} type="email" autoComplete="email" required errors={shown.email} />
        <Field
          id="password"
          label={t("password")}
          type="password"
          autoComplete="new-password"
          required
          hint={t("passwordHint")}
          errors={shown.password}
        />
        <Button type="submit" className="w-full" pending={pending}>
          {t("submit")}
        </Button>
      </form>
      {sso && <SsoButton callbackUrl="/dashboard" />}
      <p className="mt-6 text-center text-sm text-slate-600">
        {t("haveAccount")}{" "}
        <Link href="/sign-in" className="font-semibold text-brand-600 hover:text-brand-700">
          {t("signIn")}
        </Link>
      </p>
    </Card>
  );
}
