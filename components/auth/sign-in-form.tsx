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
import { retryMessage } from "@/lib/auth/retry-message";
import { SsoButton } from "./sso-button";

// ?error= comes from a link anyone can craft: only these codes are shown, each as fixed text.
const KNOWN_ERRORS: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  RateLimited: "Too many failed sign-in attempts. Try again later.",
  AccountDeleted: "This account was deleted.",
  SsoNoEmail: "Your identity provider did not share a valid email address.",
  OAuthSignin: "Single sign-on could not start. Try again.",
  OAuthCallback: "Single sign-on did not complete. Try again.",
  OAuthAccountNotLinked: "This email is linked to another sign-in method.",
  AccessDenied: "Access denied.",
  Callback: "Sign-in did not complete. Try again.",
  SessionRequired: "Sign in to continue.",
};

export function readableAuthError(error: string | null | undefined): string | null {
  if (!error) return null;
  // "RateLimited:<seconds>": the wait is a number, so the message stays ours.
  const wait = /^RateLimited:(\d{1,6})$/.exec(error);
  if (wait) return retryMessage(Number(wait[1]));
  return Object.hasOwn(KNOWN_ERRORS, error) ? KNOWN_ERRORS[error]! : "Sign-in failed. Try again.";
}

export function SignInForm({ callbackUrl, sso, initialError }: { callbackUrl: string; sso: boolean; initialError?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(readableAuthError(initialError));
  const { pending, run } = useSubmit();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setError(null);
    await run(async () => {
      const res = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (!res || res.error || !res.ok) {
        setError(readableAuthError(res?.error) ?? "Sign-in failed. Try again.");
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    }, setError);
  }

  return (
    <Card>
      <h1 className="text-xl font-bold">Sign in</h1>
      <p className="mt-1 text-sm text-slate-600">Welcome back. Sign in to your HR workspace.</p>
      <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
        {error && <Alert tone="error">{error}</Alert>}
        <Field id="email" label="Work email" type="email" autoComplete="email" required />
        <Field id="password" label="Password" type="password" autoComplete="current-password" required />
        <Button type="submit" className="w-full" pending={pending}>
          Sign in
        </Button>
      </form>
      {sso && <SsoButton callbackUrl={callbackUrl} />}
      <p className="mt-6 text-center text-sm text-slate-600">
        New here?{" "}
        <Link href="/sign-up" className="font-semibold text-brand-600 hover:text-brand-700">
          Create an account
        </Link>
      </p>
    </Card>
  );
}
