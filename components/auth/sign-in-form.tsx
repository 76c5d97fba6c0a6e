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
import { useLocalizeMessage } from "@/lib/i18n/localize-message";
import { readableAuthError } from "./auth-error";
import { SsoButton } from "./sso-button";

// What went wrong, kept untranslated so that it follows a change of language: a sign-in error
// code (auth-error.ts), or a message of our own (a network failure).
type Failure = { code: string } | { message: string };

export function SignInForm({ callbackUrl, sso, initialError }: { callbackUrl: string; sso: boolean; initialError?: string }) {
  const router = useRouter();
  const t = useTranslations("auth.signIn");
  const tError = useTranslations("auth.errors");
  const localize = useLocalizeMessage();
  const [failure, setFailure] = useState<Failure | null>(initialError ? { code: initialError } : null);
  const { pending, run } = useSubmit();
  const error = failure && ("code" in failure ? readableAuthError(failure.code, (key, values) => tError(key, values)) : localize(failure.message));

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setFailure(null);
    await run(async () => {
      const res = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (!res || res.error || !res.ok) {
        setFailure({ code: res?.error || "failed" });
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    }, (message) => setFailure({ message }));
  }

  return (
    <Card>
      <h1 className="text-xl font-bold">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
        {error && <Alert tone="error">{error}</Alert>}
        <Field id="email" label={t("email")} type="email" autoComplete="email" required />
        <Field id="password" label={t("password")} type="password" autoComplete="current-password" required />
        <Button type="submit" className="w-full" pending={pending}>
          {t("submit")}
        </Button>
      </form>
      {sso && <SsoButton callbackUrl={callbackUrl} />}
      <p className="mt-6 text-center text-sm text-slate-600">
        {t("newHere")}{" "}
        <Link href="/sign-up" className="font-semibold text-brand-600 hover:text-brand-700">
          {t("createAccount")}
        </Link>
      </p>
    </Card>
  );
}
