"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { useSubmit } from "@/components/ui/use-submit";
import { signUpAction } from "@/lib/actions/account";
import { signUpSchema } from "@/lib/schemas/user";
import type { FieldErrors } from "@/lib/errors";
import { SsoButton } from "./sso-button";

export function SignUpForm({ sso }: { sso: boolean }) {
  const router = useRouter();
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

  return (
    <Card>
      <h1 className="text-xl font-bold">Create your account</h1>
      <p className="mt-1 text-sm text-slate-600">Set up your HR workspace in under a minute.</p>
      <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
        {error && <Alert tone="error">{error}</Alert>}
        <Field id="fullName" label="Full name" autoComplete="name" required errors={fields.fullName} maxLength={200} />
        <Field id="companyName" label="Company (optional)" autoComplete="organization" errors={fields.companyName} />
        <Field id="email" label="Work email" type="email" autoComplete="email" required errors={fields.email} />
        <Field
          id="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 10 characters."
          errors={fields.password}
        />
        <Button type="submit" className="w-full" pending={pending}>
          Create account
        </Button>
      </form>
      {sso && <SsoButton callbackUrl="/dashboard" />}
      <p className="mt-6 text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-semibold text-brand-600 hover:text-brand-700">
          Sign in
        </Link>
      </p>
    </Card>
  );
}
